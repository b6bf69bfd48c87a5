package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/report"
)

// repoSite is the repository's own site, with the full content pack.
const repoSite = "../.."

// progressFile writes a progress document for the default edition, as the
// browser exports it, and returns its path.
func progressFile(t *testing.T, items map[string]map[string]any) string {
	t.Helper()
	doc := map[string]any{
		"format": "readykit-progress", "version": 1, "site": "readykit", "edition": "dspt-2023-24-cat3",
		"profile":      map[string]any{"id": "default", "name": ""},
		"organisation": map[string]any{"name": "Willow Lodge", "odsCode": "VNX12", "completedBy": "Sam Patel"},
		"created":      "2025-03-01T10:00:00.000Z", "updated": "2025-03-02T09:15:00.000Z",
		"items": items, "kept": map[string]any{},
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "willow-lodge.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var sample = map[string]map[string]any{
	"1.1.1":  {"status": "met"},
	"1.1.2":  {"status": "in-progress", "owner": "Sam", "due": "2025-05-30", "action": "Finish the register", "notes": `=HYPERLINK("http://evil.example","x")`},
	"1.3.12": {"status": "not-applicable"},
	"3.2.1":  {"status": "not-started", "owner": "Jo", "due": "2025-04-01", "action": "+Book training", "priority": "high", "evidence": "@office"},
}

// expected works out the report the way the command should, for comparing.
func expected(t *testing.T, path string) *report.Report {
	t.Helper()
	model, err := generator.Load(os.DirFS(repoSite))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	doc, err := progress.Read(path, data, model.EditionItems())
	if err != nil {
		t.Fatal(err)
	}
	e := model.Data.Edition(doc.Edition)
	return report.New(model.Config.Title, e, model.Data.View(e).Items, model.DefaultRules, doc, time.Now())
}

func TestReportCSV(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	for _, table := range []string{"plan", "gaps"} {
		out := filepath.Join(t.TempDir(), table+".csv")
		code, stdout, stderr := runCLI("report", "--source", repoSite, "--progress", path, "--format", "csv", "--table", table, "--out", out)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", table, code, stderr)
		}
		if !strings.HasPrefix(stdout, "Wrote "+out+": 40 gaps; the plan has ") {
			t.Errorf("summary %q", stdout)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\ufeff")) {
			t.Errorf("%s: no byte order mark for Excel", table)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: does not parse back: %v", table, err)
		}
		header, body := plan.PlanColumns, want.Result.PlanRows()
		if table == "gaps" {
			header, body = plan.GapColumns, want.Result.GapRows()
		}
		if strings.Join(rows[0], "|") != strings.Join(header, "|") || len(rows)-1 != len(body) {
			t.Fatalf("%s: header %q and %d rows; want %q and %d", table, rows[0], len(rows)-1, header, len(body))
		}
		for i, r := range rows[1:] {
			for j, cell := range r {
				w := body[i][j]
				if w != "" && strings.ContainsRune("=+-@", rune(w[0])) {
					w = "'" + w // made text, so a spreadsheet never runs it
				}
				if cell != w {
					t.Errorf("%s row %d column %q: %q, want %q", table, i+1, header[j], cell, w)
				}
			}
		}
	}
	// The formula in the notes comes out as text.
	code, stdout, _ := runCLI("report", "--source", repoSite, "--progress", path, "--format", "csv", "--table", "gaps", "--out", "-")
	if code != exitOK || !strings.Contains(stdout, `"'=HYPERLINK(""http://evil.example"",""x"")"`) {
		t.Errorf("formula not neutralised in:\n%s", stdout)
	}
}

func TestReportXLSX(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	out := filepath.Join(t.TempDir(), "willow.xlsx")
	if code, _, stderr := runCLI("report", "--source", repoSite, "--progress", path, "--format", "xlsx", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	for _, s := range []struct {
		sheet   string
		header  []string
		rows    [][]string
		dateCol int
	}{
		{report.PlanSheet, plan.PlanColumns, want.Result.PlanRows(), 7},
		{report.GapSheet, plan.GapColumns, want.Result.GapRows(), 6},
	} {
		got, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s: %v", s.sheet, err)
		}
		if strings.Join(got[0], "|") != strings.Join(s.header, "|") || len(got)-1 != len(s.rows) {
			t.Fatalf("%s: header %q, %d rows", s.sheet, got[0], len(got)-1)
		}
		dates := 0
		for i, r := range got[1:] {
			for j, w := range s.rows[i] {
				cell := ""
				if j < len(r) {
					cell = r[j]
				}
				if j == s.dateCol && w != "" {
					// A real date: a serial number that reads back as the day.
					serial, err := parseFloat(cell)
					if err != nil {
						t.Errorf("%s row %d: date cell %q is not a date", s.sheet, i+1, cell)
						continue
					}
					d, err := excelize.ExcelDateToTime(serial, false)
					if err != nil || d.Format(time.DateOnly) != w {
						t.Errorf("%s row %d: date %v, want %s", s.sheet, i+1, d, w)
					}
					dates++
					continue
				}
				if cell != w {
					t.Errorf("%s row %d column %q: %q, want %q", s.sheet, i+1, s.header[j], cell, w)
				}
			}
		}
		if dates == 0 {
			t.Errorf("%s: no dates were checked", s.sheet)
		}
		panes, err := f.GetPanes(s.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", s.sheet, panes, err)
		}
	}
}

func parseFloat(s string) (float64, error) {
	var f float64
	err := json.Unmarshal([]byte(s), &f)
	return f, err
}

func TestReportHTML(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	out := filepath.Join(t.TempDir(), "willow.html")
	if code, _, stderr := runCLI("report", "--source", repoSite, "--progress", path, "--out", out, "--rules", "2020-21"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	html := string(data)
	for _, s := range []string{"Willow Lodge", "ODS code VNX12", "2023-24", "The 2020-21 improvement plan guidance",
		"This plan would not be agreed because", "more than 15", "Finish the register", "=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)"} {
		if !strings.Contains(html, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	for _, g := range want.Result.Gaps {
		if !strings.Contains(html, `<td class="ref">`+g.Item.Reference()+`</td>`) {
			t.Errorf("the report lacks gap %s", g.Item.Reference())
		}
	}
	if strings.Contains(html, "<script") {
		t.Error("the report has a script")
	}
}

// TestReportBadInput: every kind of bad input gives a clear message and
// the right exit code, and leaves no output file, whole or partial.
func TestReportBadInput(t *testing.T) {
	good := progressFile(t, sample)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.json", `{"format":"readykit-progress","version":1,"notes":"`+strings.Repeat("x", 2<<20)+`"}`)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"malformed", []string{"--progress", write("bad.json", `{"format": readykit}`)}, exitContent, "the file is not valid JSON at line 1, column 12"},
		{"truncated", []string{"--progress", write("cut.json", `{"format":"readykit-progress","version":1,"edition":"dspt-2023`)}, exitContent, "the file ends too soon"},
		{"empty", []string{"--progress", write("empty.json", "")}, exitContent, "the file is empty"},
		{"foreign", []string{"--progress", write("other.json", `{"name":"a shopping list","items":["milk"]}`)}, exitContent, "this is not a readykit progress file"},
		{"newer", []string{"--progress", write("new.json", `{"format":"readykit-progress","version":2,"edition":"dspt-2023-24-cat3","items":{}}`)}, exitContent, "made by a newer version of readykit"},
		{"unknown edition", []string{"--progress", write("ed.json", `{"format":"readykit-progress","version":1,"edition":"dspt-2019-20-cat3","items":{}}`)}, exitContent, `the edition "dspt-2019-20-cat3", which this site does not have`},
		{"too big", []string{"--progress", big}, exitContent, "a readykit progress file is never more than 1 MB"},
		{"missing file", []string{"--progress", filepath.Join(dir, "nope.json")}, exitContent, "there is no such file"},
		{"unknown rules", []string{"--progress", good, "--rules", "2019-20"}, exitUsage, `--rules "2019-20" is not a rule set of this site; use one of: 2020-21, 2024-25`},
		{"unknown format", []string{"--progress", good, "--format", "pdf"}, exitUsage, `--format "pdf" is not one of html, csv or xlsx`},
		{"no progress", []string{}, exitUsage, "--progress FILE is needed"},
		{"xlsx to terminal", []string{"--progress", good, "--format", "xlsx", "--out", "-"}, exitUsage, "cannot be written to the terminal"},
		{"unwritable", []string{"--progress", good, "--out", filepath.Join(dir, "no-such-folder", "r.html")}, exitContent, "cannot write"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			args := append([]string{"report", "--source", repoSite}, c.args...)
			if !contains(c.args, "--out") {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := runCLI(args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, c.code, c.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("an output file was left behind")
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a part-written file was left behind: %s", e.Name())
		}
	}
}
