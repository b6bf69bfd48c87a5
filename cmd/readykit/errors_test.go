package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestBadInput builds a small site with one problem per case (the files of
// testdata/errors/<case>.txtar written over testdata/base.txtar) and checks
// the exact message with its file:line:col, exit code 1, and that the
// previous public/ is left byte for byte as it was. `go test -update`
// rewrites the expected messages.
func TestBadInput(t *testing.T) {
	cliCases(t, "errors", 12, nil, func(t *testing.T, _ *txtar.Archive, dir string) string {
		// Each case has a folder of its own and changes nothing else
		// (TestWarnings, which sets the day, cannot run so).
		t.Parallel()
		// A previous good build that must survive the failed one.
		public := filepath.Join(dir, "public")
		writeArchive(t, public, txtar.Parse([]byte("-- .readykit-build --\nmarker\n-- index.html --\nthe previous site\n-- items/1.1.1/index.html --\nan old page\n")))
		before := tree(t, public)

		code, stdout, stderr := runCLI("build", "--source", dir)
		if code != exitContent {
			t.Errorf("exit code %d, want %d", code, exitContent)
		}
		if stdout != "" {
			t.Errorf("a failed build printed to stdout: %q", stdout)
		}
		if after := tree(t, public); !reflect.DeepEqual(before, after) {
			t.Errorf("public/ changed:\nbefore %v\nafter  %v", before, after)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public") {
				t.Errorf("left behind %s", e.Name())
			}
		}

		// check reports the same problems, and writes nothing either.
		code, _, checkErr := runCLI("check", "--source", dir)
		if code != exitContent || checkErr != stderr {
			t.Errorf("check: exit %d, stderr:\n%s", code, checkErr)
		}
		return stderr
	})
}
