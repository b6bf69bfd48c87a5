package theme_test

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/theme"
)

// page is what the test themes are run with.
type page struct {
	Title, URL, Colour, Key string
}

// rig is a theme whose partialCached is theme.Partial of the theme in
// use, as the build's is, and which counts the runs of the partials that
// call tick.
type rig struct {
	th    *theme.Theme
	ticks atomic.Int64
	funcs template.FuncMap
}

func newRig() *rig {
	r := &rig{}
	r.funcs = template.FuncMap{
		"partialCached": func(name string, data any, key string) (template.HTML, error) {
			return r.th.Partial(name, data, key)
		},
		"tick": func() string { r.ticks.Add(1); return "" },
	}
	return r
}

// load parses site over builtIn, reusing prev's templates when it can.
func (r *rig) load(t *testing.T, site, builtIn fstest.MapFS, prev *theme.Parsed) {
	t.Helper()
	th, errs := theme.LoadReusing(theme.NewOverlay(
		theme.Layer{FS: site, Prefix: "themes/mine/"},
		theme.Layer{FS: builtIn, Prefix: "themes/default/"},
	), r.funcs, prev)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r.th = th
}

func (r *rig) run(t *testing.T, p page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.th.Execute(&buf, "page", p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// tricky is a partial with an action in every context html/template
// escapes differently, and a call of another partial.
const tricky = `{{define "partials/p.html"}}{{tick}}
<a href="{{.URL}}" title="{{.Title}}" onclick="go({{.Title}})">{{.Title}}</a>
<script>var t = {{.Title}}; var u = "{{.URL}}";</script>
<style>p { color: {{.Colour}} }</style>
<img src="/find?q={{.Title}}" alt="{{.Title}}">
<!-- {{.Title}} -->
<textarea>{{.Title}}</textarea>
{{template "partials/q.html" .}}
{{- end}}`

func trickyTheme(base string) fstest.MapFS {
	return fstest.MapFS{
		"layouts/base.html":         {Data: []byte(base)},
		"layouts/page.html":         {Data: []byte(`{{define "main"}}<p>{{.Title}}</p>{{end}}`)},
		"layouts/partials/p.html":   {Data: []byte(tricky)},
		"layouts/partials/q.html":   {Data: []byte(`{{define "partials/q.html"}}<a href="/q/{{.Title}}">{{.URL}}</a>{{end}}`)},
		"layouts/partials/tip.html": {Data: []byte(`{{define "partials/tip.html"}}{{tick}}<em>{{.Title}}</em>{{end}}`)},
	}
}

var trickyPages = []page{
	{Title: `<b>"O'Hara" & co</b>`, URL: "/a b/?x=<y>&z=1", Colour: "red; } </style>", Key: "1"},
	{Title: "plain", URL: "javascript:alert(1)", Colour: "#333", Key: "2"},
	{Title: "</script><script>alert(1)</script>", URL: "https://example.org/ü", Colour: "expression(x)", Key: "3"},
}

// TestPartialSameAsTemplate: in the text of a page, partialCached gives
// the bytes {{template}} gives, whatever the partial escapes inside.
func TestPartialSameAsTemplate(t *testing.T) {
	r := newRig()
	r.load(t, fstest.MapFS{}, trickyTheme(`<!DOCTYPE html>
<html><head><title>{{.Title}}</title></head>
<body class="x">
[A[{{template "partials/p.html" .}}]A]
<div>[B[{{partialCached "partials/p.html" . .Key}}]B]</div>
{{block "main" .}}{{end}}
</body></html>`), nil)
	for _, p := range trickyPages {
		out := r.run(t, p)
		a := between(t, out, "[A[", "]A]")
		if b := between(t, out, "[B[", "]B]"); a != b {
			t.Errorf("for %q, partialCached gave\n%s\nwhere template gave\n%s", p.Title, b, a)
		}
		if !strings.Contains(a, "&lt;/script&gt;") && !strings.Contains(a, `\u003c/script\u003e`) && strings.Contains(p.Title, "</script>") {
			t.Errorf("the partial was not escaped: %s", a)
		}
	}
}

func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		t.Fatalf("no %s in %s", from, s)
	}
	in, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("no %s in %s", to, s)
	}
	return in
}

const cachedBase = `<body>{{partialCached "partials/p.html" . .Key}}|{{partialCached "partials/tip.html" . ""}}|{{block "main" .}}{{end}}</body>`

// TestPartialMemo: a partial runs once per key in a build, each key gets
// its own page's output, and the next build, reusing the parsed
// templates, starts with nothing kept.
func TestPartialMemo(t *testing.T) {
	r := newRig()
	r.load(t, fstest.MapFS{}, trickyTheme(cachedBase), nil)
	first := map[string]string{}
	for i := range 9 {
		p := trickyPages[i%len(trickyPages)]
		out := r.run(t, p)
		if was, ok := first[p.Key]; ok && was != out {
			t.Errorf("key %s gave\n%s\nand then\n%s", p.Key, was, out)
		}
		first[p.Key] = out
		if !strings.Contains(out, "<p>"+template.HTMLEscapeString(p.Title)+"</p>") {
			t.Errorf("page %q lost its own part: %s", p.Title, out)
		}
	}
	// p.html for each of three keys, tip.html once.
	if got := r.ticks.Load(); got != 4 {
		t.Errorf("the partials ran %d times for 9 pages, want 4", got)
	}
	// tip.html, keyed "", shows the first page's title on every page.
	for _, p := range trickyPages[1:] {
		if !strings.Contains(first[p.Key], "<em>"+template.HTMLEscapeString(trickyPages[0].Title)+"</em>") {
			t.Errorf("tip.html was not kept from the first page: %s", first[p.Key])
		}
	}

	// The next build: the same templates, nothing kept.
	before := sets(r.th)
	r.load(t, fstest.MapFS{}, trickyTheme(cachedBase), r.th.Parsed())
	if sets(r.th) != before {
		t.Fatal("the templates were parsed again, so this tests nothing")
	}
	r.ticks.Store(0)
	out := r.run(t, trickyPages[1])
	if !strings.Contains(out, "<em>plain</em>") {
		t.Errorf("a new build showed what the last one kept: %s", out)
	}
	if got := r.ticks.Load(); got != 2 {
		t.Errorf("the partials ran %d times in a new build's first page, want 2", got)
	}
}

// TestPartialKeptOnlyForItsOwnFolder: a key is written for the partials
// beside the template that gives it, so a partial from another folder
// than its callers', or that calls one, runs on every page.
func TestPartialKeptOnlyForItsOwnFolder(t *testing.T) {
	mine := func(files ...string) fstest.MapFS {
		m := fstest.MapFS{}
		for i := 0; i < len(files); i += 2 {
			m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
		}
		return m
	}
	ownP := `{{define "partials/p.html"}}{{tick}}<i>{{.Title}}</i>{{end}}`
	for _, c := range []struct {
		name string
		site fstest.MapFS
		kept bool
	}{
		{"all built in", mine(), true},
		{"the partial replaced", mine("layouts/partials/p.html", ownP), false},
		{"a partial it calls replaced", mine("layouts/partials/q.html", `{{define "partials/q.html"}}{{.Title}}{{end}}`), false},
		{"base.html replaced", mine("layouts/base.html", cachedBase), false},
		{"both replaced", mine("layouts/base.html", cachedBase, "layouts/partials/p.html", ownP, "layouts/partials/tip.html", `{{define "partials/tip.html"}}{{tick}}{{end}}`), true},
		{"a layout of its own calls it", mine("layouts/page.html", `{{define "main"}}{{partialCached "partials/p.html" . "x"}}{{end}}`), false},
		{"a name not quoted", mine("layouts/page.html", `{{define "main"}}{{partialCached (print "partials/" "q.html") . "x"}}{{end}}`), false},
	} {
		builtIn := trickyTheme(cachedBase)
		builtIn["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
		r := newRig()
		r.load(t, c.site, builtIn, nil)
		seen := map[string]bool{}
		for _, p := range []page{{Title: "one", Key: "k"}, {Title: "two", Key: "k"}} {
			out := r.run(t, p)
			for _, title := range []string{"one", "two"} {
				if strings.Contains(out, title) {
					seen[title] = true
				}
			}
		}
		// Kept, the second page shows the first's partials (same key);
		// not kept, it shows its own title.
		if got := seen["two"]; got == c.kept {
			t.Errorf("%s: the second page showed its own title: %v, want %v", c.name, got, !c.kept)
		}
	}
}

// TestPartialErrors: partialCached renders partials only, none that needs
// the layout's own "main", and a problem in one is reported at its line.
func TestPartialErrors(t *testing.T) {
	for _, c := range []struct {
		name, call, want string
		pos              diag.Pos
	}{
		{"not a partial", `{{partialCached "main" . ""}}`, `no partial "main"`, diag.Pos{}},
		{"no such partial", `{{partialCached "partials/none.html" . ""}}`, `no partial "partials/none.html"`, diag.Pos{}},
		{"a partial that calls main", `{{partialCached "partials/main.html" . ""}}`, `calls "main"`, diag.Pos{}},
		{"a partial that fails", `{{partialCached "partials/bad.html" . ""}}`, `index`, diag.Pos{File: "themes/default/layouts/partials/bad.html", Line: 2, Col: 7}},
	} {
		r := newRig()
		builtIn := trickyTheme(`{{block "main" .}}{{end}}` + c.call)
		builtIn["layouts/partials/main.html"] = &fstest.MapFile{Data: []byte(`{{define "partials/main.html"}}{{template "main" .}}{{end}}`)}
		builtIn["layouts/partials/bad.html"] = &fstest.MapFile{Data: []byte("{{define \"partials/bad.html\"}}\nhere {{index .Map \"x\"}}{{end}}")}
		r.load(t, fstest.MapFS{}, builtIn, nil)
		var buf bytes.Buffer
		err := r.th.Execute(&buf, "page", map[string]any{"Map": map[int]int{}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %s", c.name, err, c.want)
			continue
		}
		var fe *diag.FileError
		if c.pos.File != "" && (!errors.As(err, &fe) || fe.Pos != c.pos) {
			t.Errorf("%s: %v is not at %v", c.name, err, c.pos)
		}
		if buf.Len() > 0 {
			t.Errorf("%s: a failed page wrote %q", c.name, buf.String())
		}
	}
}

// TestPartialConcurrent: pages rendered at once, as publish renders them,
// give what they give one at a time (run with -race).
func TestPartialConcurrent(t *testing.T) {
	var pages []page
	for i := range 200 {
		k := i % 7
		p := trickyPages[k%len(trickyPages)]
		p.Key = fmt.Sprint(k)
		p.Title = fmt.Sprintf("%s %d", p.Title, k)
		pages = append(pages, p)
	}
	serial := newRig()
	serial.load(t, fstest.MapFS{}, trickyTheme(cachedBase), nil)
	want := make([]string, len(pages))
	for i, p := range pages {
		want[i] = serial.run(t, p)
	}

	r := newRig()
	r.load(t, fstest.MapFS{}, trickyTheme(cachedBase), nil)
	got := make([]string, len(pages))
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(pages); i += 8 {
				var buf bytes.Buffer
				if err := r.th.Execute(&buf, "page", pages[i]); err != nil {
					t.Error(err)
					return
				}
				got[i] = buf.String()
			}
		})
	}
	wg.Wait()
	// tip.html is keyed "": whichever page ran it first is what every
	// page shows, so compare the rest.
	trim := func(s string) string { return s[:strings.Index(s, "|")] + s[strings.LastIndex(s, "|"):] }
	for i := range pages {
		if trim(got[i]) != trim(want[i]) {
			t.Fatalf("page %d at once gave\n%s\none at a time\n%s", i, got[i], want[i])
		}
	}
}
