package provider

// The shape of mixer_config (MixerConfig in Toloka's OpenAPI description)
// and of the task distribution functions it shares with quality control's
// checkpoints (TaskDistributionFunction).

// mixerTaskCounts are the task counts of a suite, each with the minimum
// that may stand for it when too few tasks are left.
var mixerTaskCounts = []struct{ count, minimum string }{
	{"real_tasks_count", "min_real_tasks_count"},
	{"golden_tasks_count", "min_golden_tasks_count"},
	{"training_tasks_count", "min_training_tasks_count"},
}

// Limits of MixerConfig and TaskDistributionFunction.
var (
	mixerTaskCountSpan        = between(0, 500)
	mixerLastAssignmentDelay  = between(0, 86400)
	distributionScopes        = []string{"POOL", "PROJECT"}
	distributionKinds         = []string{"UNIFORM"}
	distributionWindowDays    = between(1, 365)
	distributionIntervalCount = 10000
	distributionIntervalBound = between(1, 1000000)
	distributionFrequency     = between(1, 10000000)
)

// checkMixerConfig checks a mixer_config document.
func checkMixerConfig(s *shape, doc map[string]any) {
	for _, c := range mixerTaskCounts {
		count, countOK := s.integerMember(doc, "", c.count, mixerTaskCountSpan, true)
		least, leastOK := s.integerMember(doc, "", c.minimum, mixerTaskCountSpan, false)
		// toloka-kit: the minimum ranges from 0 to the count.
		if countOK && leastOK && least > count {
			s.fail(c.minimum, "must be at most %s (%d), not %d", c.count, count, least)
		}
	}
	for _, name := range []string{"force_last_assignment", "mix_tasks_in_creation_order", "shuffle_tasks_in_task_suite"} {
		s.boolMember(doc, "", name, false)
	}
	s.integerMember(doc, "", "force_last_assignment_delay_seconds", mixerLastAssignmentDelay, false)
	for _, name := range []string{"golden_task_distribution_function", "training_task_distribution_function"} {
		if f, ok := s.objectMember(doc, "", name, false); ok {
			checkTaskDistribution(s, f, name)
		}
	}
}

// checkTaskDistribution checks a task distribution function found at at.
func checkTaskDistribution(s *shape, f map[string]any, at string) {
	s.enumMember(f, at, "scope", distributionScopes, true)
	s.enumMember(f, at, "distribution", distributionKinds, true)
	s.integerMember(f, at, "window_days", distributionWindowDays, true)
	intervals := s.arrayMember(f, at, "intervals", true, 1, distributionIntervalCount)
	for i, item := range intervals {
		itemAt := indexAt(memberAt(at, "intervals"), i)
		interval, ok := s.object(item, itemAt)
		if !ok {
			continue
		}
		s.integerMember(interval, itemAt, "from", distributionIntervalBound, false)
		s.integerMember(interval, itemAt, "to", distributionIntervalBound, false)
		s.integerMember(interval, itemAt, "frequency", distributionFrequency, true)
	}
}
