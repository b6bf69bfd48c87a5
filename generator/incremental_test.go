package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// TestIncrementalMatchesFull edits a copy of the default site as a writer
// would while readykit serve runs, and after each edit checks that a
// rebuild with the dev server's Cache (the reused theme, the remembered
// pages) gives the very files a fresh build without one does. A page's
// body edit renders that page alone again; the other edits may render
// everything, but must never leave a page stale.
func TestIncrementalMatchesFull(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "readykit.yaml"), string(cfg))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	// Each build is given the time it starts, as readykit serve gives
	// it: a clock that moves must not make every page render again.
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	opts := func(c *Cache) Options {
		now = now.Add(1500 * time.Millisecond)
		return Options{Source: root.FS(), Theme: themes.Default(), BaseURL: "http://localhost:1313/", NoOffline: true, NoPortable: true, Cache: c, Today: now}
	}
	cache := NewRebuildCache()
	var inc publish.Memory
	if _, err := Build(context.Background(), opts(cache), &inc); err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("../themes/default/layouts/about.html")
	if err != nil {
		t.Fatal(err)
	}
	dom, err := os.ReadFile("../themes/default/static/js/dom.js")
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("../themes/default/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	file := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	edit := func(name, old, new string) func(t *testing.T) {
		return func(t *testing.T) {
			data, err := os.ReadFile(file(name))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s lacks %q", name, old)
			}
			write(t, file(name), strings.Replace(string(data), old, new, 1))
		}
	}
	appendTo := func(name, text string) func(t *testing.T) {
		return func(t *testing.T) {
			data, err := os.ReadFile(file(name))
			if err != nil {
				t.Fatal(err)
			}
			write(t, file(name), string(data)+text)
		}
	}
	steps := []struct {
		name string
		edit func(t *testing.T)
		// rendered is how many pages the rebuild may render rather than
		// take from the memo; -1 for any number.
		rendered int
	}{
		{"a page's body", appendTo("content/about.md", "\nA paragraph added while serving.\n"), 1},
		{"the same body again", appendTo("content/about.md", "\nAnother, with a [link](/checklist/).\n"), 1},
		{"nothing", func(*testing.T) {}, 0},
		{"a page's front matter", edit("content/about.md", "linkTitle: About", "linkTitle: About us"), -1},
		{"an item's guidance", appendTo("content/data/items/1.1.1.md", "\nMore guidance, added while serving.\n"), -1},
		{"an item's data", edit("content/data/items/1.1.1.md", "confidence: confirmed", "confidence: likely"), -1},
		{"the glossary", edit("content/data/glossary.yaml", "A short list of the mandatory items", "A short list of the required items"), -1},
		{"a layout override", func(t *testing.T) {
			if err := os.MkdirAll(file("themes/default/layouts"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, file("themes/default/layouts/about.html"), strings.Replace(string(layout), "<h1>", `<h1 class="overridden">`, 1))
		}, -1},
		{"a body under the override", appendTo("content/about.md", "\nA third paragraph.\n"), 1},
		{"a stylesheet override", func(t *testing.T) {
			if err := os.MkdirAll(file("themes/default/assets"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, file("themes/default/assets/site.css"), string(css)+"\n.overridden { color: #333; }\n")
		}, -1},
		// A script's imports decide every page's modulepreload links, so
		// a script edit must render the pages again.
		{"a script that imports one more module", func(t *testing.T) {
			if err := os.MkdirAll(file("static/js"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, file("static/js/extra.js"), "export const extra = 1;\n")
			write(t, file("static/js/dom.js"), "import { extra } from './extra.js';\n"+string(dom))
		}, -1},
		{"the script put back", func(t *testing.T) {
			for _, f := range []string{"static/js/dom.js", "static/js/extra.js"} {
				if err := os.Remove(file(f)); err != nil {
					t.Fatal(err)
				}
			}
		}, -1},
		{"readykit.yaml", edit("readykit.yaml", "title: DSPT readiness guide", "title: DSPT readiness guide (edited)"), -1},
		{"a page added", func(t *testing.T) {
			write(t, file("content/added.md"), "---\ntitle: An added page\nmenu: footer\nweight: 99\n---\nIts text.\n")
		}, -1},
		{"a page removed", func(t *testing.T) {
			if err := os.Remove(file("content/added.md")); err != nil {
				t.Fatal(err)
			}
		}, -1},
		{"the layout override removed", func(t *testing.T) {
			if err := os.Remove(file("themes/default/layouts/about.html")); err != nil {
				t.Fatal(err)
			}
		}, -1},
	}
	for _, s := range steps {
		s.edit(t)
		before := len(cache.pages)
		if _, err := Build(context.Background(), opts(cache), &inc); err != nil {
			t.Fatalf("%s: incremental rebuild: %v", s.name, err)
		}
		var full publish.Memory
		if _, err := Build(context.Background(), opts(nil), &full); err != nil {
			t.Fatalf("%s: full build: %v", s.name, err)
		}
		if diff := publish.Changed(inc.Snapshot(), full.Snapshot()); len(diff) > 0 {
			t.Errorf("%s: the rebuild differs from a full build in %d files: %s", s.name, len(diff), strings.Join(diff[:min(len(diff), 8)], ", "))
		}
		if got := len(cache.pages) - before; s.rendered >= 0 && got != s.rendered {
			t.Errorf("%s: the rebuild rendered %d pages, want %d", s.name, got, s.rendered)
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
