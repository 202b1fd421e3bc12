package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

func TestCheckProjectSendsTheProjectToTheStagingRoot(t *testing.T) {
	stored := readFixture(t, "project_docs_example.json")
	for _, verdict := range []string{DifferenceEqual, DifferenceNonBreaking, DifferenceBreaking, "SOMETHING_NEW"} {
		t.Run(verdict, func(t *testing.T) {
			var sent []byte
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || r.URL.Path != "/api/staging/projects/83859/check" {
					t.Errorf("request %s %s, want POST /api/staging/projects/83859/check", r.Method, r.URL.Path)
				}
				if ct := r.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q", ct)
				}
				if auth := r.Header.Get("Authorization"); auth != "ApiKey "+testToken {
					t.Errorf("Authorization %q", auth)
				}
				sent, _ = io.ReadAll(r.Body)
				writeBody(w, http.StatusOK, []byte(`{"differenceLevel":"`+verdict+`"}`))
			}))
			var p Project
			if err := json.Unmarshal(stored, &p); err != nil {
				t.Fatal(err)
			}
			got, err := client.CheckProject(context.Background(), "83859", &p)
			if err != nil {
				t.Fatal(err)
			}
			if got != verdict {
				t.Errorf("verdict %q, want %q", got, verdict)
			}
			// The whole project goes as UpdateProject would send it.
			assertSameJSON(t, stored, sent)
		})
	}
}

func TestCheckProjectFailures(t *testing.T) {
	project := &Project{ID: "7", PublicName: "p", PublicDescription: "d"}
	t.Run("an error answer is an APIError, not repeated when final", func(t *testing.T) {
		var requests atomic.Int32
		client := newTestClient(t, failing(100, &requests, func(w http.ResponseWriter) {
			writeBody(w, http.StatusNotFound, []byte(`{"code":"DOES_NOT_EXIST","message":"no such path"}`))
		}))
		_, err := client.CheckProject(context.Background(), "7", project)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
			t.Fatalf("error %v, want an APIError with status 404", err)
		}
		if n := requests.Load(); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
	t.Run("an unavailable endpoint is repeated, since the check changes nothing", func(t *testing.T) {
		var requests atomic.Int32
		client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if requests.Add(1) == 1 {
				writeBody(w, http.StatusServiceUnavailable, []byte(`{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`))
				return
			}
			writeBody(w, http.StatusOK, []byte(`{"differenceLevel":"EQUAL"}`))
		}))
		got, err := client.CheckProject(context.Background(), "7", project)
		if err != nil || got != DifferenceEqual {
			t.Fatalf("CheckProject = %q, %v; want EQUAL after one retry", got, err)
		}
		if n := requests.Load(); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
	t.Run("an answer without a verdict is an error", func(t *testing.T) {
		client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, http.StatusOK, []byte(`{}`))
		}))
		if got, err := client.CheckProject(context.Background(), "7", project); err == nil || !strings.Contains(err.Error(), "differenceLevel") {
			t.Errorf("CheckProject = %q, %v; want an error naming differenceLevel", got, err)
		}
	})
	t.Run("no project", func(t *testing.T) {
		client := newTestClient(t, http.NotFoundHandler())
		if _, err := client.CheckProject(context.Background(), "7", nil); err == nil {
			t.Error("CheckProject without a project succeeded")
		}
	})
}

func TestStagingRoot(t *testing.T) {
	for _, tc := range []struct{ base, want, wantErr string }{
		{base: SandboxURL, want: "https://sandbox.toloka.dev/api/staging"},
		{base: ProductionURL, want: "https://toloka.dev/api/staging"},
		{base: "http://127.0.0.1:8080/api/v1", want: "http://127.0.0.1:8080/api/staging"},
		{base: "https://proxy.example.com/toloka/v1", want: "https://proxy.example.com/toloka/staging"},
		{base: "https://proxy.example.com/toloka", wantErr: "does not end in /v1"},
		{base: "https://proxy.example.com/api/v10", wantErr: "does not end in /v1"},
	} {
		got, err := stagingRoot(tc.base)
		switch {
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("stagingRoot(%q) = %q, %v; want an error with %q", tc.base, got, err, tc.wantErr)
		case tc.wantErr == "" && (err != nil || got != tc.want):
			t.Errorf("stagingRoot(%q) = %q, %v; want %q", tc.base, got, err, tc.want)
		}
	}
}

func TestCheckProjectNeedsAV1BaseURL(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }),
		func(c *Config) { c.BaseURL = strings.TrimSuffix(c.BaseURL, "/v1") })
	if _, err := client.CheckProject(context.Background(), "7", &Project{}); err == nil {
		t.Fatal("CheckProject succeeded with a base URL that is not a v1 root")
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}
