package devserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// TestWarningsInThePage: a build's warnings head every page of the
// preview, escaped, with their position and hint; other files are served
// as built; a failed rebuild keeps them for the last good site, and a
// good build without warnings clears them.
func TestWarningsInThePage(t *testing.T) {
	warns := []*diag.FileError{diag.Errorf(diag.Pos{File: "readykit.yaml", Line: 5, Col: 10},
		"Change edition: to <b>next</b>", "the edition old had its deadline on 30 June 2026, which has passed")}
	var fail bool
	page := "<!DOCTYPE html><html><head><title>Home</title></head><body class=home><main>Home</main></body></html>"
	s := New(Options{Build: func(_ context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
		if fail {
			return nil, fmt.Errorf("check: %w", diag.Errors{diag.Errorf(diag.Pos{File: "content/a.md", Line: 2, Col: 1},
				"Close it with <code>---</code>", "the front matter is not closed")})
		}
		return warns, sink.Publish([]publish.File{
			{Path: "index.html", Data: []byte(page)},
			{Path: "data/toolkit.json", Data: []byte(`{"deadline":"2026-06-30"}`)},
		})
	}})
	get := func(path string) (int, string) {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "http://localhost:1313"+path, nil))
		body, _ := io.ReadAll(w.Result().Body)
		return w.Code, string(body)
	}
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	code, body := get("/")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		`<body class=home><link rel="stylesheet" href="/_readykit/warnings.css">`,
		`<code>readykit.yaml:5:10</code> the edition old had its deadline on 30 June 2026, which has passed`,
		`Change edition: to &lt;b&gt;next&lt;/b&gt;`,
		`</aside>` + "\n" + `<main>Home</main>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<b>next") {
		t.Error("a hint was inserted as HTML")
	}
	if _, json := get("/data/toolkit.json"); json != `{"deadline":"2026-06-30"}` {
		t.Errorf("toolkit.json changed: %s", json)
	}
	if code, css := get(warnStylePath); code != http.StatusOK || !strings.Contains(css, ".readykit-warnings") {
		t.Errorf("stylesheet: %d %q", code, css)
	}

	fail = true
	_ = s.Rebuild(context.Background())
	fail = false
	// The error page lists problems as the banner lists warnings.
	if _, body := get("/"); !strings.Contains(body, "could not be built") ||
		!strings.Contains(body, `<li><code>content/a.md:2:1</code> the front matter is not closed<br><span class="readykit-hint">Close it with &lt;code&gt;---&lt;/code&gt;</span></li>`) {
		t.Errorf("a failed build should show its error page:\n%s", body)
	}
	warns = nil
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, body := get("/"); body != page {
		t.Errorf("with no warnings the page should be as built:\n%s", body)
	}
}
