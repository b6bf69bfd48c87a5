package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// siteVector is a file of testdata/readiness/site: a progress document for
// the default site, and its readiness as scoring.js counts it over the
// site's items. e2e/readiness.test.mjs seeds the same document in the
// browser and checks that the pages show the same figures.
type siteVector struct {
	Name     string          `json:"name"`
	Progress json.RawMessage `json:"progress"`
	Want     struct {
		Approaching wantTally            `json:"approaching"`
		Met         wantTally            `json:"met"`
		Standards   map[string]wantTally `json:"standards"`
	} `json:"want"`
}

type wantTally struct {
	Done     int      `json:"done"`
	Total    int      `json:"total"`
	Blocking []string `json:"blocking"`
}

var (
	levelLine   = regexp.MustCompile(`<strong>Approaching Standards:</strong> (\d+) of (\d+) done\. <strong>Standards Met:</strong> (\d+) of (\d+) done\.`)
	standardRow = regexp.MustCompile(`<tr><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td><progress`)
	gapHeading  = regexp.MustCompile(`<h3>Still needed for (Approaching Standards|Standards Met) \((\d+)\)</h3>`)
)

// TestReportReadinessVectors: readykit report, given the same stored
// document as the browser, says the same readiness: each level's done and
// total, each standard's, and how many gaps each level has.
func TestReportReadinessVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoSite, "testdata", "readiness", "site", "*.json"))
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least 3 readiness vectors for the default site, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var v siteVector
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			doc := filepath.Join(t.TempDir(), "progress.json")
			if err := os.WriteFile(doc, v.Progress, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "report.html")
			if code, _, stderr := runCLI("report", "--source", repoSite, "--progress", doc, "--format", "html", "--out", out); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			html := string(page)
			w := v.Want
			m := levelLine.FindStringSubmatch(html)
			if m == nil {
				t.Fatalf("%s: the report has no readiness line", v.Name)
			}
			if got, want := m[1:], nums(w.Approaching.Done, w.Approaching.Total, w.Met.Done, w.Met.Total); !slices.Equal(got, want) {
				t.Errorf("%s: approaching done, total, met done, total %v; want %v", v.Name, got, want)
			}
			// A row for every standard with something needed; a row for
			// one with nothing needed may be there too, as 0 of 0.
			rows := map[string][]string{}
			for _, r := range standardRow.FindAllStringSubmatch(html, -1) {
				rows[r[1]] = r[2:]
			}
			for n, tally := range w.Standards {
				if got, ok := rows[n]; !ok && tally.Total > 0 {
					t.Errorf("%s: no row for standard %s", v.Name, n)
				} else if ok && !slices.Equal(got, nums(tally.Done, tally.Total)) {
					t.Errorf("%s: standard %s: done and needed %v; want %d of %d", v.Name, n, got, tally.Done, tally.Total)
				}
			}
			for n := range rows {
				if _, ok := w.Standards[n]; !ok {
					t.Errorf("%s: a row for standard %s, which has no items", v.Name, n)
				}
			}
			// The gaps: what blocks Approaching Standards, then what else
			// blocks Standards Met. A level with no gaps has no heading.
			gaps := map[string]string{}
			for _, g := range gapHeading.FindAllStringSubmatch(html, -1) {
				gaps[g[1]] = g[2]
			}
			approaching, met := len(w.Approaching.Blocking), len(w.Met.Blocking)-len(w.Approaching.Blocking)
			for level, n := range map[string]int{"Approaching Standards": approaching, "Standards Met": met} {
				if got, ok := gaps[level]; (n == 0 && ok) || (n > 0 && got != strconv.Itoa(n)) {
					t.Errorf("%s: %s has %q gaps; want %d", v.Name, level, got, n)
				}
			}
		})
	}
}

func nums(n ...int) []string {
	out := make([]string, len(n))
	for i, v := range n {
		out[i] = strconv.Itoa(v)
	}
	return out
}
