package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// module writes a tiny module example.com/m of the given files into a
// temporary folder and returns the folder.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func check(t *testing.T, root string, want ...string) {
	t.Helper()
	got, err := run(root)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Package a exports two functions and package b calls one. The other is
// used only by a's external tests, which are a's own, so it is reported.
func TestRun(t *testing.T) {
	root := module(t, map[string]string{
		"a/a.go": "package a\n\n// Used is called by b.\nfunc Used() {}\n\n// Unused is not.\nfunc Unused() {}\n",
		"a/a_test.go": "package a_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/a\"\n)\n\n" +
			"func TestUnused(t *testing.T) { a.Unused() }\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\nfunc use() { a.Used() }\n",
	})
	check(t, root, filepath.Join(root, "a", "a.go")+":7: func Unused")
}

// A field that a template example in a comment reads is kept, as the
// theme manual's are: the templates of sites' own themes may read it.
func TestRunTemplateComment(t *testing.T) {
	root := module(t, map[string]string{
		"a/a.go": "package a\n\n// T is given to templates:\n//\n//\t{{ .Shown }}\ntype T struct {\n\tShown  int\n\tHidden int\n}\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\nvar _ a.T\n",
	})
	check(t, root, filepath.Join(root, "a", "a.go")+":8: field T.Hidden")
}

// What the development tools in tools/ use of the module is used, but
// their own exported names are not checked: they are not readykit's.
func TestRunTools(t *testing.T) {
	root := module(t, map[string]string{
		"a/a.go":          "package a\n\n// Bench is called by a tool.\nfunc Bench() {}\n\n// Unused is not.\nfunc Unused() {}\n",
		"tools/t/t.go":    "package t\n\nimport \"example.com/m/a\"\n\n// Tool is the tool's own.\nfunc Tool() { a.Bench() }\n",
		"tools/t/main.go": "package t\n",
	})
	check(t, root, filepath.Join(root, "a", "a.go")+":7: func Unused")
}
