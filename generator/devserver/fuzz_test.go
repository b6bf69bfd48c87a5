package devserver

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// fuzzSite is the built site FuzzPath serves. A file with the secret's
// text sits in the folder the site was built from, outside the site.
var fuzzSite = []publish.File{
	{Path: "index.html", Data: []byte("home page")},
	{Path: "404.html", Data: []byte("not found page")},
	{Path: "items/1.1.1/index.html", Data: []byte("item page")},
	{Path: "data/toolkit.json", Data: []byte(`{"toolkit":true}`)},
	{Path: "assets/site.css", Data: []byte("body{}")},
}

const fuzzSecret = "secret outside the site"

// FuzzPath sends a GET for any request target, as the HTTP server reads
// it off the wire. Whatever the path, the server must not panic; it may
// answer only with a file of the built site, the 404 page, its own
// script and events, a redirect within the site, or a refusal; and a path
// that climbs with ".." or hides a slash or backslash in an escape must
// get 400 or 404.
//
//	go test -run '^$' -fuzz FuzzPath ./generator/devserver
func FuzzPath(f *testing.F) {
	root := f.TempDir()
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte(fuzzSecret), 0o644); err != nil {
		f.Fatal(err)
	}
	s := New(Options{Root: root, Build: func(_ context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
		return nil, sink.Publish(fuzzSite)
	}})
	if err := s.Rebuild(context.Background()); err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	bodies := map[string]bool{reloadScript: true, errorStyle: true}
	for _, file := range fuzzSite {
		bodies[string(file.Data)] = true
	}
	// The event stream ends as soon as it has said hello.
	done, cancel := context.WithCancel(context.Background())
	cancel()

	f.Add("/../secret.txt")
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: localhost:1313\r\n\r\n")))
		if err != nil {
			return // the server would refuse it before any handler saw it
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req.WithContext(done))
		body := w.Body.String()
		switch status := w.Code; {
		case strings.Contains(body, fuzzSecret):
			t.Fatalf("%q: answered with a file outside the site", target)
		case status == http.StatusOK && req.URL.Path == eventsPath:
		case status == http.StatusOK || status == http.StatusNotFound:
			if !bodies[body] && !(status == http.StatusNotFound && body == "404 page not found\n") {
				t.Errorf("%q: status %d with a body that is no file of the site: %q", target, status, body)
			}
		case status == http.StatusMovedPermanently || status == http.StatusFound || status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect:
			loc := w.Header().Get("Location")
			// Only the part before ? or # says where the browser goes; the
			// rest may be any text the request carried (even a lone %).
			where, _, _ := strings.Cut(loc, "?")
			where, _, _ = strings.Cut(where, "#")
			u, err := url.Parse(where)
			if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Errorf("%q: redirect to %q, which leaves the site", target, loc)
			}
		case status == http.StatusBadRequest || status == http.StatusMethodNotAllowed:
		case status == http.StatusForbidden && !s.hostAllowed(req.Host):
			// A target in absolute form ("http://evil.example/") names its
			// own host, which the host check refuses, as it should.
		default:
			t.Errorf("%q: status %d", target, status)
		}
		if climbs(req.URL) && w.Code != http.StatusBadRequest && w.Code != http.StatusNotFound {
			t.Errorf("%q climbs out of the site but got status %d", target, w.Code)
		}
	})
}

// climbs reports whether u's path has a ".." segment, once decoded, or
// an escaped slash or backslash that could become one.
func climbs(u *url.URL) bool {
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(u.Path, "\\") {
		return true
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}
