package main

import (
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

func TestSummaryGroupsPollsAndRepeats(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	op := func(id, kind, status string) *emulator.LoggedOperation {
		return &emulator.LoggedOperation{ID: id, Type: kind, Status: status}
	}
	log := []emulator.LoggedRequest{
		{Seq: 1, At: at(0), Method: "GET", Path: "/projects/100001", Route: "/projects/{id}", Status: 200},
		{Seq: 2, At: at(100), Method: "GET", Path: "/projects/100001", Route: "/projects/{id}", Status: 200},
		{Seq: 3, At: at(200), Method: "POST", Path: "/pools/30000001/close", Route: "/pools/{id}/close", Status: 202,
			Operation: op("a", "POOL.CLOSE", "PENDING")},
		{Seq: 4, At: at(500), Method: "GET", Path: "/operations/a", Route: "/operations/{id}", Status: 200,
			Operation: op("a", "POOL.CLOSE", "RUNNING")},
		{Seq: 5, At: at(4200), Method: "GET", Path: "/operations/a", Route: "/operations/{id}", Status: 200,
			Operation: op("a", "POOL.CLOSE", "SUCCESS")},
		{Seq: 6, At: at(4300), Method: "GET", Path: "/operations/b", Route: "/operations/{id}", Status: 200,
			Operation: op("b", "PROJECT.ARCHIVE", "RUNNING")},
		{Seq: 7, At: at(4400), Method: "GET", Path: "/pools?project_id=100001", Route: "/pools", Status: 200},
	}
	var out strings.Builder
	if err := writeSummary(&out, summarize(log[1:]), t0); err != nil {
		t.Fatal(err)
	}
	want := `     time  request                        answer
    0.1 s  GET  /projects/100001          200
    0.2 s  POST /pools/30000001/close     202  POOL.CLOSE started
    0.5 s  GET  /operations/{id} ×2       200  POOL.CLOSE SUCCESS after 4.0 s
    4.3 s  GET  /operations/{id}          200  PROJECT.ARCHIVE still RUNNING after 0.0 s
    4.4 s  GET  /pools?project_id=100001  200
`
	if out.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", out.String(), want)
	}

	out.Reset()
	if err := writeSummary(&out, summarize(log[:2]), t0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "GET  /projects/100001 ×2  200") {
		t.Errorf("identical consecutive requests are not counted together:\n%s", out.String())
	}
}
