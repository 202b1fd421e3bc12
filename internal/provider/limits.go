package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Limits that Toloka documents for project and pool fields and that no
// validator of the framework states on its own. Their values come from
// Toloka's OpenAPI description as the extract in internal/openapitest keeps
// it (with its corrections), and a test checks them against it.

// rewardPaidMinimum is the least price of a paid task suite, in US dollars;
// zero-price pools take only training and control tasks (the
// reward-minimum correction).
const rewardPaidMinimum = 0.005

// filterMaxLength bounds the compact JSON text of a pool filter, in
// characters (the pool-filter-length correction).
const filterMaxLength = 10000

// qualityBalancePercentStep: speed_quality_balance.percent is 10, 20, … 100
// (the quality-balance-percent-step correction).
const qualityBalancePercentStep = 10

// localizationSource is the one source of a translation
// (LocalizedValue.source).
const localizationSource = "REQUESTER"

// languageCodes are the languages of a project's localization
// (LocalizationConfig.default_language, AdditionalLanguage.language).
var languageCodes = []string{
	"AA", "AB", "AE", "AF", "AK", "AM", "AN", "AR", "AS", "AV", "AY", "AZ", "BA", "BE", "BG", "BH", "BI", "BM",
	"BN", "BO", "BR", "BS", "CA", "CE", "CH", "CO", "CR", "CS", "CU", "CV", "CY", "DA", "DE", "DV", "DZ", "EE",
	"EL", "EN", "EO", "ES", "ET", "EU", "FA", "FF", "FI", "FJ", "FO", "FR", "FY", "GA", "GD", "GL", "GN", "GU",
	"GV", "HA", "HE", "HI", "HO", "HR", "HT", "HU", "HY", "HZ", "IA", "ID", "IE", "IG", "II", "IK", "IO", "IS",
	"IT", "IU", "JA", "JV", "KA", "KG", "KI", "KJ", "KK", "KL", "KM", "KN", "KO", "KR", "KS", "KU", "KV", "KW",
	"KY", "LA", "LB", "LG", "LI", "LN", "LO", "LT", "LU", "LV", "MG", "MH", "MI", "MK", "ML", "MN", "MR", "MS",
	"MT", "MY", "NA", "NB", "ND", "NE", "NG", "NL", "NN", "NO", "NR", "NV", "NY", "OC", "OJ", "OM", "OR", "OS",
	"PA", "PI", "PL", "PS", "PT", "PT-BR", "QU", "RM", "RN", "RO", "RU", "RW", "SA", "SC", "SD", "SE", "SG",
	"SI", "SK", "SL", "SM", "SN", "SO", "SQ", "SR", "SS", "ST", "SU", "SV", "SW", "TA", "TE", "TG", "TH", "TI",
	"TK", "TL", "TN", "TO", "TR", "TS", "TT", "TW", "TY", "UG", "UK", "UR", "UZ", "VE", "VI", "VO", "WA", "WO",
	"XH", "YI", "YO", "ZA", "ZH", "ZH-HANS", "ZU",
}

// rewardValidator accepts a zero price or at least rewardPaidMinimum.
type rewardValidator struct{}

func (rewardValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be 0 (a zero-price pool) or at least %v", rewardPaidMinimum)
}

func (v rewardValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rewardValidator) ValidateFloat64(ctx context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if r := req.ConfigValue.ValueFloat64(); r != 0 && r < rewardPaidMinimum {
		resp.Diagnostics.AddAttributeError(req.Path, "Reward below Toloka's minimum",
			fmt.Sprintf("Attribute %s %s US dollars, got: %v. Only training and control tasks can be uploaded to zero-price pools.",
				req.Path, v.Description(ctx), r))
	}
}

// multipleOfValidator accepts the multiples of step.
type multipleOfValidator struct{ step int64 }

func (v multipleOfValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be a multiple of %d", v.step)
}

func (v multipleOfValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v multipleOfValidator) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueInt64(); n%v.step != 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid attribute value",
			fmt.Sprintf("Attribute %s %s, got: %d", req.Path, v.Description(ctx), n))
	}
}

// languageCodeValidator accepts the codes of languageCodes.
type languageCodeValidator struct{}

func (languageCodeValidator) Description(context.Context) string {
	return "value must be a language code Toloka knows: ISO 639-1 in upper case, such as EN, PT-BR or ZH-HANS"
}

func (v languageCodeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v languageCodeValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if code := req.ConfigValue.ValueString(); !slices.Contains(languageCodes, code) {
		resp.Diagnostics.AddAttributeError(req.Path, "Unknown language",
			fmt.Sprintf("Attribute %s %s, got: %q", req.Path, v.Description(ctx), code))
	}
}
