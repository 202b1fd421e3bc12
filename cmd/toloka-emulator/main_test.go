package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:18080": true,
		"127.0.0.2:1":     true,
		"[::1]:18080":     true,
		"localhost:0":     true,
		":18080":          false,
		"0.0.0.0:18080":   false,
		"[::]:18080":      false,
		"192.168.1.2:80":  false,
		"example.com:80":  false,
		"127.0.0.1":       false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v", addr, err)
		}
	}
}

func TestParseFlags(t *testing.T) {
	noEnv := func(string) string { return "" }
	env := func(k string) string {
		if k == "TOLOKA_API_KEY" {
			return "from-env"
		}
		return ""
	}
	c, err := parseFlags(nil, noEnv, io.Discard)
	if err != nil || c.apiKey != emulator.DemoAPIKey || c.listen != "127.0.0.1:18080" || c.delay != time.Second || c.noLimits {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	if c, _ := parseFlags(nil, env, io.Discard); c.apiKey != "from-env" {
		t.Errorf("key from env: %q", c.apiKey)
	}
	c, err = parseFlags([]string{"-api-key", "k", "-operation-delay", "0", "-no-rate-limits"}, env, io.Discard)
	if err != nil || c.apiKey != "k" || c.delay != 0 || !c.noLimits {
		t.Errorf("flags: %+v, %v", c, err)
	}
	if c.options().CreateQuota == nil || *c.options().CreateQuota != (emulator.Quota{}) {
		t.Error("-no-rate-limits does not disable the quota")
	}
	if c.options().SkillCreateQuota == nil || *c.options().SkillCreateQuota != (emulator.Quota{}) {
		t.Error("-no-rate-limits does not disable the skill quota")
	}
	for _, bad := range [][]string{{"-listen", "0.0.0.0:1"}, {"-api-key", ""}, {"extra"}, {"-bogus"}} {
		if _, err := parseFlags(bad, noEnv, io.Discard); err == nil {
			t.Errorf("parseFlags(%v) accepted", bad)
		}
	}
}

// TestRunServesALifecycle starts the command on a free port and walks a
// project's lifecycle over HTTP the way an SDK does, then stops it.
func TestRunServesALifecycle(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, stdout := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-api-key", "k", "-operation-delay", "100ms"},
			func(string) string { return "" }, stdout, io.Discard)
	}()
	root, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	root = strings.TrimSpace(root)
	if !strings.HasPrefix(root, "http://127.0.0.1:") || !strings.HasSuffix(root, "/api/v1") {
		t.Fatalf("API root %q", root)
	}
	c := client{t: t, root: root}

	project := c.call(http.MethodPost, "/projects", `{"public_name":"n","public_description":"d",
		"task_spec":{"input_spec":{"u":{"type":"url"}},"output_spec":{"r":{"type":"string"}},"view_spec":{"markup":"x"}}}`, 201)
	id := project["id"].(string)
	pool := c.control(http.MethodPost, "/pools", `{"project_id":"`+id+`","status":"CLOSED"}`, 201)
	c.call(http.MethodPost, "/projects/"+id+"/archive", "", 409)
	c.control(http.MethodPut, "/pools/"+pool["id"].(string)+"/status", `{"status":"ARCHIVED"}`, 204)
	op := c.call(http.MethodPost, "/projects/"+id+"/archive", "", 202)
	for deadline := time.Now().Add(5 * time.Second); op["status"] != "SUCCESS"; {
		if time.Now().After(deadline) {
			t.Fatalf("operation still %v", op["status"])
		}
		time.Sleep(20 * time.Millisecond)
		op = c.call(http.MethodGet, "/operations/"+op["id"].(string), "", 200)
	}
	if got := c.call(http.MethodGet, "/projects/"+id, "", 200)["status"]; got != "ARCHIVED" {
		t.Errorf("project %v after SUCCESS", got)
	}
	c.call(http.MethodPost, "/projects/"+id+"/archive", "", 204)
	checkRequestsSubcommand(t, ctx, root, id)

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
}

// checkRequestsSubcommand reads the lifecycle's request log through the
// requests subcommand.
func checkRequestsSubcommand(t *testing.T, ctx context.Context, root, projectID string) {
	t.Helper()
	var out, errs strings.Builder
	if code := run(ctx, []string{"requests", "-url", root}, nil, &out, &errs); code != 0 {
		t.Fatalf("requests: exit %d: %s", code, errs.String())
	}
	summary := out.String()
	for _, want := range []string{
		"POST /projects  ", "409", "POST /projects/" + projectID + "/archive  202  PROJECT.ARCHIVE started",
		"PROJECT.ARCHIVE SUCCESS after", "204",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	out.Reset()
	if code := run(ctx, []string{"requests", "-url", root, "-last"}, nil, &out, &errs); code != 0 || out.String() == "0\n" {
		t.Errorf("requests -last: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run(ctx, []string{"requests", "-url", root, "-from", "1000"}, nil, &out, &errs); code != 0 || out.String() != "  (no requests)\n" {
		t.Errorf("requests -from 1000: exit %d, %q", code, out.String())
	}
}

type client struct {
	t    *testing.T
	root string
}

func (c client) call(method, path, body string, want int) map[string]any {
	return c.send(method, c.root+path, body, want, true)
}

func (c client) control(method, path, body string, want int) map[string]any {
	return c.send(method, strings.TrimSuffix(c.root, "/api/v1")+"/_emulator"+path, body, want, false)
}

func (c client) send(method, url, body string, want int, auth bool) map[string]any {
	c.t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if auth {
		req.Header.Set("Authorization", "ApiKey k")
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: %d %s, want %d", method, url, resp.StatusCode, raw, want)
	}
	var m map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			c.t.Fatalf("%s %s: %v", method, url, err)
		}
	}
	return m
}
