package theme_test

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator/theme"
)

// TestOnlyOwn: the built-in theme shows a page's Content on that page
// alone, and each way a template could show another page's says no.
func TestOnlyOwn(t *testing.T) {
	for _, c := range []struct {
		name, file, src string
		want            bool
	}{
		{"the built-in theme", "", "", true},
		{"$ in a layout", "layouts/page.html", `{{define "main"}}{{with .Site}}{{$.Page.Content}}{{end}}{{end}}`, true},
		{"a parent's", "layouts/page.html", `{{define "main"}}{{.Page.Parent.Content}}{{end}}`, false},
		{"in a range", "layouts/page.html", `{{define "main"}}{{range .Site.Pages}}{{.Content}}{{end}}{{end}}`, false},
		{"with dot changed", "layouts/page.html", `{{define "main"}}{{with .Site.Page "/"}}{{.Content}}{{end}}{{end}}`, false},
		{"a chain", "layouts/page.html", `{{define "main"}}{{(.Site.Page "/").Content}}{{end}}`, false},
		{"a variable", "layouts/page.html", `{{define "main"}}{{$p := .Page.Parent}}{{$p.Content}}{{end}}`, false},
		{"in a partial", "layouts/partials/breadcrumbs.html", `{{define "partials/breadcrumbs.html"}}{{.Page.Content}}{{end}}`, false},
		// base.html calls the footer through partialCached, a function,
		// not {{template}}: the walk still reads it.
		{"in a partial partialCached renders", "layouts/partials/footer.html", `{{define "partials/footer.html"}}{{.Page.Content}}{{end}}`, false},
		{"given to partialCached", "layouts/page.html", `{{define "main"}}{{partialCached "partials/notice.html" .Page.Content .Page.URL}}{{end}}`, true},
		{"given to partialCached in a range", "layouts/page.html", `{{define "main"}}{{range .Site.Pages}}{{partialCached "partials/notice.html" .Content ""}}{{end}}{{end}}`, false},
	} {
		site := fstest.MapFS{}
		if c.file != "" {
			site[c.file] = &fstest.MapFile{Data: []byte(c.src)}
		}
		th, errs := load(t, site)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", c.name, errs)
		}
		if got := th.OnlyOwn("Content"); got != c.want {
			t.Errorf("%s: OnlyOwn = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestLoadReusing: a theme whose layout files are unchanged takes the
// templates parsed before; a changed file is parsed again.
func TestLoadReusing(t *testing.T) {
	def := builtIn(t)
	overlay := func(site fstest.MapFS) *theme.Overlay {
		return theme.NewOverlay(theme.Layer{FS: site, Prefix: "themes/default/"}, theme.Layer{FS: def, Prefix: "themes/default/"})
	}
	funcs := stubs(t, def)
	first, errs := theme.Load(overlay(fstest.MapFS{}), funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	again, errs := theme.LoadReusing(overlay(fstest.MapFS{}), funcs, first.Parsed())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if sets(again) != sets(first) {
		t.Errorf("unchanged layouts were parsed again")
	}
	changed, errs := theme.LoadReusing(overlay(fstest.MapFS{"layouts/page.html": {Data: []byte(`{{define "main"}}changed{{end}}`)}}), funcs, first.Parsed())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if sets(changed) == sets(first) {
		t.Errorf("a changed layout was not parsed again")
	}
}

// sets identifies a theme's parsed templates.
func sets(t *theme.Theme) uintptr {
	return reflect.ValueOf(t.Parsed()).Elem().FieldByName("layouts").Pointer()
}
