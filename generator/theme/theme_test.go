package theme_test

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/theme"
	"github.com/readykit/readykit/themes"
)

// builtIn is the embedded default theme, as a site's build sees it.
func builtIn(t *testing.T) fs.FS {
	t.Helper()
	return themes.Default()
}

var ident = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)

// stubs stand in for the build's functions: these tests parse and never
// execute.
func stubs(t *testing.T, def fs.FS) template.FuncMap {
	t.Helper()
	m := template.FuncMap{}
	// Every identifier a template calls is given a do-nothing function;
	// the names are read from the theme itself so none is missed.
	call := strings.NewReplacer("(", " ", ")", " ", "|", " ")
	err := fs.WalkDir(def, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(def, p)
		for _, action := range strings.Split(string(src), "{{")[1:] {
			for _, w := range strings.Fields(call.Replace(strings.SplitN(action, "}}", 2)[0])) {
				w = strings.Trim(w, "-")
				if ident.MatchString(w) {
					m[w] = func(...any) any { return nil }
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kw := range []string{"if", "else", "end", "range", "with", "define", "template", "block", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "print", "printf", "println", "slice", "html", "js", "urlquery", "call", "break", "continue", "nil"} {
		delete(m, kw)
	}
	return m
}

func load(t *testing.T, site fstest.MapFS) (*theme.Theme, []error) {
	t.Helper()
	def := builtIn(t)
	return theme.Load(theme.NewOverlay(
		theme.Layer{FS: site, Prefix: "themes/default/"},
		theme.Layer{FS: def, Prefix: "themes/default/"},
	), stubs(t, def))
}

func TestBuiltInLoads(t *testing.T) {
	if _, errs := load(t, fstest.MapFS{}); len(errs) > 0 {
		t.Fatal(errs)
	}
}

// Every built-in partial can be replaced by a site's file of the same
// path, which is what one template per file promises.
func TestEveryPartialCanBeReplaced(t *testing.T) {
	def := builtIn(t)
	partials, err := fs.Glob(def, "layouts/partials/*.html")
	if err != nil || len(partials) < 10 {
		t.Fatalf("found %d partials (%v)", len(partials), err)
	}
	for _, p := range partials {
		name := strings.TrimPrefix(p, "layouts/")
		site := fstest.MapFS{
			p: {Data: []byte(`{{define "` + name + `"}}<p>mine</p>{{end}}`)},
			// A bare shell and a layout that calls the partial by name.
			"layouts/base.html":  {Data: []byte(`{{block "main" .}}{{end}}`)},
			"layouts/probe.html": {Data: []byte(`{{define "main"}}{{template "` + name + `" .}}{{end}}`)},
		}
		th, errs := load(t, site)
		if len(errs) > 0 {
			t.Errorf("replacing %s: %v", p, errs)
			continue
		}
		var buf bytes.Buffer
		if err := th.Execute(&buf, "probe", nil); err != nil || buf.String() != "<p>mine</p>" {
			t.Errorf("%q after replacing %s gave %q, %v; want the site's file", name, p, buf.String(), err)
		}
	}
	// A layout's replacement loads too.
	for _, p := range []string{"layouts/gaps.html", "layouts/item.html"} {
		site := fstest.MapFS{p: {Data: []byte(`{{define "main"}}<p>mine</p>{{end}}{{define "head"}}{{end}}`)}}
		if _, errs := load(t, site); len(errs) > 0 {
			t.Errorf("replacing %s: %v", p, errs)
		}
	}
}

func TestOneTemplatePerFile(t *testing.T) {
	for _, c := range []struct {
		file, src, want string
		pos             diag.Pos
	}{
		{
			"layouts/partials/links.html",
			"{{define \"partials/links.html\"}}x{{end}}\n\n  {{- define \"partials/linklist.html\"}}y{{end}}\n",
			`defines "partials/linklist.html"`,
			diag.Pos{File: "themes/default/layouts/partials/links.html", Line: 3, Col: 3},
		},
		{
			"layouts/gaps.html",
			"{{define \"main\"}}{{template \"gaptable\" .}}{{end}}\n{{define \"gaptable\"}}t{{end}}\n",
			`layouts/partials/gaptable.html`,
			diag.Pos{File: "themes/default/layouts/gaps.html", Line: 2, Col: 1},
		},
		{
			"layouts/partials/mine.html",
			"{{define \"partials/other.html\"}}x{{end}}",
			`does not define "partials/mine.html"`,
			diag.Pos{File: "themes/default/layouts/partials/mine.html", Line: 1, Col: 1},
		},
		{
			"layouts/partials/mine.html",
			"<p>{{if true}}{{end}}</p>\n{{define \"partials/mine.html\"}}x{{end}}{{define \"x\"}}{{end}}",
			`defines "x"`,
			diag.Pos{File: "themes/default/layouts/partials/mine.html", Line: 2, Col: 40},
		},
	} {
		_, errs := load(t, fstest.MapFS{c.file: {Data: []byte(c.src)}})
		var found bool
		for _, err := range errs {
			var fe *diag.FileError
			if errors.As(err, &fe) && strings.Contains(err.Error(), c.want) {
				found = true
				if fe.Pos != c.pos {
					t.Errorf("%s: at %v, want %v", c.file, fe.Pos, c.pos)
				}
				if !strings.Contains(fe.Hint, "own file") && !strings.Contains(fe.Hint, "define") {
					t.Errorf("%s: the hint %q does not say what to do", c.file, fe.Hint)
				}
			}
		}
		if !found {
			t.Errorf("%s: no error saying %s among %v", c.file, c.want, errs)
		}
	}
}

func TestAddAsset(t *testing.T) {
	th, errs := load(t, fstest.MapFS{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	a := th.AddAsset("brand.css", []byte(":root{}"))
	if path.Dir(a.Path) != "assets" || !strings.HasPrefix(path.Base(a.Path), "brand.") || !strings.HasSuffix(a.Path, ".css") {
		t.Errorf("path %q", a.Path)
	}
	if got, ok := th.Asset("brand.css"); !ok || got.Path != a.Path {
		t.Errorf("Asset gave %v, %v", got, ok)
	}
}
