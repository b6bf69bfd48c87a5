package generator_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// workerSettings are what the build tells the offline worker, as sw.js
// holds them.
type workerSettings struct {
	Off      bool     `json:"off"`
	Scope    string   `json:"scope"`
	Version  string   `json:"version"`
	Keep     []string `json:"keep"`
	NotFound string   `json:"notFound"`
}

var workerLine = regexp.MustCompile(`(?m)^const site = (.*);$`)

// siteWith is the repository's site (its settings and content) in memory,
// with the files in over added or replaced: unlike overlayFS, folders of
// new files are listed too.
func siteWith(t *testing.T, over fstest.MapFS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	repo := os.DirFS("..")
	err := fs.WalkDir(repo, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(repo, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := fs.ReadFile(repo, "readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out["readykit.yaml"] = &fstest.MapFile{Data: cfg}
	maps.Copy(out, over)
	return out
}

// offlineBuild builds the repository's site with the files in over laid
// over it, and returns what it published and the worker's settings.
func offlineBuild(t *testing.T, over fstest.MapFS, opts generator.Options) (*publish.Memory, workerSettings) {
	t.Helper()
	opts.Source = siteWith(t, over)
	opts.Theme = themes.Default()
	var mem publish.Memory
	if _, err := generator.Build(context.Background(), opts, &mem); err != nil {
		t.Fatal(err)
	}
	sw, ok := mem.Get("sw.js")
	if !ok {
		t.Fatal("no sw.js in the built site")
	}
	m := workerLine.FindSubmatch(sw)
	if m == nil {
		t.Fatalf("sw.js holds no settings line:\n%.300s", sw)
	}
	var s workerSettings
	if err := json.Unmarshal(m[1], &s); err != nil {
		t.Fatalf("sw.js's settings: %v: %s", err, m[1])
	}
	return &mem, s
}

// settingsWith is the repository's readykit.yaml with its options: line followed
// by extra, and baseURL replaced when base is not "".
func settingsWith(t *testing.T, base, extra string) *fstest.MapFile {
	t.Helper()
	cfg, err := os.ReadFile("../readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(cfg), "\noptions:\n", "\noptions:\n"+extra, 1)
	if base != "" {
		s = regexp.MustCompile(`(?m)^baseURL: .*$`).ReplaceAllString(s, "baseURL: "+base)
	}
	return &fstest.MapFile{Data: []byte(s)}
}

// TestOfflineWorker: sw.js lists every published file by the address it
// is asked for at, except the worker itself, the host's and search
// engines' files and any .zip; the same site gives the same bytes, and a
// changed page a new version.
func TestOfflineWorker(t *testing.T) {
	extra := fstest.MapFS{
		// A site's own files of the kinds the worker leaves out.
		"static/_headers":            {Data: []byte("/*\n  X-Test: 1\n")},
		"static/take-away.zip":       {Data: []byte("PK\x05\x06" + strings.Repeat("\x00", 18))},
		"static/docs/Policy 1 ü.pdf": {Data: []byte("%PDF-1.4\n")},
	}
	mem, s := offlineBuild(t, extra, generator.Options{})
	if s.Off || s.Scope != "/" || len(s.Version) != 12 || s.NotFound != "/404.html" {
		t.Errorf("settings: off %v, scope %q, version %q, notFound %q", s.Off, s.Scope, s.Version, s.NotFound)
	}

	var want []string
	left := map[string]bool{"sw.js": true, "_headers": true, "take-away.zip": true, "sitemap.xml": true, "robots.txt": true, zipPath: true}
	for _, p := range mem.Paths() {
		if left[p] {
			delete(left, p)
			continue
		}
		switch {
		case p == "index.html":
			p = "/"
		case path.Base(p) == "index.html":
			p = "/" + strings.TrimSuffix(p, "index.html")
		default:
			p = "/" + p
		}
		want = append(want, strings.ReplaceAll(strings.ReplaceAll(p, " ", "%20"), "ü", "%C3%BC"))
	}
	if len(left) > 0 {
		t.Errorf("the build published none of %v, so the test proves nothing about them", left)
	}
	slices.Sort(want)
	if !slices.Equal(s.Keep, want) {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(s.Keep, "\n"), strings.Join(want, "\n"))
	}
	for _, u := range []string{"/", "/checklist/", "/data/toolkit.json", "/js/app.js", "/js/offline.js", "/404.html", "/docs/Policy%201%20%C3%BC.pdf"} {
		if !slices.Contains(s.Keep, u) {
			t.Errorf("%s is not kept", u)
		}
	}
	if !slices.IsSorted(s.Keep) {
		t.Error("the list is not sorted")
	}

	// Every page registers the worker.
	for _, p := range mem.Paths() {
		data, _ := mem.Get(p)
		if strings.HasSuffix(p, ".html") && strings.Contains(string(data), "<html") && !strings.Contains(string(data), `data-rk-worker="/sw.js"`) && !strings.Contains(string(data), `http-equiv="refresh"`) {
			t.Errorf("%s does not name the worker", p)
		}
	}

	// The same site builds the same worker, to the byte.
	again, _ := offlineBuild(t, extra, generator.Options{})
	a, _ := mem.Get("sw.js")
	b, _ := again.Get("sw.js")
	if string(a) != string(b) {
		t.Error("two builds of the same site wrote different sw.js")
	}

	// One changed page: a new version, the same list.
	about, err := os.ReadFile("../content/about.md")
	if err != nil {
		t.Fatal(err)
	}
	changed := fstest.MapFS{"content/about.md": {Data: []byte(strings.Replace(string(about), "This guide is made", "This guide, now updated, is made", 1))}}
	maps.Copy(changed, extra)
	_, next := offlineBuild(t, changed, generator.Options{})
	if next.Version == s.Version {
		t.Errorf("a changed page kept version %s", s.Version)
	}
	if !slices.Equal(next.Keep, s.Keep) {
		t.Error("a changed page changed the list of files")
	}

	// Minified, the worker is minified too, settings and all.
	var small publish.Memory
	if _, err := generator.Build(context.Background(), generator.Options{Source: siteWith(t, extra), Theme: themes.Default(), Minify: true}, &small); err != nil {
		t.Fatal(err)
	}
	sw, _ := small.Get("sw.js")
	if !strings.HasPrefix(string(sw), `const site={scope:"/",version:"`) || !strings.Contains(string(sw), `keep:["/","/404.html","/about/",`) || len(sw) >= len(a) {
		t.Errorf("minified sw.js (%d bytes, %d unminified) starts %.100s", len(sw), len(a), sw)
	}
}

// TestOfflineScope: a site published under a path keeps its files by
// their addresses under it, and its worker's scope is that path.
func TestOfflineScope(t *testing.T) {
	mem, s := offlineBuild(t, fstest.MapFS{"readykit.yaml": settingsWith(t, "https://example.org/dspt/", "")}, generator.Options{})
	if s.Scope != "/dspt/" || s.NotFound != "/dspt/404.html" {
		t.Errorf("scope %q, notFound %q", s.Scope, s.NotFound)
	}
	for _, u := range s.Keep {
		if !strings.HasPrefix(u, "/dspt/") {
			t.Errorf("%s is not under /dspt/", u)
		}
	}
	if !slices.Contains(s.Keep, "/dspt/") || !slices.Contains(s.Keep, "/dspt/checklist/") {
		t.Errorf("the home page or the checklist is not kept: %v", s.Keep[:5])
	}
	home, _ := mem.Get("index.html")
	if !strings.Contains(string(home), `data-rk-worker="/dspt/sw.js"`) {
		t.Error("the home page does not name /dspt/sw.js")
	}
}

// TestOfflineOff: with options.offline: false, or for the dev server, the
// pages register no worker, and sw.js is one that deletes its caches and
// unregisters itself, for browsers that installed an earlier one.
func TestOfflineOff(t *testing.T) {
	for name, c := range map[string]struct {
		over fstest.MapFS
		opts generator.Options
	}{
		"options.offline: false": {fstest.MapFS{"readykit.yaml": settingsWith(t, "", "  offline: false\n")}, generator.Options{}},
		"the dev server":         {nil, generator.Options{NoOffline: true}},
	} {
		t.Run(name, func(t *testing.T) {
			mem, s := offlineBuild(t, c.over, c.opts)
			if !s.Off || len(s.Keep) > 0 || s.Version != "" || s.Scope != "/" {
				t.Errorf("settings %+v, want off", s)
			}
			sw, _ := mem.Get("sw.js")
			for _, want := range []string{"release()", "unregister()", "caches.delete"} {
				if !strings.Contains(string(sw), want) {
					t.Errorf("sw.js does not hold %s", want)
				}
			}
			for _, p := range mem.Paths() {
				data, _ := mem.Get(p)
				if strings.HasSuffix(p, ".html") && strings.Contains(string(data), "data-rk-worker") {
					t.Errorf("%s names the worker", p)
				}
			}
		})
	}
	// options.offline: true is the default, said out loud.
	_, s := offlineBuild(t, fstest.MapFS{"readykit.yaml": settingsWith(t, "", "  offline: true\n")}, generator.Options{})
	if s.Off || len(s.Keep) == 0 {
		t.Errorf("offline: true gave %+v", s)
	}
}

// TestOfflineClash: a site's own sw.js would take the worker's place, so
// it is an error at that file.
func TestOfflineClash(t *testing.T) {
	var mem publish.Memory
	_, err := generator.Build(context.Background(), generator.Options{
		Source: siteWith(t, fstest.MapFS{"static/sw.js": {Data: []byte("// mine\n")}}),
		Theme:  themes.Default(),
	}, &mem)
	var fe *diag.FileError
	if !errors.As(err, &fe) || fe.File != "static/sw.js" || !strings.Contains(fe.Hint, "readykit makes sw.js itself") {
		t.Fatalf("got %v, want an error at static/sw.js", err)
	}
}

// TestOfflineTemplate: a site's theme may replace the worker, but one
// without the place for the settings is an error naming the file.
func TestOfflineTemplate(t *testing.T) {
	var mem publish.Memory
	_, err := generator.Build(context.Background(), generator.Options{
		Source: siteWith(t, fstest.MapFS{"themes/default/worker/sw.js": {Data: []byte("// no settings\n")}}),
		Theme:  themes.Default(),
	}, &mem)
	var fe *diag.FileError
	if !errors.As(err, &fe) || fe.File != "themes/default/worker/sw.js" {
		t.Fatalf("got %v, want an error at themes/default/worker/sw.js", err)
	}
}
