package provider

import "sort"

// The shapes of dynamic_overlap_config (BasicDynamicOverlapConfig in
// Toloka's OpenAPI description) and dynamic_pricing_config
// (DynamicPricingConfig).

// Limits of the dynamic configurations.
var (
	overlapConfigTypes     = []string{"BASIC"}
	dynamicMaxOverlap      = between(1, 30000)
	dynamicMinConfidence   = between(0, 1)
	pricingConfigTypes     = []string{"SKILL"}
	pricingIntervalCount   = 10000
	pricingIntervalBound   = between(0, 1000000)
	pricingIntervalDefault = struct{ from, to int64 }{0, 100}
)

// checkDynamicOverlapConfig checks a dynamic_overlap_config document.
func checkDynamicOverlapConfig(s *shape, doc map[string]any) {
	s.enumMember(doc, "", "type", overlapConfigTypes, true)
	s.integerMember(doc, "", "max_overlap", dynamicMaxOverlap, true)
	s.numberMember(doc, "", "min_confidence", dynamicMinConfidence, true)
	s.stringMember(doc, "", "answer_weight_skill_id", true)
	fields := s.arrayMember(doc, "", "fields", true, 0, 0)
	for i, item := range fields {
		if field, ok := s.object(item, indexAt("fields", i)); ok {
			s.stringMember(field, indexAt("fields", i), "name", true)
		}
	}
}

// checkDynamicPricingConfig checks a dynamic_pricing_config document. An
// interval's bounds are skill values: the API reference's own example
// starts one at 0, below the 1 its Interval schema states, so they range
// from 0. The intervals, bounds included, must not overlap.
func checkDynamicPricingConfig(s *shape, doc map[string]any) {
	s.enumMember(doc, "", "type", pricingConfigTypes, true)
	s.stringMember(doc, "", "skill_id", true)
	intervals := s.arrayMember(doc, "", "intervals", true, 1, pricingIntervalCount)
	var spans []pricingSpan
	for i, item := range intervals {
		at := indexAt("intervals", i)
		interval, ok := s.object(item, at)
		if !ok {
			continue
		}
		span := pricingSpan{index: i, from: pricingIntervalDefault.from, to: pricingIntervalDefault.to}
		fromOK, toOK := true, true
		if interval["from"] != nil {
			span.from, fromOK = s.integerMember(interval, at, "from", pricingIntervalBound, true)
		}
		if interval["to"] != nil {
			span.to, toOK = s.integerMember(interval, at, "to", pricingIntervalBound, true)
		}
		s.numberMember(interval, at, "reward_per_assignment", atLeast(0), true)
		if fromOK && toOK {
			spans = append(spans, span)
		}
	}
	checkPricingOverlaps(s, spans)
}

// pricingSpan is the skill range of the index-th pricing interval.
type pricingSpan struct {
	index    int
	from, to int64
}

// checkPricingOverlaps reports each interval that starts within one that
// starts before it.
func checkPricingOverlaps(s *shape, spans []pricingSpan) {
	if len(spans) == 0 {
		return
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	reach := spans[0] // of the intervals so far, the one reaching highest
	for _, cur := range spans[1:] {
		if cur.from <= reach.to {
			s.fail(indexAt("intervals", cur.index), "skills %d to %d overlap intervals[%d] (%d to %d)",
				cur.from, cur.to, reach.index, reach.from, reach.to)
		}
		if cur.to > reach.to {
			reach = cur
		}
	}
}
