// Package vectors reads the JSON test vectors that the Go tests share with
// the JavaScript tests, from testdata/ at the repository's top.
package vectors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Vector is one file's decoded contents.
type Vector[T any] struct {
	File string
	V    T
}

// Load decodes every testdata/<dir>/*.json file into a T, and fails the
// test when there are fewer than min of them, so a lost folder cannot
// pass quietly.
func Load[T any](t *testing.T, dir string, min int) []Vector[T] {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "..", "testdata", dir)
	files, err := filepath.Glob(filepath.Join(root, "*.json"))
	if err != nil || len(files) < min {
		t.Fatalf("want at least %d shared vectors in testdata/%s, found %d (%v)", min, dir, len(files), err)
	}
	out := make([]Vector[T], len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[i].File = filepath.Base(f)
		if err := json.Unmarshal(data, &out[i].V); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return out
}
