package generator

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// ArchiveFS reads the txtar archive at path as a site: the files whose
// names start with prefix, without it. The tests of package generator_test
// use it too, which is why it is exported (from a test file, so only to
// tests).
func ArchiveFS(t testing.TB, path, prefix string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, prefix); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}
