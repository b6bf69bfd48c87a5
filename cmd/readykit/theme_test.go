package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/readykit/readykit/themes"
)

func TestThemeFlags(t *testing.T) {
	var got themeCopyOptions
	cmd := newThemeCmd(streams{}, func(o *themeCopyOptions) error { got = *o; return nil })
	cmd.SetArgs([]string{"copy", "-s", "oak", "--client", "elm-lodge", "layouts/base.html", "assets/site.css"})
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := themeCopyOptions{Source: "oak", Client: "elm-lodge", Paths: []string{"layouts/base.html", "assets/site.css"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// builtInFile reads a file of the built-in theme.
func builtInFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestThemeCopy(t *testing.T) {
	site := baseSite(t)
	header := filepath.Join(site, "themes/default/layouts/partials/header.html")

	code, out, errOut := runCLI("theme", "copy", "--source", site, "layouts/partials/header.html")
	if code != exitOK || errOut != "" || !strings.Contains(out, "wrote themes/default/layouts/partials/header.html\n") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if readText(t, header) != builtInFile(t, "layouts/partials/header.html") {
		t.Error("the copy is not the built-in file")
	}

	// A changed copy is never replaced, and copy says it skipped it.
	if err := os.WriteFile(header, []byte(`{{define "partials/header.html"}}<header>mine</header>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI("theme", "copy", "--source", site, "layouts/partials/header.html", "layouts/partials/footer.html")
	if code != exitOK || !strings.Contains(out, "skipped themes/default/layouts/partials/header.html") || !strings.Contains(out, "wrote themes/default/layouts/partials/footer.html") {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	if !strings.Contains(readText(t, header), "mine") {
		t.Error("copy replaced the site's own file")
	}

	// An unknown path writes nothing and suggests the near name.
	before := tree(t, site)
	code, out, errOut = runCLI("theme", "copy", "--source", site, "layouts/partials/tally.html", "layouts/partials/hedaer.html")
	if code != exitContent || out != "" || !strings.Contains(errOut, "the built-in theme has no layouts/partials/hedaer.html. Did you mean layouts/partials/header.html?") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if after := tree(t, site); !reflect.DeepEqual(before, after) {
		t.Error("a failed copy changed the site")
	}
	_, _, errOut = runCLI("theme", "copy", "--source", site, "pager.html")
	if !strings.Contains(errOut, "Did you mean layouts/partials/pager.html?") {
		t.Errorf("a bare file name: %s", errOut)
	}

	// No path: every layout and partial and site.css, and the site still
	// builds from the copies.
	code, out, _ = runCLI("theme", "copy", "--source", site)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, out)
	}
	layouts, _ := fs.Glob(themes.Default(), "layouts/*.html")
	partials, _ := fs.Glob(themes.Default(), "layouts/partials/*.html")
	for _, f := range append(append(layouts, partials...), "assets/site.css") {
		if _, err := os.Stat(filepath.Join(site, "themes/default", f)); err != nil {
			t.Errorf("%s was not copied: %v", f, err)
		}
	}
	if strings.Contains(out, "static/") {
		t.Errorf("copied more than the templates and site.css:\n%s", out)
	}
	if code, _, errOut := runCLI("build", "--source", site, "--dest", filepath.Join(t.TempDir(), "out")); code != exitOK {
		t.Errorf("the site with the copies does not build: %s", errOut)
	}
}

// The theme readykit.yaml names is the folder written to; in a portfolio,
// --client writes into that client's folder.
func TestThemeCopyWhere(t *testing.T) {
	site := baseSite(t)
	cfg := filepath.Join(site, "readykit.yaml")
	data := readText(t, cfg)
	if err := os.WriteFile(cfg, []byte(data+"theme: oak\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI("theme", "copy", "-s", site, "layouts/partials"); code != exitOK || !strings.Contains(out, "wrote themes/oak/layouts/partials/header.html") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}

	client := filepath.Join(site, "clients/oak-house")
	if err := os.MkdirAll(client, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(client, "readykit.yaml"), []byte("title: Oak House\ntheme: oak-house\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("theme", "copy", "-s", site, "--client", "oak-house", "layouts/base.html")
	if code != exitOK || out == "" || !strings.Contains(out, "wrote clients/oak-house/themes/oak-house/layouts/base.html") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if readText(t, filepath.Join(client, "themes/oak-house/layouts/base.html")) != builtInFile(t, "layouts/base.html") {
		t.Error("the client's copy is not the built-in file")
	}
	code, _, errOut = runCLI("theme", "copy", "-s", site, "--client", "oak-hose", "layouts/base.html")
	if code != exitContent || !strings.Contains(errOut, `there is no client "oak-hose"`) || !strings.Contains(errOut, `did you mean "oak-house"?`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
