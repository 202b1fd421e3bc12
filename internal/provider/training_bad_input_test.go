package provider

// badTraining is a valid training of an existing project changed by lines
// (see block).
func badTraining(lines ...string) func(e *testEmulator) string {
	return func(e *testEmulator) string {
		return e.providerConfig() + block("toloka_training", [][2]string{
			{"project_id", `"100001"`},
			{"private_name", `"Bad training"`},
			{"inherited_instructions", "true"},
			{"training_tasks_in_task_suite_count", "3"},
		}, lines)
	}
}

// trainingBadInputs are invalid trainings and pool training requirements,
// each refused at plan time with a diagnostic naming its attribute; the bad
// input matrix runs them with the others.
func trainingBadInputs() []badInput {
	return []badInput{
		{"training without a name", badTraining(`private_name = ""`), []string{"Attribute private_name", "at least 1"}},
		{"training without a project", badTraining(`-project_id`), []string{`"project_id" is required`}},
		{"training without inherited_instructions", badTraining(`-inherited_instructions`), []string{`"inherited_instructions" is required`}},
		{"training suites of 501 tasks", badTraining(`training_tasks_in_task_suite_count = 501`), []string{"Attribute training_tasks_in_task_suite_count", "between 0 and 500"}},
		{"training passed after 501 suites", badTraining(`task_suites_required_to_pass = 501`), []string{"Attribute task_suites_required_to_pass", "between 0 and 500"}},
		{"training retried after 0 days", badTraining(`retry_training_after_days = 0`), []string{"Attribute retry_training_after_days", "between 1 and"}},
		{"training assignment shorter than 5 seconds", badTraining(`assignment_max_duration_seconds = 4`), []string{"Attribute assignment_max_duration_seconds", "between 5 and"}},
		{"training with empty metadata", badTraining(`metadata = {}`), []string{"Attribute metadata", "at least 1"}},
		{"pool requirement set twice", badPool(`quality_control = jsonencode({ training_requirement = { training_pool_id = "7", training_passing_skill_value = 70 } })`,
			`training_requirement = { training_id = "7", passing_skill_value = 70 }`),
			[]string{"Training requirement set twice", "training_requirement = {", "set both by `training_requirement` and inside `quality_control`"}},
		{"pool requirement without a passing value", badPool(`training_requirement = { training_id = "7" }`),
			[]string{`"training_requirement.passing_skill_value" must be specified`}},
		{"pool requirement without a training", badPool(`training_requirement = { passing_skill_value = 70 }`),
			[]string{`"training_requirement.training_id" must be specified`}},
		{"pool requirement above 100", badPool(`training_requirement = { training_id = "7", passing_skill_value = 101 }`),
			[]string{"Attribute training_requirement.passing_skill_value", "between 0 and 100"}},
		{"pool requirement of an empty training", badPool(`training_requirement = { training_id = "", passing_skill_value = 70 }`),
			[]string{"Attribute training_requirement.training_id", "at least 1"}},
	}
}
