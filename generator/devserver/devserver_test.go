package devserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

func TestIgnored(t *testing.T) {
	s := New(Options{Root: "/site", Skip: []string{"public"}})
	for p, want := range map[string]bool{
		"/site/content/index.md":       false,
		"/site/content/.index.md.swp":  true,
		"/site/content/index.md~":      true,
		"/site/content/4913":           true,
		"/site/public/index.html":      true,
		"/site/.git/HEAD":              true,
		"/site/themes/oak/.cache/x":    true,
		"/site/readykit.yaml":          false,
		"/site/content/public/page.md": false,
	} {
		if got := s.ignored(filepath.FromSlash(p)); got != want {
			t.Errorf("ignored(%s) = %v", p, got)
		}
	}
}

func TestGuard(t *testing.T) {
	h := guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	for _, p := range []string{"/../x", "/a/../../x", "/a%2Fb", "/a%5cb", "/a/./b"} {
		r := httptest.NewRequest("GET", "http://x"+p, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", p, w.Code)
		}
	}
	r := httptest.NewRequest("GET", "http://x/items/1.1.1/", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("a good path was refused: %d", w.Code)
	}
}

// TestContentTypes: files are served with their own types, whatever the
// system's table holds, so a calendar opens in a calendar program.
func TestContentTypes(t *testing.T) {
	s := New(Options{Build: func(_ context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
		return nil, sink.Publish([]publish.File{
			{Path: "dspt-programme.ics", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")},
			{Path: "data/toolkit.json", Data: []byte("{}")},
		})
	}})
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/dspt-programme.ics": "text/calendar; charset=utf-8",
		"/data/toolkit.json":  "application/json",
	} {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "http://localhost:1313"+path, nil))
		if got := w.Header().Get("Content-Type"); w.Code != http.StatusOK || got != want {
			t.Errorf("%s: status %d, type %q, want %q", path, w.Code, got, want)
		}
	}
}
