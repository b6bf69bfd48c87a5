package generator_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// build builds src into memory and returns the files as a txtar archive,
// sorted by path.
func build(t testing.TB, src fs.FS, minify bool) *txtar.Archive {
	t.Helper()
	var mem publish.Memory
	_, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Minify: minify}, &mem)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	ar := &txtar.Archive{}
	for _, p := range mem.Paths() {
		data, _ := mem.Get(p)
		ar.Files = append(ar.Files, txtar.File{Name: p, Data: data})
	}
	return ar
}

// compare checks got against the golden archive at path, or rewrites it
// with -update. On a difference it names the first file that differs.
func compare(t *testing.T, path string, got *txtar.Archive) {
	t.Helper()
	data := txtar.Format(got)
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -update to create it)", err)
	}
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Name] = f.Data
	}
	var diffs []string
	for _, f := range txtar.Parse(data).Files { // as stored: txtar ends every file with a newline
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			diffs = append(diffs, "unexpected file "+f.Name)
		case !bytes.Equal(w, f.Data):
			diffs = append(diffs, fmt.Sprintf("%s differs at %s", f.Name, firstDiff(w, f.Data)))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		diffs = append(diffs, "missing file "+name)
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		if len(diffs) > 10 {
			diffs = append(diffs[:10], fmt.Sprintf("... and %d more", len(diffs)-10))
		}
		t.Errorf("%s: the build differs from the golden files (run go test ./generator -update, then review the diff):\n%s", path, strings.Join(diffs, "\n"))
	}
}

func firstDiff(a, b []byte) string {
	line := 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("line %d", line)
		}
		if a[i] == '\n' {
			line++
		}
	}
	return fmt.Sprintf("line %d (one is longer)", line)
}

// TestDefaultSite builds the repository's own site and checks it against
// testdata/default.txtar, unminified so a change shows as a readable diff.
func TestDefaultSite(t *testing.T) {
	compare(t, "testdata/default.txtar", build(t, os.DirFS(".."), false))
}

// TestDeterministic builds the default site twice, minified as it is
// published, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	a := txtar.Format(build(t, os.DirFS(".."), true))
	b := txtar.Format(build(t, os.DirFS(".."), true))
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds of the same input differ at %s", firstDiff(a, b))
	}
}

// TestSites builds each testdata/sites/<case>.txtar: its site/ files are
// the input and its public/ files the expected output. A comment line
// "minify" in the archive builds minified.
func TestSites(t *testing.T) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src := fstest.MapFS{}
			out := &txtar.Archive{Comment: ar.Comment}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "site/"); ok {
					src[name] = &fstest.MapFile{Data: f.Data}
					out.Files = append(out.Files, f)
				}
			}
			minify := strings.Contains(string(ar.Comment), "minify")
			for _, f := range build(t, src, minify).Files {
				out.Files = append(out.Files, txtar.File{Name: "public/" + f.Name, Data: f.Data})
			}
			if *update {
				if err := os.WriteFile(path, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			got, want := txtar.Format(out), txtar.Format(ar)
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s at %s (run go test ./generator -update, then review the diff)", path, firstDiff(want, got))
			}
		})
	}
}
