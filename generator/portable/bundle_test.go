package portable

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/readykit/readykit/themes"
)

// themeFiles returns the default theme's scripts as a build has them, with
// a small data file.
func themeFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{"data/toolkit.json": []byte(`{"items":[{"url":"/items/1.1.1/"}]}`)}
	sub, err := fs.Sub(themes.Default(), "static")
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(sub, "js", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(sub, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var moduleSyntax = regexp.MustCompile(`(^|[;}\n])\s*(import|export)\b\s*[\w{*"']|import\.meta`)

func TestBundleIsClassic(t *testing.T) {
	files := themeFiles(t)
	for _, minify := range []bool{false, true} {
		name, js, err := Bundle(files, "js/app.js", "/", minify)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^js/readykit-app\.[0-9a-f]{8}\.js$`).MatchString(name) {
			t.Errorf("bundle name %q", name)
		}
		if m := moduleSyntax.Find(js); m != nil {
			t.Errorf("minify %v: the bundle still has module syntax: %q", minify, m)
		}
		if strings.Contains(string(js), "import(") {
			t.Errorf("minify %v: the bundle still imports a module dynamically", minify)
		}
		name2, js2, _ := Bundle(files, "js/app.js", "/", minify)
		if name2 != name || string(js2) != string(js) {
			t.Errorf("minify %v: two bundles of the same files differ", minify)
		}
	}
}

func TestBundleUsesTheSitesScripts(t *testing.T) {
	files := themeFiles(t)
	files["js/dom.js"] = append(files["js/dom.js"], []byte("\nconsole.log('the site overrides dom.js');\n")...)
	_, js, err := Bundle(files, "js/app.js", "/", false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), "the site overrides dom.js") {
		t.Error("the site's own dom.js is not in the bundle")
	}
}
