package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// streamedSite is the small site without the portable copy, so that its
// build hands its files to the sink as they are made.
func streamedSite(t testing.TB) fstest.MapFS {
	site := smallSite(t)
	cfg := string(site["readykit.yaml"].Data)
	if strings.Contains(cfg, "options:") {
		t.Fatal("the small site has options of its own; add portable: false to them")
	}
	site["readykit.yaml"] = &fstest.MapFile{Data: []byte(cfg + "options:\n  portable: false\n")}
	return site
}

// A streamed build gives a folder the same files as it gives memory, and
// counts in its result what it wrote.
func TestStreamedBuildDirAndMemory(t *testing.T) {
	site := streamedSite(t)
	var mem publish.Memory
	opts := generator.Options{Source: site, Theme: themes.Default(), Minify: true}
	res, err := generator.Build(context.Background(), opts, &mem)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), opts, publish.Dir{Path: dest}); err != nil {
		t.Fatal(err)
	}
	paths := mem.Paths()
	if res.Files != len(paths) {
		t.Errorf("result counts %d files, memory has %d", res.Files, len(paths))
	}
	var size int64
	for _, p := range paths {
		want, _ := mem.Get(p)
		size += int64(len(want))
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s differs in the folder (%v)", p, err)
		}
	}
	if res.Bytes != size {
		t.Errorf("result counts %d bytes, memory has %d", res.Bytes, size)
	}
	if sw, _ := mem.Get("sw.js"); !strings.Contains(string(sw), `"/checklist/"`) {
		t.Errorf("the worker does not keep the checklist: %.300s", sw)
	}
}

// Pages are rendered as they are published; a build whose pages fail
// reports every failed page, in the order of the pages, from the render
// stage, and leaves the folder's old site as it was.
func TestStreamedBuildFailsWhole(t *testing.T) {
	site := streamedSite(t)
	// Each page fails in a layout of its own, so the two problems differ.
	for name, n := range map[string]string{"zz": "555", "aa": "222"} {
		site["themes/default/layouts/"+name+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{index .Page.Title ` + n + `}}{{end}}`)}
		site["content/"+name+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\nlayout: " + name + "\n---\nText.\n")}
	}
	dest := filepath.Join(t.TempDir(), "public")
	d := publish.Dir{Path: dest}
	if err := d.Publish([]publish.File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	_, err := generator.Build(context.Background(), generator.Options{Source: site, Theme: themes.Default()}, d)
	var se *generator.StageError
	if !errors.As(err, &se) || se.Stage != "render" {
		t.Fatalf("got %v, want a render stage error", err)
	}
	var list diag.Errors
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v, want both pages' problems", err)
	}
	if a, z := strings.Index(err.Error(), "range: 222"), strings.Index(err.Error(), "range: 555"); a < 0 || z < 0 || a > z {
		t.Errorf("problems not in the order of the pages: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "old" {
		t.Errorf("index.html is %q after a failed build", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("the failed build left behind %v", entries)
	}
}
