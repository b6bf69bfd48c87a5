package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

// writeArchive writes the files of ar under dir, except those skip names.
func writeArchive(t *testing.T, dir string, ar *txtar.Archive, skip ...string) {
	t.Helper()
	for _, f := range ar.Files {
		if contains(skip, f.Name) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func file(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// tree reads every file under dir into a map of slash paths to contents,
// to compare folders byte for byte.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runCLI runs the command line in-process and returns the exit code and
// what it wrote.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// baseSite writes the small valid site of testdata/base.txtar into a new
// folder and returns it.
func baseSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeArchive(t, dir, ar)
	return dir
}

// cliCases runs one subtest for each testdata/<dir>/<case>.txtar: the
// case's files written over testdata/base.txtar in a new folder (leaving
// out the files named in skip), then run(t, ar, dir), which returns the
// stderr to compare with the case's "want" file. `go test -update`
// rewrites "want". There must be at least min cases.
func cliCases(t *testing.T, dir string, min int, skip []string, run func(t *testing.T, ar *txtar.Archive, site string) string) {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(cases) < min {
		t.Fatalf("want at least %d cases in testdata/%s, found %d (%v)", min, dir, len(cases), err)
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			site := baseSite(t)
			writeArchive(t, site, ar, append([]string{"want"}, skip...)...)
			stderr := run(t, ar, site)
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(stderr)
					}
				}
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := string(file(ar, "want")); stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
		})
	}
}
