package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// timestampType is a string attribute holding a Toloka timestamp (UTC,
// "YYYY-MM-DDThh:mm:ss[.sss]"). Two values are equal when they name the same
// instant, so "2030-01-01T00:00:00", "2030-01-01T00:00:00.000" and
// "2030-01-01T00:00:00Z" make no diff.
type timestampType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = timestampType{}
	_ basetypes.StringValuableWithSemanticEquals = timestampValue{}
	_ xattr.ValidateableAttribute                = timestampValue{}
)

func (t timestampType) String() string { return "timestampType" }

func (t timestampType) Equal(o attr.Type) bool {
	_, ok := o.(timestampType)
	return ok
}

func (t timestampType) ValueType(context.Context) attr.Value {
	return timestampValue{}
}

func (t timestampType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return timestampValue{StringValue: in}, nil
}

func (t timestampType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return timestampValue{StringValue: s}, nil
}

// timestampValue is a value of timestampType.
type timestampValue struct {
	basetypes.StringValue
}

// newTimestamp holds a timestamp Toloka sent, spelled as the API writes it
// (a fraction only when it is not zero); nil is null.
func newTimestamp(t *toloka.Time) timestampValue {
	if t == nil {
		return timestampValue{StringValue: basetypes.NewStringNull()}
	}
	return timestampValue{StringValue: basetypes.NewStringValue(t.APIString())}
}

func (v timestampValue) Type(context.Context) attr.Type { return timestampType{} }

func (v timestampValue) Equal(o attr.Value) bool {
	other, ok := o.(timestampValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v timestampValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	newValue, ok := newValuable.(timestampValue)
	if !ok {
		return false, nil
	}
	a, errA := toloka.ParseTime(v.ValueString())
	b, errB := toloka.ParseTime(newValue.ValueString())
	return errA == nil && errB == nil && a.Equal(b.Time), nil
}

func (v timestampValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if _, err := toloka.ParseTime(v.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timestamp",
			fmt.Sprintf("%s must be a UTC date and time such as \"2030-01-31T18:00:00\": %q is not one.", req.Path, v.ValueString()))
	}
}

// time returns the timestamp; call it on a validated, known value.
func (v timestampValue) time() (toloka.Time, error) {
	return toloka.ParseTime(v.ValueString())
}

// spelledAs is prior when it names the same instant as v, so that the state
// keeps the configuration's spelling of a timestamp Toloka writes otherwise.
func (v timestampValue) spelledAs(ctx context.Context, prior timestampValue) timestampValue {
	if isSet(prior) && isSet(v) {
		if same, _ := prior.StringSemanticEquals(ctx, v); same {
			return prior
		}
	}
	return v
}

// applyTimestamp writes a configured timestamp onto dst, which holds
// Toloka's, unless the two name the same instant; a null or unknown one
// leaves dst as it is.
func applyTimestamp(v timestampValue, at path.Path, dst **toloka.Time) diag.Diagnostics {
	if !isSet(v) {
		return nil
	}
	t, err := v.time()
	if err != nil {
		var diags diag.Diagnostics
		diags.AddAttributeError(at, "Invalid timestamp", err.Error())
		return diags
	}
	if *dst == nil || !(*dst).Equal(t.Time) {
		*dst = &t
	}
	return nil
}

// keepSameInstant plans the prior state's timestamp when the configured one
// names the same instant, so that another spelling of it (after an import,
// say) plans no change.
type keepSameInstant struct{}

var _ planmodifier.String = keepSameInstant{}

func (keepSameInstant) Description(context.Context) string {
	return "Keeps the value in the state when the configured timestamp names the same instant."
}

func (m keepSameInstant) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepSameInstant) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !isSet(req.ConfigValue) || !isSet(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	configured, errC := toloka.ParseTime(req.ConfigValue.ValueString())
	held, errS := toloka.ParseTime(req.StateValue.ValueString())
	if errC == nil && errS == nil && configured.Equal(held.Time) {
		resp.PlanValue = req.StateValue
	}
}
