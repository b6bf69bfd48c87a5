package devserver

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
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
