package devserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// serveSite starts a real HTTP server over a dev server whose build gives
// the home page, or fails with a problem when broken is set.
func serveSite(t *testing.T, hosts []string, broken bool) *httptest.Server {
	t.Helper()
	s := New(Options{Hosts: hosts, Build: func(_ context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
		if broken {
			return nil, diag.Errors{diag.Errorf(diag.Pos{File: "content/secret-draft.md", Line: 3, Col: 1}, "Fix it", "a problem in a draft")}
		}
		return nil, sink.Publish([]publish.File{{Path: "index.html", Data: []byte("<p>draft preview</p>")}})
	}})
	if err := s.Rebuild(context.Background()); err != nil && !broken {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// fetch sends a real request to ts with the Host header set to host, as a
// browser does for a page whose name was pointed at 127.0.0.1.
func fetch(t *testing.T, ts *httptest.Server, host, path string) (int, string, http.Header) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// The event stream never ends by itself: read only its first event.
	var body []byte
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		buf := make([]byte, 512)
		n, _ := resp.Body.Read(buf)
		body = buf[:n]
	} else if body, err = io.ReadAll(resp.Body); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

func TestHostsAnswered(t *testing.T) {
	ts := serveSite(t, []string{"oak-house.local", ".clients.example"}, false)
	port := ts.URL[strings.LastIndexByte(ts.URL, ':'):]
	for _, host := range []string{
		"", // the client sends 127.0.0.1:PORT itself
		"127.0.0.1" + port, "localhost" + port, "LocalHost", "localhost.", "preview.localhost" + port,
		"[::1]" + port, "[::1]", "10.0.0.5:1313", "192.168.1.20",
		"oak-house.local", "OAK-HOUSE.LOCAL:8080", "clients.example", "a.b.clients.example" + port,
	} {
		status, body, _ := fetch(t, ts, host, "/")
		if status != http.StatusOK || body != "<p>draft preview</p>" {
			t.Errorf("Host %q: status %d, body %q", host, status, body)
		}
	}
}

// Any other name is refused with a plain message saying which names are
// answered and how to allow another; the event stream and the error page
// are refused alike.
func TestHostsRefused(t *testing.T) {
	ts := serveSite(t, []string{"oak-house.local", ".clients.example"}, false)
	for _, host := range []string{
		"evil.example", "evil.example:1313", "127.0.0.1.evil.example", "localhost.evil.example",
		"notclients.example", "oak-house.local.evil.example", "0x7f.1",
	} {
		for _, path := range []string{"/", eventsPath, scriptPath, "/nope"} {
			status, body, hdr := fetch(t, ts, host, path)
			name := strings.ToLower(hostName(host))
			if status != http.StatusForbidden || hdr.Get("Content-Type") != "text/plain; charset=utf-8" ||
				!strings.Contains(body, `the host name "`+name+`"`) ||
				!strings.Contains(body, "localhost, names ending in .localhost and IP addresses, and oak-house.local, .clients.example") ||
				!strings.Contains(body, "readykit serve --allow-host "+name) {
				t.Errorf("Host %q, %s: status %d, type %q, body:\n%s", host, path, status, hdr.Get("Content-Type"), body)
			}
			if strings.Contains(body, "draft") || strings.Contains(body, "reload") {
				t.Errorf("Host %q, %s: the refusal gives the preview away:\n%s", host, path, body)
			}
		}
	}

	broken := serveSite(t, nil, true)
	status, body, _ := fetch(t, broken, "evil.example", "/")
	if status != http.StatusForbidden || strings.Contains(body, "secret-draft") || strings.Contains(body, "oak-house") {
		t.Errorf("error page for another host: status %d\n%s", status, body)
	}
	if status, body, _ := fetch(t, broken, "localhost", "/"); status != http.StatusInternalServerError || !strings.Contains(body, "content/secret-draft.md:3:1") {
		t.Errorf("error page for localhost: status %d\n%s", status, body)
	}
}

func TestValidHost(t *testing.T) {
	for name, want := range map[string]bool{
		"oak-house.local": true, ".clients.example": true, "LAPTOP": true, "my_pc.lan": true,
		"": false, ".": false, "a..b": false, "host:8080": false, "http://x": false, "x/y": false,
		"-x.example": false, "x-.example": false, "*.example": false, "a b": false,
	} {
		if got := ValidHost(name); got != want {
			t.Errorf("ValidHost(%q) = %v", name, got)
		}
	}
}
