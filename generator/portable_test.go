package generator_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
	"github.com/readykit/readykit/themes"
)

// buildWith builds a copy of the repository's site with its readykit.yaml
// edited by edit and the files in over added.
func buildWith(t *testing.T, edit func(string) string, over map[string]string, minify bool) *publish.Memory {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	cfg := string(mustRead(t, "../readykit.yaml"))
	if edit != nil {
		cfg = edit(cfg)
	}
	over["readykit.yaml"] = cfg
	for name, data := range over {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mem publish.Memory
	if _, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(dir), Theme: themes.Default(), Minify: minify}, &mem); err != nil {
		t.Fatal(err)
	}
	return &mem
}

// unzip returns the files of a .zip by name.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

const zipPath = "download/readykit-guide.zip"

// TestPortableCopy: the build offers a .zip of the site that works from
// disk, the same bytes every time, with the real size on every page; the
// copy's pages link to files, load a bundle with the site's own scripts,
// and say where they came from.
func TestPortableCopy(t *testing.T) {
	over := func() map[string]string {
		return map[string]string{"static/js/dom.js": string(mustRead(t, "../themes/default/static/js/dom.js")) + "\nconsole.info('this site has its own dom.js');\n"}
	}
	mem := buildWith(t, nil, over(), true)
	data, ok := mem.Get(zipPath)
	if !ok {
		t.Fatalf("no %s; files: %v", zipPath, mem.Paths())
	}
	again, _ := buildWith(t, nil, over(), true).Get(zipPath)
	if !bytes.Equal(data, again) {
		t.Error("two builds of the same site made different .zip files")
	}
	size := "(ZIP, " + words.Size(int64(len(data))) + ")"
	for _, p := range []string{"index.html", "checklist/index.html", "items/1.1.1/index.html"} {
		page, _ := mem.Get(p)
		if !strings.Contains(string(page), "download it to use without the internet</a> "+size) || !regexp.MustCompile(`href=/download/readykit-guide.zip download>`).Match(page) {
			t.Errorf("%s does not offer the .zip with its size %s", p, size)
		}
	}
	files := unzip(t, data)
	home := files["readykit-guide/index.html"]
	item := files["readykit-guide/items/1.1.1/index.html"]
	if home == "" || item == "" {
		t.Fatalf("the .zip has no readykit-guide/index.html or item page")
	}
	for _, f := range []string{"sw.js", "_headers", "_redirects", "sitemap.xml", "robots.txt", zipPath} {
		if _, ok := files["readykit-guide/"+f]; ok {
			t.Errorf("the copy has %s", f)
		}
	}
	for _, want := range []string{`href="../../checklist/index.html"`, `href="../../assets/site.`, `<script defer src="../../js/readykit-app.`, "This is a copy of this guide, saved to use without the internet", `The latest version is at <a href="https://readykit.netlify.app/">`} {
		if !strings.Contains(item, want) {
			t.Errorf("the copy's item page has no %s", want)
		}
	}
	if strings.Contains(item, "Take this site with you") || strings.Contains(item, "type=module") {
		t.Error("the copy's item page offers the copy or loads a module")
	}
	// The published page preloads its modules; the copy, which loads none,
	// must not (Chromium would refuse them from file:// in the console).
	if published, _ := mem.Get("items/1.1.1/index.html"); !strings.Contains(string(published), "rel=modulepreload") {
		t.Error("the published item page preloads no modules")
	}
	if strings.Contains(item, "modulepreload") {
		t.Error("the copy's item page keeps modulepreload links")
	}
	script := regexp.MustCompile(`js/readykit-app\.[0-9a-f]{8}\.js`).FindString(item)
	bundle := files["readykit-guide/"+script]
	if !strings.Contains(bundle, "this site has its own dom.js") {
		t.Errorf("the bundle %s does not have the site's own dom.js", script)
	}
	if regexp.MustCompile(`\bimport\s*[{*("']|\bexport\s*[{*]|import\.meta`).MatchString(bundle) {
		t.Error("the bundle still has module syntax")
	}
}

// TestPortableOff: options.portable: false makes no .zip and no link.
func TestPortableOff(t *testing.T) {
	mem := buildWith(t, func(cfg string) string {
		return strings.Replace(cfg, "\noptions:\n", "\noptions:\n  portable: false\n", 1)
	}, map[string]string{}, false)
	for _, p := range mem.Paths() {
		if strings.HasSuffix(p, ".zip") {
			t.Errorf("a .zip with portable: false: %s", p)
		}
	}
	page, _ := mem.Get("index.html")
	if strings.Contains(string(page), "Take this site with you") || strings.Contains(string(page), "readykit:portable-size") {
		t.Error("the footer offers a copy with portable: false")
	}
}

// TestPortableBasePath: a site under a folder of its host links within
// the copy all the same.
func TestPortableBasePath(t *testing.T) {
	mem := buildWith(t, func(cfg string) string {
		return strings.Replace(cfg, "baseURL: https://readykit.netlify.app/", "baseURL: https://example.org/dspt/", 1)
	}, map[string]string{}, false)
	data, _ := mem.Get(zipPath)
	item := unzip(t, data)["readykit-guide/items/1.1.1/index.html"]
	if !strings.Contains(item, `href="../../checklist/index.html"`) || strings.Contains(item, `"/dspt/`) {
		t.Errorf("the copy of a site under /dspt/ keeps its addresses:\n%s", item)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPortableScriptProblem: a script the bundler cannot read stops the
// build at the site's file, line and column, with what to do.
func TestPortableScriptProblem(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "readykit.yaml"), mustRead(t, "../readykit.yaml"), 0o644)
	os.MkdirAll(filepath.Join(dir, "static", "js"), 0o755)
	os.WriteFile(filepath.Join(dir, "static", "js", "dom.js"), []byte("export const $ = (s) => document.querySelector(s);\nexport const x = ;\n"), 0o644)
	_, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(dir), Theme: themes.Default()}, &publish.Memory{})
	if err == nil || !strings.Contains(err.Error(), "static/js/dom.js:2:") || !strings.Contains(err.Error(), "portable: false") {
		t.Errorf("the error %v does not name static/js/dom.js:2 and what to do", err)
	}
}
