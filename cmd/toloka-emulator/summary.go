package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// row is one line of a request summary: a request, or several alike.
type row struct {
	at      time.Time
	method  string
	path    string
	status  int
	repeats int
	note    string
	// op is the operation a group of polls read.
	op *emulator.LoggedOperation
}

// summarize turns a request log into rows: consecutive identical requests
// become one row, and every poll of an operation joins the row of its first
// poll, which says how the operation ended and how long it was waited on,
// from the request that started it when that is in the log.
func summarize(log []emulator.LoggedRequest) []row {
	var rows []row
	started := map[string]time.Time{}
	polls := map[string]int{}
	for _, r := range log {
		op := r.Operation
		if op != nil && r.Route != "/operations/{id}" {
			started[op.ID] = r.At
			rows = append(rows, row{at: r.At, method: r.Method, path: r.Path, status: r.Status, repeats: 1, note: op.Type + " started"})
			continue
		}
		if op != nil {
			if i, seen := polls[op.ID]; seen {
				rows[i].repeats++
				rows[i].note = waitNote(op, started, rows[i].at, r.At)
				continue
			}
			polls[op.ID] = len(rows)
			rows = append(rows, row{at: r.At, method: r.Method, path: r.Route, status: r.Status, repeats: 1, op: op,
				note: waitNote(op, started, r.At, r.At)})
			continue
		}
		if n := len(rows); n > 0 && rows[n-1].op == nil && rows[n-1].method == r.Method && rows[n-1].path == r.Path && rows[n-1].status == r.Status {
			rows[n-1].repeats++
			continue
		}
		rows = append(rows, row{at: r.At, method: r.Method, path: r.Path, status: r.Status, repeats: 1})
	}
	return rows
}

// waitNote says how a waited-on operation stood at its latest poll, and for
// how long it had been waited on: since it was started, or since the first
// poll when the request that started it is not in the log.
func waitNote(op *emulator.LoggedOperation, started map[string]time.Time, firstPoll, lastPoll time.Time) string {
	since, ok := started[op.ID]
	if !ok {
		since = firstPoll
	}
	status := op.Status
	if status != "SUCCESS" && status != "FAIL" {
		status = "still " + status
	}
	return fmt.Sprintf("%s %s after %s", op.Type, status, seconds(lastPoll.Sub(since)))
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// writeSummary prints the rows, times counted from origin.
func writeSummary(w io.Writer, rows []row, origin time.Time) error {
	width := len("request")
	requests := make([]string, len(rows))
	for i, r := range rows {
		requests[i] = fmt.Sprintf("%-4s %s", r.method, r.path)
		if r.repeats > 1 {
			requests[i] += fmt.Sprintf(" ×%d", r.repeats)
		}
		width = max(width, len([]rune(requests[i])))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %7s  %-*s  %s\n", "time", width, "request", "answer")
	for i, r := range rows {
		line := fmt.Sprintf("  %7s  %s%s  %d  %s", seconds(r.at.Sub(origin)), requests[i],
			strings.Repeat(" ", width-len([]rune(requests[i]))), r.status, r.note)
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
