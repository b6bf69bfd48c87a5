package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// asReadykit, set in the environment, makes the test binary act as the
// readykit command, so a test can run the command as a consultant would
// (a process in a folder of its own) without building it.
const asReadykit = "READYKIT_TEST_AS_COMMAND"

// TestMain runs every test of this package on a fixed day, so that no
// output depends on the day the tests run; TestWarnings sets other days.
// testdata/base.txtar's edition has its deadline after this day.
func TestMain(m *testing.M) {
	if os.Getenv(asReadykit) == "1" {
		main()
	}
	if os.Getenv(todayEnv) == "" {
		os.Setenv(todayEnv, "2025-01-06")
	}
	os.Exit(m.Run())
}

// TestWarnings builds the site of testdata/base.txtar with the files of
// testdata/warnings/<case>.txtar over it, on the day its "today" file
// names, and checks the exact warnings on stderr, exit 0, and that the
// site was written; check must list the same warnings. `go test -update`
// rewrites the expected messages.
func TestWarnings(t *testing.T) {
	cliCases(t, "warnings", 4, []string{"today"}, func(t *testing.T, ar *txtar.Archive, dir string) string {
		t.Setenv(todayEnv, strings.TrimSpace(string(file(ar, "today"))))
		code, stdout, stderr := runCLI("build", "--source", dir)
		if code != exitOK {
			t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitOK, stderr)
		}
		if !strings.HasPrefix(stdout, "Built ") {
			t.Errorf("stdout %q, want the build's summary", stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
			t.Errorf("public/ was not written: %v", err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if line != "" && !strings.Contains(line, ": warning: ") {
				t.Errorf("a line with no warning marker: %q", line)
			}
		}

		code, stdout, checkErr := runCLI("check", "--source", dir)
		if code != exitOK || checkErr != stderr || !strings.HasPrefix(stdout, "No problems found") {
			t.Errorf("check: exit %d, stdout %q, stderr:\n%s", code, stdout, checkErr)
		}
		return stderr
	})
}

// TestTodayEnv: a READYKIT_TODAY that is not a date is a plain failure,
// not a build on some other day.
func TestTodayEnv(t *testing.T) {
	dir := baseSite(t)
	t.Setenv(todayEnv, "1 July 2027")
	for _, args := range [][]string{{"build"}, {"check"}, {"serve", "--port", "0"}} {
		verb := args[0]
		code, _, stderr := runCLI(append(args, "--source", dir)...)
		if code != exitContent || !strings.Contains(stderr, `READYKIT_TODAY="1 July 2027" is not a date`) {
			t.Errorf("%s: exit %d, stderr %q", verb, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("build wrote public/ with no date: %v", err)
	}
}
