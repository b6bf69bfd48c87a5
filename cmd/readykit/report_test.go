package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/report"
	"github.com/readykit/readykit/generator/toolkit"
)

// repoSite is the repository's own site, with the full content pack.
const repoSite = "../.."

// oldSite is a copy of the repository's settings and toolkit data (all a
// report reads) set to the 2023-24 edition, whose items are confirmed, so
// the tests' progress files (of that edition) are reported on as saved,
// not moved forward to the repository's own edition.
func oldSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	conf, err := os.ReadFile(filepath.Join(repoSite, "readykit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	conf = regexp.MustCompile(`(?m)^edition: .*$`).ReplaceAll(conf, []byte("edition: dspt-2023-24-cat3"))
	if err := os.WriteFile(filepath.Join(dir, "readykit.yaml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content", "data"), os.DirFS(filepath.Join(repoSite, "content", "data"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// progressFile writes a progress document for the default edition, as the
// browser exports it, and returns its path.
func progressFile(t *testing.T, items map[string]map[string]any) string {
	t.Helper()
	return progressFileWith(t, items, nil)
}

// progressFileWith is progressFile with more of the document (kept
// entries, values kept aside), or some of it replaced.
func progressFileWith(t *testing.T, items map[string]map[string]any, more map[string]any) string {
	t.Helper()
	doc := map[string]any{
		"format": "readykit-progress", "version": 1, "site": "readykit", "edition": "dspt-2023-24-cat3",
		"profile":      map[string]any{"id": "default", "name": ""},
		"organisation": map[string]any{"name": "Willow Lodge", "odsCode": "VNX12", "completedBy": "Sam Patel"},
		"created":      "2025-03-01T10:00:00.000Z", "updated": "2025-03-02T09:15:00.000Z",
		"items": items, "kept": map[string]any{},
	}
	for k, v := range more {
		doc[k] = v
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
	model, err := generator.Load(os.DirFS(oldSite(t)))
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := readCarried(path, model)
	if err != nil {
		t.Fatal(err)
	}
	e := model.Data.Edition(doc.Edition)
	rules := plan.For(model.Rules, model.DefaultRules, model.Config.OrganisationType)
	return report.New(model.Config.Title, e, model.Data.View(e).Items, rules, doc, time.Now())
}

func TestReportCSV(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	for _, table := range []string{"plan", "gaps"} {
		out := filepath.Join(t.TempDir(), table+".csv")
		code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "csv", "--table", table, "--out", out)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", table, code, stderr)
		}
		if !strings.HasPrefix(stdout, "Wrote "+out+": 40 gaps; the action plan has ") {
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
	code, stdout, _ := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "csv", "--table", "gaps", "--out", "-")
	if code != exitOK || !strings.Contains(stdout, `"'=HYPERLINK(""http://evil.example"",""x"")"`) {
		t.Errorf("formula not neutralised in:\n%s", stdout)
	}
}

func TestReportXLSX(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	out := filepath.Join(t.TempDir(), "willow.xlsx")
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "xlsx", "--out", out); code != exitOK {
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
		{report.ActionSheet, plan.PlanColumns, want.Result.PlanRows(), 8},
		{report.GapSheet, plan.GapColumns, want.Result.GapRows(), 7},
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
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--out", out, "--rules", "2020-21"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	html := string(data)
	for _, s := range []string{"Willow Lodge", "ODS code VNX12", "2023-24", "The 2020-21 improvement plan guidance",
		"<h2>Improvement plan</h2>", "The 2020-21 improvement plan guidance applies to NHS bodies and local authorities.",
		"This plan would not be agreed because", "more than 15", "Finish the register", "=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)"} {
		if !strings.Contains(html, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	for _, g := range want.Result.Gaps {
		if !strings.Contains(html, `<td class="ref">`+refCell(g.Item)+`</td>`) {
			t.Errorf("the report lacks gap %s, with its mark if it is to be checked", g.Item.Reference())
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
		{"unknown edition", []string{"--progress", write("ed.json", `{"format":"readykit-progress","version":1,"edition":"dspt-2019-20-cat3","items":{}}`)}, exitContent, `the file is for the 2019-20 edition, which this site cannot move forward to 2023-24`},
		{"too big", []string{"--progress", big}, exitContent, "a readykit progress file is never more than 1 MB"},
		{"missing file", []string{"--progress", filepath.Join(dir, "nope.json")}, exitContent, "there is no such file"},
		{"unknown rules", []string{"--progress", good, "--rules", "2019-20"}, exitUsage, `--rules "2019-20" is not a rule set of this site; use one of: 2020-21, 2024-25`},
		{"unknown format", []string{"--progress", good, "--format", "pdf"}, exitUsage, `--format "pdf" is not one of html, csv or xlsx`},
		{"unknown table", []string{"--progress", good, "--format", "csv", "--table", "evidence"}, exitUsage, `--table "evidence" is not plan, gaps or register`},
		{"no progress", []string{}, exitUsage, "--progress FILE is needed"},
		{"xlsx to terminal", []string{"--progress", good, "--format", "xlsx", "--out", "-"}, exitUsage, "cannot be written to the terminal"},
		{"unwritable", []string{"--progress", good, "--out", filepath.Join(dir, "no-such-folder", "r.html")}, exitContent, "cannot write"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			args := append([]string{"report", "--source", oldSite(t)}, c.args...)
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

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestReportReadsAtMostTheLimit: an endless file is read only as far as
// the limit and called too large, whatever it is.
func TestReportReadsAtMostTheLimit(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &countingReader{r: f}
	data, err := readAtMost(c, progress.MaxBytes)
	if err != nil || len(data) != progress.MaxBytes+1 || c.n > progress.MaxBytes+1 {
		t.Errorf("read %d bytes from /dev/zero, kept %d (%v); want at most %d", c.n, len(data), err, progress.MaxBytes+1)
	}

	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", "/dev/zero", "--out", out)
	if code != exitContent || !strings.Contains(stderr, "/dev/zero: the file is more than 1 MB; a readykit progress file is never more than 1 MB") || stdout != "" {
		t.Errorf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an output file was left behind")
	}
}

// fifo makes a named pipe and writes into it what write sends, from
// another goroutine; the returned function waits for the writer and says
// how many bytes went in.
func fifo(t *testing.T, write func(w io.Writer) error) (path string, wait func() int64) {
	t.Helper()
	if _, err := exec.LookPath("mkfifo"); err != nil {
		t.Skip("no mkfifo")
	}
	path = filepath.Join(t.TempDir(), "progress.json")
	if out, err := exec.Command("mkfifo", path).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v %s", err, out)
	}
	done := make(chan int64)
	go func() {
		// Opening blocks until report opens the other end.
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			done <- 0
			return
		}
		c := &countingWriter{w: w}
		_ = write(c) // ends with "broken pipe" once report stops reading
		w.Close()
		done <- c.n
	}()
	return path, func() int64 {
		// Should report not have opened the pipe, this frees the writer.
		if r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			r.Close()
		}
		return <-done
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func TestReportFIFO(t *testing.T) {
	t.Run("endless", func(t *testing.T) {
		const most = 64 << 20
		path, wait := fifo(t, func(w io.Writer) error {
			zeros := make([]byte, 64<<10)
			for n := 0; n < most; n += len(zeros) {
				if _, err := w.Write(zeros); err != nil {
					return err
				}
			}
			return nil
		})
		code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--out", filepath.Join(t.TempDir(), "r.html"))
		written := wait()
		if code != exitContent || !strings.Contains(stderr, "the file is more than 1 MB") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		// What report read, plus at most what the pipe holds (64 KB on
		// Linux by default, never more than 1 MB without privileges).
		t.Logf("%d bytes went into the pipe", written)
		if written > progress.MaxBytes+1+1<<20 {
			t.Errorf("%d bytes went into the pipe; report should stop reading after %d", written, progress.MaxBytes+1)
		}
	})
	t.Run("a progress file", func(t *testing.T) {
		data, err := os.ReadFile(progressFile(t, sample))
		if err != nil {
			t.Fatal(err)
		}
		path, wait := fifo(t, func(w io.Writer) error { _, err := w.Write(data); return err })
		code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "csv", "--out", "-")
		if n := wait(); n != int64(len(data)) {
			t.Errorf("the writer sent %d of %d bytes", n, len(data))
		}
		if code != exitOK || !strings.Contains(stdout, "Finish the register") {
			t.Errorf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
		}
	})
}

// TestReportOut: --out writes only to a regular file or a new name, and
// leaves anything else as it was.
func TestReportOut(t *testing.T) {
	good := progressFile(t, sample)
	dir := t.TempDir()
	target := filepath.Join(dir, "real.html")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.html")
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, out, want string }{
		{"folder", folder, "is a folder; give --out a file name, such as " + filepath.Join(folder, "willow-lodge-report.html")},
		{"progress file", good, "is the progress file itself; give --out another name"},
	}
	haveLink := os.Symlink(target, link) == nil
	if haveLink {
		cases = append(cases, struct{ name, out, want string }{"symlink", link, "is a symbolic link; readykit writes a report only to a regular file or a new name"})
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct{ name, out, want string }{"device", "/dev/null", "/dev/null is not a regular file (it is a device, a pipe or a socket)"})
	}
	before := func() map[string]string { return tree(t, dir) }()
	progressBefore, _ := os.ReadFile(good)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", good, "--out", c.out)
			if code != exitContent || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want %d and %q", code, stderr, stdout, exitContent, c.want)
			}
		})
	}
	if after := tree(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("the folder changed: %v, was %v", after, before)
	}
	if fi, err := os.Lstat(link); haveLink && (err != nil || fi.Mode()&fs.ModeSymlink == 0) {
		t.Error("the link was replaced")
	}
	if fi, err := os.Lstat("/dev/null"); runtime.GOOS != "windows" && (err != nil || fi.Mode()&fs.ModeDevice == 0) {
		t.Errorf("/dev/null is no longer a device: %v %v", fi, err)
	}
	if after, _ := os.ReadFile(good); !bytes.Equal(after, progressBefore) {
		t.Error("the progress file changed")
	}

	// A regular file is replaced whole, and a new name is made.
	for _, out := range []string{target, filepath.Join(dir, "new.html")} {
		if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", good, "--out", out); code != exitOK {
			t.Fatalf("%s: exit %d: %s", out, code, stderr)
		}
		if data, _ := os.ReadFile(out); !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
			t.Errorf("%s: not the report: %.40q", out, data)
		}
	}
	if data, _ := os.ReadFile(link); haveLink && !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
		t.Errorf("the link does not lead to the new report")
	}
}

// TestReportEncodings: a progress file saved again by Notepad (UTF-8 with
// a byte order mark, or "Unicode", UTF-16) makes the same report.
func TestReportEncodings(t *testing.T) {
	path := progressFile(t, map[string]map[string]any{
		"1.1.2": {"status": "in-progress", "owner": "Zoë Ng", "action": "Write the notice 📋", "due": "2025-05-30"},
	})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	csv := func(p string) string {
		t.Helper()
		code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", p, "--format", "csv", "--out", "-")
		if code != exitOK || stderr != "" {
			t.Fatalf("%s: exit %d: %s", filepath.Base(p), code, stderr)
		}
		return stdout
	}
	want := csv(path)
	if !strings.Contains(want, "Write the notice 📋,,Zoë Ng,") {
		t.Fatalf("the plan lacks the row: %s", want)
	}
	units := utf16.Encode([]rune(string(data)))
	le, be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	for name, b := range map[string][]byte{"bom": append([]byte("\ufeff"), data...), "utf16le": le, "utf16be": be} {
		p := filepath.Join(t.TempDir(), name+".json")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := csv(p); got != want {
			t.Errorf("%s: a different plan:\n%s\nwant\n%s", name, got, want)
		}
	}
}

// TestReportLeavesOutOnlyTheBadValue: "reviewed": "yes" costs the reviewed
// mark, not the item, which is still done (as in the browser); the report
// says what it left out, and that the file keeps it aside.
func TestReportLeavesOutOnlyTheBadValue(t *testing.T) {
	path := progressFile(t, map[string]map[string]any{
		"1.1.1": {"status": "met", "reviewed": "yes"},
		"1.1.2": {"status": "in-progress", "due": "2025-02-30", "owner": "Sam"},
		"9.9.9": {"status": "met"},
	})
	out := filepath.Join(t.TempDir(), "r.html")
	code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		path + ": the file keeps 3 things aside, which the report leaves out; on the site's Your progress page the care provider can put each one back when it fits, or remove it:\n",
		"  Item 9.9.9: what was saved for it in the 2023-24 edition. The 2023-24 edition has no item 9.9.9.\n",
		`: the reviewed mark. The reviewed mark "yes" is not yes or no.` + "\n",
		`: the target date. The target date "2025-02-30" is not a date.` + "\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Both values are kept aside, so neither is listed as unreadable.
	if strings.Contains(stderr, "could not be used") {
		t.Errorf("a value kept aside is called unreadable:\n%s", stderr)
	}
	html, _ := os.ReadFile(out)
	for _, want := range []string{"<h2>Kept aside in this progress file</h2>", "The reviewed mark &#34;yes&#34; is not yes or no.", "The 2023-24 edition has no item 9.9.9."} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The evidence register lists every item, done or not: only the gap
	// analysis is looked in.
	gaps := section(t, string(html), "gaps")
	if strings.Contains(gaps, `<td class="ref">1.1.1</td>`) {
		t.Error("1.1.1 is done, but the report shows it as a gap")
	}
	if !bytes.Contains(html, []byte(`<td class="ref">1.1.2</td>`)) || !bytes.Contains(html, []byte("<td>Sam</td>")) {
		t.Error("1.1.2 lost its owner with its date")
	}
}

// TestReportKeptAside: what the file keeps aside (entries kept from an
// earlier edition, values read back from its leftOut list, and the file's
// own bad values) is listed in the HTML report in words, and on the error
// stream whatever the format, apart from what is lost (could not be read
// at all, or not kept).
// Text from the file reaches the terminal without its control characters.
func TestReportKeptAside(t *testing.T) {
	path := progressFileWith(t, map[string]map[string]any{
		"1.1.1":          {"status": "met"},
		"1.1.2":          {"status": "in-progress", "due": "\x1b[2J"},
		"bad\x1b[31m id": {"status": "met"},
	}, map[string]any{
		"kept": map[string]any{
			"9.9.9": map[string]any{"from": "dspt-2022-23-cat3", "status": "met", "notes": "Done in 2022 <b>bold</b>"},
			"1.3.1": map[string]any{"from": "dspt-2022-23-cat3", "status": "in-progress", "owner": "Ann"},
		},
		"leftOut": []any{
			map[string]any{"id": "", "field": "organisation.odsCode", "value": "VN X12", "why": "not-valid"},
			map[string]any{"id": "1.3.12", "field": "status", "value": "not-applicable", "why": "not-allowed"},
			map[string]any{"id": "9.9.9", "field": "kept", "value": map[string]any{"from": "dspt-2021-22-cat3", "status": "met", "notes": "Oldest"}, "why": "replaced"},
			map[string]any{"id": "1.1.1", "field": "notes"},
		},
	})
	run := func(args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := runCLI(append([]string{"report", "--source", oldSite(t), "--progress", path}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return stdout, stderr
	}
	wantErr := []string{
		path + ": 2 values could not be used, so the report leaves them out:\n",
		`  Progress file: the entry "bad [31m id" could not be read, so it was left out.` + "\n",
		"  Progress file: 1 value could not be kept (unreadable or too many), so it was left out.\n",
		path + ": the file keeps 6 things aside, which the report leaves out;",
		"): what was saved for it in the 2022-23 edition. The item is in this edition again, so this fits.\n",
		"  Item 9.9.9: what was saved for it in the 2022-23 edition. The 2023-24 edition has no item 9.9.9.\n",
		`  The organisation’s ODS code. The ODS code "VN X12" is not letters and digits only.` + "\n",
		`: the target date. The target date " [2J" is not a date.` + "\n",
		"): the status. It fits now.\n",
		"  Item 9.9.9: an earlier entry, saved in the 2021-22 edition. Another entry for the same item, kept instead, took its place.\n",
	}
	for _, format := range []string{"html", "csv", "xlsx"} {
		_, stderr := run("--format", format, "--out", filepath.Join(t.TempDir(), "r."+format))
		for _, w := range wantErr {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", format, w, stderr)
			}
		}
		if strings.ContainsRune(stderr, 0x1b) {
			t.Errorf("%s: an escape from the file reaches the terminal: %q", format, stderr)
		}
	}
	// To the terminal too, after the CSV.
	if stdout, stderr := run("--format", "csv", "--out", "-"); !strings.Contains(stderr, wantErr[3]) || strings.Contains(stdout, "Kept aside") {
		t.Errorf("--out -: stderr %q", stderr)
	}

	out := filepath.Join(t.TempDir(), "r.html")
	run("--out", out)
	data, _ := os.ReadFile(out)
	html := string(data)
	for _, s := range []string{
		"<h2>Kept aside in this progress file</h2>",
		"The progress file holds 6 things this report leaves out",
		"the care provider sees each one on the Your progress page of the site, and can put it back when it fits, or remove it.",
		"<td>Item 9.9.9: what was saved for it in the 2022-23 edition</td><td>Status: Done<br>Note: Done in 2022 &lt;b&gt;bold&lt;/b&gt;</td><td>The 2023-24 edition has no item 9.9.9.</td>",
		"<td>Status: In progress<br>Owner: Ann</td><td>The item is in this edition again, so this fits.</td><td>The care provider can put it back on the Your progress page of the site.</td>",
		"<td>Item 9.9.9: an earlier entry, saved in the 2021-22 edition</td><td>Status: Done<br>Note: Oldest</td>",
		"<td>The organisation’s ODS code</td><td>VN X12</td>",
		"Left out of the progress file, and not kept aside:",
		"1 value could not be kept (unreadable or too many)",
	} {
		if !strings.Contains(html, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	if strings.Contains(html, "<b>bold") {
		t.Error("text from the file is not escaped")
	}
	// The values kept aside are not listed again as unreadable.
	if strings.Contains(html, "is not letters and digits only, so it was left out") || strings.Contains(html, "is not a date, so it was left out") {
		t.Error("a value kept aside is listed among what is lost")
	}
}

// section is the HTML report's <section class="name">, whole.
func section(t *testing.T, html, name string) string {
	t.Helper()
	start := strings.Index(html, `<section class="`+name+`">`)
	if start < 0 {
		t.Fatalf("the report has no %s section", name)
	}
	end := strings.Index(html[start:], "</section>")
	if end < 0 {
		t.Fatalf("the report's %s section does not end", name)
	}
	return html[start : start+end]
}

// refCell is what the HTML report's reference cells hold for it: the
// reference, with the mark beside it unless the item is confirmed.
func refCell(it *toolkit.Item) string {
	if it.Confidence.NeedsCheck() {
		return it.Reference() + ` <span class="check">` + plan.CheckMark + `</span>`
	}
	return it.Reference()
}

// TestReportCheckMarks reads every output of report for a care provider
// (the default site): each item not confirmed has "Check in the toolkit"
// in the column beside its reference, in both CSV tables and both sheets
// of the workbook, and beside its reference in the HTML; the plan is the
// Approaching Standards action plan, with no approval language.
func TestReportCheckMarks(t *testing.T) {
	path := progressFile(t, sample)
	want := expected(t, path)
	marked, confirmed := 0, 0
	check := func(where string, rows [][]string) {
		t.Helper()
		if len(rows) != len(want.Result.Gaps) {
			t.Fatalf("%s: %d rows, want %d", where, len(rows), len(want.Result.Gaps))
		}
		for i, g := range want.Result.Gaps {
			ref, beside := rows[i][0], rows[i][1]
			if ref != g.Item.Reference() {
				t.Errorf("%s row %d: reference %q, want %q", where, i+1, ref, g.Item.Reference())
			}
			switch {
			case g.Item.Confidence.NeedsCheck() && beside == plan.CheckMark:
				marked++
			case !g.Item.Confidence.NeedsCheck() && beside == "Confirmed":
				confirmed++
			default:
				t.Errorf("%s: item %s (%s) has %q beside its reference", where, g.Item.ID, g.Item.Confidence, beside)
			}
		}
	}
	dir := t.TempDir()
	for _, table := range []string{"plan", "gaps"} {
		out := filepath.Join(dir, table+".csv")
		if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "csv", "--table", table, "--out", out); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, _ := os.ReadFile(out)
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) == 0 || rows[0][1] != "Reference status" {
			t.Fatalf("%s.csv: %v, header %q", table, err, rows)
		}
		check(table+".csv", rows[1:])
	}
	out := filepath.Join(dir, "r.xlsx")
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "xlsx", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{report.ActionSheet, report.GapSheet} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) == 0 || rows[0][1] != "Reference status" {
			t.Fatalf("%s: %v", sheet, err)
		}
		check(sheet, rows[1:])
	}
	if marked == 0 || confirmed == 0 {
		t.Errorf("%d marked and %d confirmed: the test would prove nothing", marked, confirmed)
	}

	html := filepath.Join(dir, "r.html")
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--out", html); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(html)
	page := string(data)
	for _, g := range want.Result.Gaps {
		// In the gap analysis and in the plan (items without a number
		// share "Reference to check", so count at least two).
		if n := strings.Count(page, `<td class="ref">`+refCell(g.Item)+`</td>`); n < 2 {
			t.Errorf("the HTML report shows item %s with its mark %d times, want 2", g.Item.ID, n)
		}
	}
	if !strings.Contains(page, "<h2>Approaching Standards action plan</h2>") || !strings.Contains(page, "Nobody approves it.") {
		t.Error("a care provider's report does not have the action plan")
	}
	body := page[strings.Index(page, "<body>"):] // not the stylesheet's class names
	for _, bad := range []string{"agreed", "Problems", "meets every rule"} {
		if strings.Contains(body, bad) {
			t.Errorf("a care provider's action plan says %q", bad)
		}
	}
}

// registerSample has items done with their evidence, owner and date, items
// not applicable with a reason and without one, and a publication.
var registerSample = map[string]map[string]any{
	"1.1.1":       {"status": "met", "evidence": "ICO certificate, office file A", "owner": "Registered manager", "done": "2025-01-31"},
	"1.1.2":       {"status": "met", "owner": "Deputy manager"},
	"1.3.12":      {"status": "not-applicable", "reason": "We have no CCTV, inside or out."},
	"own-devices": {"status": "not-applicable"},
	"6.1.2":       {"status": "not-applicable", "reason": `=HYPERLINK("http://evil.example","x")`},
	"3.2.1":       {"status": "in-progress", "owner": "@training-lead", "evidence": "Training matrix\nsecond tab"},
}

// TestReportRegister: the evidence register, in the CSV (which parses
// back to the rows), the workbook's sheet (dates stored as dates) and the
// HTML report, lists every item of the edition in order; every
// not-applicable reason is in all three, and "No reason recorded" where
// there is none.
func TestReportRegister(t *testing.T) {
	path := progressFileWith(t, registerSample, map[string]any{"published": map[string]any{"date": "2025-06-27", "level": "approaching"}})
	want := expected(t, path)
	body := want.RegisterRows()
	model, err := generator.Load(os.DirFS(oldSite(t)))
	if err != nil {
		t.Fatal(err)
	}
	items := model.Data.View(want.Edition).Items
	if len(body) != len(items) || len(items) < 40 {
		t.Fatalf("%d register rows for %d items", len(body), len(items))
	}
	byRef := map[string][]string{}
	for i, it := range items {
		if body[i][1] != it.Title {
			t.Fatalf("row %d is %q, want item %s %q: not in the edition's order", i+1, body[i][1], it.ID, it.Title)
		}
		byRef[it.ID] = body[i]
		// The mark beside every reference not confirmed.
		if strings.HasPrefix(body[i][10], plan.CheckMark) != it.Confidence.NeedsCheck() {
			t.Errorf("item %s (%s): reference status %q", it.ID, it.Confidence, body[i][10])
		}
	}
	reasons := []string{"We have no CCTV, inside or out.", plan.NoReason, `=HYPERLINK("http://evil.example","x")`}
	for id, w := range map[string][]string{
		"1.1.1":       {"Done", "ICO certificate, office file A", "Registered manager", "2025-01-31", ""},
		"1.1.2":       {"Done", plan.NotRecorded, "Deputy manager", "", ""},
		"1.3.12":      {"Not applicable", "", "", "", reasons[0]},
		"own-devices": {"Not applicable", "", "", "", reasons[1]},
		"6.1.2":       {"Not applicable", "", "", "", reasons[2]},
		"3.2.1":       {"In progress", "Training matrix\nsecond tab", "@training-lead", "", ""},
	} {
		r := byRef[id]
		if got := []string{r[4], r[5], r[6], r[7], r[9]}; !reflect.DeepEqual(got, w) {
			t.Errorf("item %s: %q, want %q", id, got, w)
		}
	}

	// The CSV parses back to the same rows, formulas made text.
	out := filepath.Join(t.TempDir(), "register.csv")
	code, stdout, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "csv", "--table", "register", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if w := fmt.Sprintf("Wrote %s: the evidence register of %d items, 2 done and 3 not applicable.\nFor Willow Lodge · ODS code VNX12 · DSPT 2023-24 · exported 2 March 2025.\n", out, len(items)); stdout != w {
		t.Errorf("summary %q, want %q", stdout, w)
	}
	data, _ := os.ReadFile(out)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the register CSV does not parse back: %v", err)
	}
	if !reflect.DeepEqual(rows[0], plan.RegisterColumns) || len(rows)-1 != len(body) {
		t.Fatalf("header %q and %d rows", rows[0], len(rows)-1)
	}
	for i, r := range rows[1:] {
		for j, cell := range r {
			w := body[i][j]
			if w != "" && strings.ContainsRune("=+-@", rune(w[0])) {
				w = "'" + w
			}
			if cell != w {
				t.Errorf("register.csv row %d column %q: %q, want %q", i+1, plan.RegisterColumns[j], cell, w)
			}
		}
	}
	if name := defaultOut(path, "", "csv", "register"); name != "willow-lodge-register.csv" {
		t.Errorf("default name %q", name)
	}

	// The workbook's register sheet: the same cells, dates as dates.
	xlsx := filepath.Join(t.TempDir(), "r.xlsx")
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--format", "xlsx", "--out", xlsx); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, err := f.GetRows(report.RegisterSheet, excelize.Options{RawCellValue: true})
	if err != nil || len(sheet) != len(body)+1 || !reflect.DeepEqual(sheet[0], plan.RegisterColumns) {
		t.Fatalf("%s: %v, %d rows, header %q", report.RegisterSheet, err, len(sheet), sheet[0])
	}
	dates := 0
	for i, r := range sheet[1:] {
		for j, w := range body[i] {
			cell := ""
			if j < len(r) {
				cell = r[j]
			}
			if (j == 7 || j == 8) && w != "" && w != plan.NoDateYet {
				serial, err := parseFloat(cell)
				d, err2 := excelize.ExcelDateToTime(serial, false)
				if err != nil || err2 != nil || d.Format(time.DateOnly) != w {
					t.Errorf("%s row %d: date cell %q, want %s", report.RegisterSheet, i+1, cell, w)
				}
				dates++
				continue
			}
			if cell != w {
				t.Errorf("%s row %d column %q: %q, want %q", report.RegisterSheet, i+1, plan.RegisterColumns[j], cell, w)
			}
		}
	}
	if dates == 0 {
		t.Error("no dates in the register sheet were checked")
	}

	// The HTML report: the not-applicable decisions with their reasons,
	// and the register with every item.
	html := filepath.Join(t.TempDir(), "r.html")
	if code, _, stderr := runCLI("report", "--source", oldSite(t), "--progress", path, "--out", html); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(html)
	decisions := section(t, string(page), "decisions")
	if !strings.Contains(decisions, "<h2>Not applicable decisions</h2>") || !strings.Contains(decisions, "3 items are marked not applicable") {
		t.Errorf("the decisions section:\n%s", decisions)
	}
	for _, r := range reasons {
		if !strings.Contains(decisions, "<td>"+template.HTMLEscapeString(r)+"</td>") {
			t.Errorf("the not-applicable decisions lack %q", r)
		}
	}
	reg := section(t, string(page), "register")
	for _, it := range items {
		if !strings.Contains(reg, "<td>"+template.HTMLEscapeString(it.Title)+"</td>") {
			t.Errorf("the HTML register lacks %s %q", it.ID, it.Title)
		}
	}
	for _, s := range []string{"<td>" + template.HTMLEscapeString(reasons[0]) + "</td>", "<td>" + plan.NoReason + "</td>", "<td>31 January 2025</td>",
		"The toolkit was last published on 27 June 2025.", "<td>ICO certificate, office file A</td>"} {
		if !strings.Contains(reg, s) {
			t.Errorf("the HTML register lacks %q", s)
		}
	}
}

// clientSite is oldSite with a client named in its settings, as a
// consultant's portal for that client has.
func clientSite(t *testing.T, client string) string {
	t.Helper()
	dir := oldSite(t)
	f, err := os.OpenFile(filepath.Join(dir, "readykit.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := fmt.Fprintf(f, "\nclient: %s\n", client); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReportOtherSite: a progress file from another site is refused with a
// message naming both sites and saying what to do; --any-site reports on
// it with a warning; a file that names no site is used, with a warning.
func TestReportOtherSite(t *testing.T) {
	site := oldSite(t)
	other := progressFileWith(t, sample, map[string]any{"site": "oak-house"})
	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := runCLI("report", "--source", site, "--progress", other, "--out", out)
	if code != exitContent {
		t.Fatalf("exit %d, want %d: %s", code, exitContent, stderr)
	}
	for _, s := range []string{other + ": this progress file was downloaded from another site", `progress key "oak-house", for Willow Lodge`,
		`DSPT readiness guide (progress key "readykit")`, "--any-site"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("the refusal lacks %q:\n%s", s, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a report was written for another site's file: %v", err)
	}

	code, _, stderr = runCLI("report", "--source", site, "--progress", other, "--out", out, "--any-site")
	if code != exitOK {
		t.Fatalf("--any-site: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, `the file is from another site ("oak-house", for Willow Lodge)`) || !strings.Contains(stderr, "because of --any-site") {
		t.Errorf("--any-site says nothing of the other site:\n%s", stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("--any-site wrote no report: %v", err)
	}

	// An old export with no site key: used, and the user is told to check.
	noSite := progressFileWith(t, sample, map[string]any{"site": nil})
	code, _, stderr = runCLI("report", "--source", site, "--progress", noSite, "--out", filepath.Join(t.TempDir(), "n.html"))
	if code != exitOK || !strings.Contains(stderr, "does not say which site it was downloaded from") {
		t.Errorf("no site: exit %d, stderr %q", code, stderr)
	}
}

// TestReportIdentity: every output names the client, the organisation and
// its ODS code, the edition and the export date ("not known" when the
// file does not say); a CSV file's default name carries the client's.
func TestReportIdentity(t *testing.T) {
	site := clientSite(t, "Oak House Care")
	path := progressFile(t, sample)
	dir := t.TempDir()
	code, stdout, stderr := runCLI("report", "--source", site, "--progress", path, "--out", filepath.Join(dir, "r.html"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	line := "For Oak House Care (Willow Lodge) · ODS code VNX12 · DSPT 2023-24 · exported 2 March 2025.\n"
	if !strings.HasSuffix(stdout, line) {
		t.Errorf("stdout %q lacks %q", stdout, line)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "r.html"))
	for _, s := range []string{"evidence register for Oak House Care</h1>", "<dt>Client</dt><dd>Oak House Care</dd>", "Willow Lodge, ODS code VNX12",
		"<dt>Progress exported</dt><dd>2 March 2025</dd>", "Oak House Care (Willow Lodge) · ODS code VNX12 · DSPT 2023-24 · exported 2 March 2025 · made "} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the HTML report lacks %q", s)
		}
	}

	// The CSV stays a plain table; its default name carries the client.
	backup := filepath.Join(t.TempDir(), "backup.json")
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(backup, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, stdout, stderr = runCLI("report", "--source", site, "--progress", backup, "--format", "csv")
	if code != exitOK || !strings.HasPrefix(stdout, "Wrote oak-house-care-backup-plan.csv: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	csvData, _ := os.ReadFile(filepath.Join(dir, "oak-house-care-backup-plan.csv"))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvData, []byte("\ufeff")))).ReadAll()
	if err != nil || !reflect.DeepEqual(rows[0], plan.PlanColumns) {
		t.Errorf("the CSV is not a plain table under its header: %v %q", err, rows[:1])
	}
	if name := defaultOut("willow-lodge.json", "Willow Lodge", "csv", "gaps"); name != "willow-lodge-gaps.csv" {
		t.Errorf("default name %q repeats the client", name)
	}

	// No export date in the file: "not known".
	undated := progressFileWith(t, sample, map[string]any{"updated": nil})
	code, stdout, _ = runCLI("report", "--source", site, "--progress", undated, "--out", filepath.Join(dir, "u.html"))
	page, _ = os.ReadFile(filepath.Join(dir, "u.html"))
	if code != exitOK || !strings.Contains(stdout, "· exported not known.") || !strings.Contains(string(page), "<dt>Progress exported</dt><dd>not known</dd>") {
		t.Errorf("no export date: exit %d, stdout %q", code, stdout)
	}
}

// TestReportWorkbookSummary: the workbook opens on its Summary sheet, whose
// figures are toolkit.Score's and the plan's; every sheet prints A4
// landscape one page wide with its header row repeated and the client in
// its header; the document properties name the client and the version.
func TestReportWorkbookSummary(t *testing.T) {
	site := clientSite(t, "Oak House & Care")
	path := progressFile(t, sample)
	out := filepath.Join(t.TempDir(), "w.xlsx")
	if code, _, stderr := runCLI("report", "--source", site, "--progress", path, "--format", "xlsx", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if want := []string{report.SummarySheet, report.ActionSheet, report.GapSheet, report.RegisterSheet}; !reflect.DeepEqual(sheets, want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	rows, err := f.GetRows(report.SummarySheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			byLabel[r[0]] = r[1:]
		}
	}
	model, err := generator.Load(os.DirFS(site))
	if err != nil {
		t.Fatal(err)
	}
	e := model.Data.Edition("dspt-2023-24-cat3")
	items := model.Data.View(e).Items
	status := map[string]string{}
	for id, v := range sample {
		status[id] = v["status"].(string)
	}
	score := toolkit.Score(items, status)
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	days := int(e.Deadline.Time.Sub(today).Hours() / 24)
	for label, want := range map[string][]string{
		"Client":                   {"Oak House & Care"},
		"Organisation":             {"Willow Lodge"},
		"ODS code":                 {"VNX12"},
		"Edition":                  {"DSPT 2023-24"},
		toolkit.Approaching.Name(): {strconv.Itoa(score.Approaching.Done), strconv.Itoa(score.Approaching.Total), strconv.Itoa(score.Approaching.Done*100/score.Approaching.Total) + "%"},
		toolkit.Met.Name():         {strconv.Itoa(score.Met.Done), strconv.Itoa(score.Met.Total), strconv.Itoa(score.Met.Done*100/score.Met.Total) + "%"},
		// 1.1.2 (due 30 May 2025) and 3.2.1 (1 April 2025) are not done.
		"Overdue actions (past their target date, not done)": {"2"},
		"Days to the deadline":                               {strconv.Itoa(days)},
	} {
		got := byLabel[label]
		if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
			t.Errorf("summary %q: %q, want %q", label, got, want)
		}
	}
	if _, ok := byLabel["DSPT readiness: Oak House & Care"]; !ok {
		t.Error("the summary's title does not name the client")
	}
	for _, label := range []string{"Progress exported", "Report made", "Deadline"} {
		if v := byLabel[label]; len(v) == 0 {
			t.Errorf("summary %q missing", label)
		} else if serial, err := parseFloat(v[0]); err != nil || serial < 40000 {
			t.Errorf("summary %q: %q is not a date", label, v[0])
		}
	}
	std1 := byLabel["1"]
	if len(std1) < 4 || std1[2] != strconv.Itoa(score.Standards["1"].Done) || std1[3] != strconv.Itoa(score.Standards["1"].Total) {
		t.Errorf("standard 1: %q, want Standards Met %d of %d", std1, score.Standards["1"].Done, score.Standards["1"].Total)
	}

	names := f.GetDefinedName()
	for _, s := range sheets {
		layout, err := f.GetPageLayout(s)
		if err != nil || layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" ||
			layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v %v, want A4 landscape, one page wide", s, layout, err)
		}
		props, err := f.GetSheetProps(s)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page: %v", s, err)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil || !strings.Contains(hf.OddHeader, "Oak House && Care") || !strings.Contains(hf.OddHeader, s) || !strings.Contains(hf.OddFooter, "Page &P of &N") {
			t.Errorf("%s: header %q footer %q", s, hf.OddHeader, hf.OddFooter)
		}
		if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
			return d.Name == "_xlnm.Print_Titles" && d.Scope == s && strings.HasSuffix(d.RefersTo, "!$1:$1")
		}) {
			t.Errorf("%s: no header row repeated on each printed page: %+v", s, names)
		}
		if panes, err := f.GetPanes(s); err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen", s)
		}
	}
	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "DSPT readiness: Oak House & Care" || !strings.HasPrefix(doc.Creator, "readykit") || !strings.Contains(doc.Subject, "2023-24") ||
		!strings.Contains(doc.Keywords, "VNX12") || !strings.HasPrefix(doc.Created, today.Format(time.DateOnly)[:4]) {
		t.Errorf("document properties %+v", doc)
	}
}

// TestReportCarriesForward: a file saved in an earlier edition is reported
// on in the site's edition, moved as the site's import moves it; the report
// says what was carried and what was kept aside.
func TestReportCarriesForward(t *testing.T) {
	path := progressFileWith(t, map[string]map[string]any{
		"1.1.1": {"status": "met", "updated": "2025-03-01T10:00:00.000Z"},
		"9.9.9": {"status": "met", "notes": "An item no later edition has", "updated": "2025-03-01T10:00:00.000Z"},
	}, nil)
	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := runCLI("report", "--source", repoSite, "--progress", path, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	model, err := generator.Load(os.DirFS(repoSite))
	if err != nil {
		t.Fatal(err)
	}
	title := model.Data.Edition(model.Config.Edition).Title
	if !strings.Contains(stdout, "DSPT "+title) {
		t.Errorf("stdout %q: not the site's edition %s", stdout, title)
	}
	page, _ := os.ReadFile(out)
	for _, s := range []string{"This progress was saved in the 2023-24 edition. It has been moved forward to the " + title + " edition",
		"1 item&#39;s progress moved across", "1 entry for items this edition does not carry on is kept aside"} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the report lacks %q", s)
		}
		if !strings.Contains(stderr, strings.ReplaceAll(s, "&#39;", "'")) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr)
		}
	}
	if !strings.Contains(string(page), "Item 9.9.9: what was saved for it in the 2023-24 edition") {
		t.Error("the entry kept aside is not listed")
	}
}

// TestReportPortfolioClient: in a portfolio, --client says whose site the
// file is from; the report then has that client's name and progress key,
// and without --client it asks which.
func TestReportPortfolioClient(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "portfolio")
	if code, _, stderr := runCLI("new", "--portfolio", dir); code != exitOK {
		t.Fatalf("new --portfolio: exit %d: %s", code, stderr)
	}
	clients, err := siteClients(dir)
	if err != nil || len(clients) < 2 {
		t.Fatalf("clients %q: %v", clients, err)
	}
	model, err := generator.LoadClient(os.DirFS(dir), clients[0])
	if err != nil {
		t.Fatal(err)
	}
	path := progressFileWith(t, sample, map[string]any{"site": model.Config.ProgressKey, "edition": model.Config.Edition})
	out := filepath.Join(t.TempDir(), "r.html")
	code, _, stderr := runCLI("report", "--source", dir, "--progress", path, "--out", out)
	if code == exitOK || !strings.Contains(stderr, "--client NAME, one of: "+strings.Join(clients, ", ")) {
		t.Errorf("no --client: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := runCLI("report", "--source", dir, "--client", clients[0], "--progress", path, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if model.Config.Client == "" || !strings.Contains(stdout, "For "+model.Config.Client+" (Willow Lodge)") {
		t.Errorf("stdout %q does not name the client %q", stdout, model.Config.Client)
	}
	// The other client's site refuses the file.
	code, _, stderr = runCLI("report", "--source", dir, "--client", clients[1], "--progress", path, "--out", out)
	if code != exitContent || !strings.Contains(stderr, "downloaded from another site") {
		t.Errorf("another client: exit %d, %q", code, stderr)
	}
}
