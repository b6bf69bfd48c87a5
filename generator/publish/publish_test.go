package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDirSwapsWholeSites(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d := Dir{Path: dest}
	if err := d.Publish([]File{{"index.html", []byte("one")}, {"a/b/c.txt", []byte("deep")}}); err != nil {
		t.Fatal(err)
	}
	if err := d.Publish([]File{{"index.html", []byte("two")}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the old site survived: %v", err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v", fi.Mode())
	}
}

func TestDirLeavesOldSiteOnFailure(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d := Dir{Path: dest}
	if err := d.Publish([]File{{"index.html", []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	err := d.Publish([]File{{"index.html", []byte("new")}, {"../escape.txt", []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "invalid output path") {
		t.Fatalf("err %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "old" {
		t.Errorf("index.html = %q after a failed publish", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestTransforms(t *testing.T) {
	files := []File{
		{"index.html", []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n  <p>  Hello  </p>\n</body>\n</html>\n")},
		{"a.css", []byte("body {\n  color: #ff0000;\n}\n")},
		{"data.bin", []byte("  kept  ")},
	}
	if err := Apply(files, Minifier(), Reload("/_r.js")); err != nil {
		t.Fatal(err)
	}
	if got := string(files[0].Data); got != `<!doctype html><html lang=en><body><p>Hello</p><script type="module" src="/_r.js"></script></body></html>` {
		t.Errorf("html: %s", got)
	}
	if got := string(files[1].Data); got != "body{color:red}" {
		t.Errorf("css: %s", got)
	}
	if got := string(files[2].Data); got != "  kept  " {
		t.Errorf("other files must pass through: %q", got)
	}
}

// A CSS attribute selector matches only attributes that are written, so
// a minifier that drops default values changes which rules apply.
func TestMinifierKeepsDefaultAttributeValues(t *testing.T) {
	files := []File{{"form.html", []byte(`<form method="get" action="/find/"><input type="text" name="q"><button type="submit">Find</button></form>`)}}
	if err := Apply(files, Minifier()); err != nil {
		t.Fatal(err)
	}
	got := string(files[0].Data)
	for _, want := range []string{"method=get", "type=text", "type=submit"} {
		if !strings.Contains(got, want) {
			t.Errorf("minified form lost %s: %s", want, got)
		}
	}
}

// The new folder's files are each created once, in folders made as they
// are needed: a path put twice is an error, not a file written over,
// and the batch leaves nothing behind when it is aborted.
func TestDirCreatesEachFileOnce(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	batch, err := Dir{Path: dest}.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []File{{"a/b/c/index.html", []byte("deep")}, {"a/index.html", []byte("top")}, {"a/b/x.css", []byte("x")}} {
		if err := batch.Put(f); err != nil {
			t.Fatalf("put %s: %v", f.Path, err)
		}
	}
	if err := batch.Put(File{"a/index.html", []byte("again")}); err == nil {
		t.Error("a path put twice was written over")
	}
	batch.Abort()
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if err := (Dir{Path: dest}).Publish([]File{{"a/b/c/index.html", []byte("deep")}, {"a/index.html", []byte("top")}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"a/b/c/index.html": "deep", "a/index.html": "top", marker: string(markerText)} {
		if got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p))); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
}
