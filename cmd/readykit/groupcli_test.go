package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGroupFromCommandLine runs the group view as a user types it: a
// folder of twelve exports, one damaged, given to --progress, gives
// eleven rows and names the damaged file; several --progress files do the
// same as their folder.
func TestGroupFromCommandLine(t *testing.T) {
	t.Setenv(todayEnv, "2027-03-01")
	dir := twelveHomes(t)
	check := func(t *testing.T, args ...string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "group.csv")
		code, stdout, stderr := runCLI(append([]string{"report", "--source", repoSite, "--format", "csv", "--out", out}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
		}
		if !strings.Contains(stderr, "home-07.json: left out") {
			t.Errorf("the damaged file is not named:\n%s", stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 12 { // the header and eleven homes
			t.Errorf("%d rows, want a header and 11 homes", len(rows))
		}
	}
	t.Run("folder", func(t *testing.T) { check(t, "--progress", dir) })
	t.Run("files", func(t *testing.T) {
		var args []string
		for i := 1; i <= 12; i++ {
			args = append(args, "-p", filepath.Join(dir, "home-"+[]string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[i-1]+".json"))
		}
		check(t, args...)
	})
}
