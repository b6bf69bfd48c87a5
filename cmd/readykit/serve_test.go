package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutines
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs "readykit serve" with opts on a free port until ctx
// ends. It returns the address, what the server writes to stderr, and the
// channel its result arrives on.
func startServe(ctx context.Context, t *testing.T, opts *serveOptions) (addr string, errs *syncBuffer, done <-chan error) {
	t.Helper()
	errs = &syncBuffer{}
	ready := make(chan string, 1)
	result := make(chan error, 1)
	opts.streams = streams{Out: &syncBuffer{}, Err: errs}
	opts.ready = ready
	go func() { result <- runServe(ctx, opts) }()
	select {
	case addr = <-ready:
	case err := <-result:
		t.Fatalf("serve stopped: %v\n%s", err, errs.String())
	}
	return addr, errs, result
}

// TestServeReloadsOnEdit runs "readykit serve" on a free port and, as a
// browser would, reads its server-sent events with a real HTTP client:
// saving a content file rebuilds the site and sends a reload event; a
// broken file shows the problem in the browser while the last good site
// stays; fixing it clears the problem.
func TestServeReloadsOnEdit(t *testing.T) {
	dir := baseSite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	addr, errs, done := startServe(ctx, t, &serveOptions{Source: dir, Bind: "127.0.0.1"})
	if !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("serving at %s, want 127.0.0.1 by default", addr)
	}

	status, body, hdr := get(t, ctx, addr)
	if status != 200 || !strings.Contains(body, "Start with the") {
		t.Fatalf("home: %d\n%s", status, body)
	}
	if !strings.Contains(body, `<script type="module" src="/_readykit/reload.js"></script></body>`) {
		t.Errorf("home page lacks the reload script")
	}
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	// The preview makes no portable copy: its link is answered in words.
	zip := regexp.MustCompile(`href="/(download/[^"]+\.zip)" download>`).FindStringSubmatch(body)
	if zip == nil || !strings.Contains(body, "(ZIP, made by readykit build)") {
		t.Errorf("the footer does not offer the portable copy as the preview should:\n%s", body)
	} else if status, text, _ := get(t, ctx, addr+zip[1]); status != 404 || !strings.Contains(text, "readykit build makes it") {
		t.Errorf("%s: %d %q", zip[1], status, text)
	}

	events := openEvents(t, ctx, addr)
	if ev := events.next(t); ev != "hello" {
		t.Fatalf("first event %q, want hello", ev)
	}

	// After each save, wait for a reload event after which the page is as
	// expected. A save that the file system reports in two parts may
	// rebuild twice, so one reload is not assumed to be the last.
	reloadUntil := func(what string, ok func(status int, body string) bool) {
		t.Helper()
		for {
			if ev := events.next(t); ev != "reload" {
				t.Fatalf("%s: event %q, want reload", what, ev)
			}
			if status, body, _ := get(t, ctx, addr); ok(status, body) {
				return
			}
		}
	}
	index := filepath.Join(dir, "content", "index.md")
	write(t, index, "---\ntitle: Home\n---\nEdited while serving.\n")
	reloadUntil("an edit", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "Edited while serving.")
	})

	write(t, index, "---\ntitle: Home\nEdited badly.\n")
	reloadUntil("a bad edit", func(status int, body string) bool {
		return status == 500 && strings.Contains(body, "content/index.md:1:1") && strings.Contains(body, "never closes")
	})
	if status, _, _ := get(t, ctx, addr+"favicon.svg"); status != 200 {
		t.Errorf("the last good site's files are not served: %d", status)
	}

	write(t, index, "---\ntitle: Home\n---\nFixed.\n")
	reloadUntil("the fix", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "Fixed.")
	})

	// Nothing outside the built site can be read.
	host := strings.TrimSuffix(strings.TrimPrefix(addr, "http://"), "/")
	for _, path := range []string{"/../readykit.yaml", "/%2e%2e/readykit.yaml", "/items%2F1.1.1/", "/..%5creadykit.yaml", "/content/index.md", "/readykit.yaml"} {
		code := rawGet(t, host, path)
		if code != 400 && code != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", path, code)
		}
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if !strings.Contains(errs.String(), "Rebuild failed with 1 problem") {
		t.Errorf("log lacks the failed rebuild:\n%s", errs.String())
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, ctx context.Context, url string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// rawGet sends path exactly as written, which an HTTP client might clean.
func rawGet(t *testing.T, host, path string) int {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

type eventStream struct {
	lines *bufio.Scanner
}

func openEvents(t *testing.T, ctx context.Context, addr string) *eventStream {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", addr+"_readykit/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	return &eventStream{lines: bufio.NewScanner(resp.Body)}
}

// next reads up to the next event and returns its name. It blocks until
// the server sends one; the test's context bounds the wait.
func (e *eventStream) next(t *testing.T) string {
	t.Helper()
	name := ""
	for e.lines.Scan() {
		line := e.lines.Text()
		if n, ok := strings.CutPrefix(line, "event: "); ok {
			name = n
		}
		if line == "" && name != "" {
			return name
		}
	}
	t.Fatalf("event stream ended: %v", e.lines.Err())
	return ""
}

// TestServeAnswersOnlyItsHosts runs "readykit serve" and sends real
// requests with the Host header a DNS-rebinding page would make the
// browser send: they are refused, pages, events and all, with a message
// that says how to allow a name; the server's own addresses, localhost
// and names given with --allow-host are served.
func TestServeAnswersOnlyItsHosts(t *testing.T) {
	dir := baseSite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	addr, _, done := startServe(ctx, t, &serveOptions{Source: dir, Bind: "127.0.0.1", AllowHosts: []string{"oak-house.local"}})
	port := strings.TrimSuffix(addr[strings.LastIndexByte(addr, ':'):], "/")

	request := func(host, path string) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, "GET", addr+strings.TrimPrefix(path, "/"), nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.Header.Get("Content-Type") == "text/event-stream" {
			return resp.StatusCode, "", resp.Header.Get("Content-Type")
		}
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), resp.Header.Get("Content-Type")
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "oak-house.local" + port, "OAK-HOUSE.local"} {
		if status, body, _ := request(host, "/"); status != 200 || !strings.Contains(body, "Start with the") {
			t.Errorf("Host %s: status %d", host, status)
		}
	}
	for _, host := range []string{"evil.example", "evil.example" + port, "127.0.0.1.evil.example" + port} {
		for _, path := range []string{"/", "/_readykit/events", "/items/1.1.1/"} {
			status, body, ct := request(host, path)
			if status != 403 || ct != "text/plain; charset=utf-8" ||
				!strings.Contains(body, "It answers for localhost, names ending in .localhost and IP addresses, and oak-house.local.") ||
				!strings.Contains(body, "readykit serve --allow-host "+strings.TrimSuffix(host, port)) {
				t.Errorf("Host %s %s: status %d, %s:\n%s", host, path, status, ct, body)
			}
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func TestServeAllowHostMistakes(t *testing.T) {
	for _, name := range []string{"http://laptop.local", "laptop.local:1313", "my laptop", ""} {
		code, stdout, stderr := runCLI("serve", "--allow-host", name)
		want := fmt.Sprintf("readykit: --allow-host %q is not a host name such as laptop.local (no port, scheme or path)", name)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, want) {
			t.Errorf("--allow-host %q: exit %d, stderr %q", name, code, stderr)
		}
	}
}
