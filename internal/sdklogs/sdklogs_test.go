package sdklogs

import (
	"reflect"
	"testing"
)

func TestQuietUnlessAsked(t *testing.T) {
	quiet := map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF"}
	cases := []struct {
		name    string
		environ []string
		want    map[string]string
	}{
		{name: "no log variable", environ: []string{"HOME=/root", "TF_IN_AUTOMATION=1", "TOLOKA_API_KEY=k"}, want: quiet},
		{name: "TF_LOG", environ: []string{"TF_LOG=TRACE"}, want: map[string]string{}},
		{name: "TF_LOG set empty", environ: []string{"TF_LOG="}, want: map[string]string{}},
		{name: "TF_LOG_PROVIDER", environ: []string{"TF_LOG_PROVIDER=DEBUG"}, want: map[string]string{}},
		{name: "an SDK level of its own", environ: []string{"TF_LOG_SDK_PROTO=INFO"}, want: map[string]string{}},
		{name: "a variable that only starts alike", environ: []string{"TF_LOGGING=1"}, want: quiet},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			QuietUnlessAsked(tc.environ, func(k, v string) error { got[k] = v; return nil })
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("set %v, want %v", got, tc.want)
			}
		})
	}
}
