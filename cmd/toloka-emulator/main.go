// Command toloka-emulator serves the in-memory Toloka API emulator on a
// loopback address, for demos and benchmarks of Toloka clients:
//
//	toloka-emulator [-listen 127.0.0.1:18080] [-api-key KEY] [-oauth-token TOKEN]
//	                [-operation-delay 1s] [-no-rate-limits]
//
// It prints the API root (http://127.0.0.1:18080/api/v1) on its first line of
// standard output and stops on SIGINT or SIGTERM. The key defaults to
// $TOLOKA_API_KEY, or else to the emulator's demo key. The test controls are
// served under /_emulator (see package internal/emulator).
//
//	toloka-emulator requests [-url http://127.0.0.1:18080] [-from SEQ] [-to SEQ] [-last]
//
// prints what a running emulator was asked, in order, from its request log:
// each request with its answer, and each operation with how long it was
// waited on.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	listen     string
	apiKey     string
	oauthToken string
	delay      time.Duration
	noLimits   bool
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("toloka-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defaultKey := getenv("TOLOKA_API_KEY")
	if defaultKey == "" {
		defaultKey = emulator.DemoAPIKey
	}
	fs.StringVar(&c.listen, "listen", "127.0.0.1:18080", "loopback `address` to listen on")
	fs.StringVar(&c.apiKey, "api-key", defaultKey, "API `key` accepted as \"Authorization: ApiKey <key>\" (default $TOLOKA_API_KEY, else the demo key)")
	fs.StringVar(&c.oauthToken, "oauth-token", "", "OAuth `token` also accepted as \"Authorization: OAuth <token>\"")
	fs.DurationVar(&c.delay, "operation-delay", emulator.DefaultOperationDelay, "time from submitting an operation to its end (0: instantaneous)")
	fs.BoolVar(&c.noLimits, "no-rate-limits", false, "disable the creation quotas (20/min and 100/day; skills 10/min and 100/day)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if c.apiKey == "" {
		return c, errors.New("-api-key must not be empty")
	}
	return c, checkLoopback(c.listen)
}

// checkLoopback refuses any address but a loopback one: the emulator accepts
// a well-known demo key and must not be reachable from other machines.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-listen %q: not a loopback address (use 127.0.0.1, ::1 or localhost)", addr)
}

func (c config) options() emulator.Options {
	opts := emulator.Options{APIKeys: []string{c.apiKey}}
	if c.oauthToken != "" {
		opts.OAuthTokens = []string{c.oauthToken}
	}
	if c.noLimits {
		opts.CreateQuota = &emulator.Quota{}
		opts.SkillCreateQuota = &emulator.Quota{}
	}
	return opts
}

// run serves until ctx ends and returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "requests" {
		return runRequests(ctx, args[1:], stdout, stderr)
	}
	c, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		note(stderr, err)
		return 2
	}
	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		note(stderr, err)
		return 1
	}
	handler := emulator.New(c.options())
	handler.SetOperationDelay(c.delay)
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}

	// Whoever started the emulator finds it by this line, so not printing it is fatal.
	if _, err := fmt.Fprintf(stdout, "http://%s/api/v1\n", ln.Addr()); err != nil {
		note(stderr, "announcing the address:", err)
		_ = ln.Close()
		return 1
	}
	if c.apiKey == emulator.DemoAPIKey {
		note(stderr, "accepting the demo key: Authorization: ApiKey", emulator.DemoAPIKey)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		note(stderr, err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		note(stderr, "shutdown:", err)
		return 1
	}
	return 0
}

// note writes a line to stderr. A failed write there leaves nowhere else to
// report anything, so its error is dropped.
func note(stderr io.Writer, parts ...any) {
	_, _ = fmt.Fprintln(stderr, append([]any{"toloka-emulator:"}, parts...)...)
}
