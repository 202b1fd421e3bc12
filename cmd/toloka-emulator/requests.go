package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// requestsUsage is the synopsis of the requests subcommand.
const requestsUsage = `toloka-emulator requests [-url URL] [-from SEQ] [-to SEQ] [-last]

Prints what a running emulator was asked, in order, from its request log:
one line per request (identical consecutive ones counted together), the
polls of each operation on one line that says how it ended and how long it
was waited on. Times count from the first request in the log.
`

// requestsConfig is what the requests subcommand's flags say.
type requestsConfig struct {
	url      string
	from, to int
	last     bool
}

func parseRequestsFlags(args []string, stderr io.Writer) (requestsConfig, error) {
	var c requestsConfig
	fs := flag.NewFlagSet("toloka-emulator requests", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		_, _ = io.WriteString(stderr, requestsUsage+"\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.url, "url", "http://127.0.0.1:18080", "the emulator's `URL`, or its API root (.../api/v1)")
	fs.IntVar(&c.from, "from", 0, "show the requests numbered after `SEQ`")
	fs.IntVar(&c.to, "to", 0, "show the requests numbered up to `SEQ` (0: all)")
	fs.BoolVar(&c.last, "last", false, "print the number of the latest request instead, 0 if none")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	c.url = strings.TrimSuffix(strings.TrimSuffix(c.url, "/"), "/api/v1")
	return c, nil
}

// runRequests is the requests subcommand; it returns the exit status.
func runRequests(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseRequestsFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		note(stderr, err)
		return 2
	}
	log, err := fetchRequestLog(ctx, c.url)
	if err != nil {
		note(stderr, err)
		return 1
	}
	if err := printRequests(stdout, log, c); err != nil {
		note(stderr, err)
		return 1
	}
	return 0
}

// printRequests prints what c asks of the log.
func printRequests(w io.Writer, log []emulator.LoggedRequest, c requestsConfig) error {
	if c.last {
		last := 0
		if len(log) > 0 {
			last = log[len(log)-1].Seq
		}
		_, err := fmt.Fprintln(w, last)
		return err
	}
	var shown []emulator.LoggedRequest
	for _, r := range log {
		if r.Seq > c.from && (c.to == 0 || r.Seq <= c.to) {
			shown = append(shown, r)
		}
	}
	if len(shown) == 0 {
		_, err := io.WriteString(w, "  (no requests)\n")
		return err
	}
	return writeSummary(w, summarize(shown), log[0].At)
}

// fetchRequestLog reads GET /_emulator/request-log of the emulator at root.
func fetchRequestLog(ctx context.Context, root string) ([]emulator.LoggedRequest, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, root+"/_emulator/request-log", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading the request log: %w", err)
	}
	defer func() { _ = resp.Body.Close() }() // read to the end below: nothing is lost
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("reading the request log: %s answered %s", req.URL, resp.Status)
	}
	var body struct {
		Requests []emulator.LoggedRequest `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("reading the request log: %w", err)
	}
	return body.Requests, nil
}
