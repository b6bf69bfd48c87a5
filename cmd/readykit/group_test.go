package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/report"
)

// groupEdition is the repository site's edition, which the group files are for.
const groupEdition = "dspt-2026-27-cat3"

// groupDoc is an export from the repository's site for the care home
// name, with items done, one in progress with a target date long past and
// one with a date to come.
func groupDoc(t *testing.T, name, site string) []byte {
	t.Helper()
	doc := map[string]any{
		"format": "readykit-progress", "version": 1, "site": site, "edition": groupEdition,
		"profile":      map[string]any{"id": "default", "name": ""},
		"organisation": map[string]any{"name": name, "odsCode": "VN" + fmt.Sprint(len(name)), "completedBy": "Sam Patel"},
		"created":      "2026-10-01T10:00:00.000Z", "updated": "2027-02-20T09:15:00.000Z",
		"items": map[string]any{
			"1.1.1": map[string]any{"status": "met"},
			"1.1.2": map[string]any{"status": "in-progress", "owner": "Jo", "due": "2027-01-31"},
			"1.3.1": map[string]any{"status": "not-started", "due": "2027-04-30"},
		},
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// groupOptions are the options the report command would give runGroup,
// with its streams captured.
func groupOptions(format, out string) (*reportOptions, *bytes.Buffer, *bytes.Buffer) {
	var o, e bytes.Buffer
	return &reportOptions{streams: streams{In: strings.NewReader(""), Out: &o, Err: &e}, Source: repoSite, Format: format, Table: "plan", Output: out}, &o, &e
}

// twelveHomes writes twelve exports into a new folder, the seventh cut
// short as a failed copy leaves it, and returns the folder.
func twelveHomes(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := 1; i <= 12; i++ {
		data := groupDoc(t, fmt.Sprintf("Home %02d", i), "readykit")
		if i == 7 {
			data = data[:len(data)/2]
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("home-%02d.json", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Not a progress file's name: a folder gives only its .json files.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not read"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestGroupTwelveHomesOneDamaged is the acceptance: twelve
// exports, one damaged, give eleven rows, and the damaged file is named
// with why; in every format.
func TestGroupTwelveHomesOneDamaged(t *testing.T) {
	t.Setenv(todayEnv, "2027-03-01")
	files, err := progressFiles([]string{twelveHomes(t)})
	if err != nil || len(files) != 12 {
		t.Fatalf("progressFiles: %d files, %v", len(files), err)
	}
	model, err := generator.Load(os.DirFS(repoSite))
	if err != nil {
		t.Fatal(err)
	}
	items := model.Data.View(model.Data.Edition(groupEdition)).Items
	edition := model.Data.Edition(groupEdition)
	// The rows as report.NewGroupRow gives them from the good files.
	var want [][]string
	for i, f := range files {
		if i == 6 {
			continue
		}
		data, _ := os.ReadFile(f)
		doc, err := progress.Read(f, data, model.EditionItems())
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, report.NewGroupRow(filepath.Base(f), doc, items, edition.Deadline.Time, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)).Cells())
	}
	if want[0][8] != "1" || want[0][9] != "2027-04-30" || want[0][10] != "2027-02-20" {
		t.Fatalf("the test's files are not what it means them to be: %q", want[0])
	}

	for _, format := range []string{"csv", "xlsx", "html"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "group."+format)
			opts, stdout, stderr := groupOptions(format, out)
			if err := runGroup(opts, files); err != nil {
				t.Fatalf("runGroup: %v", err)
			}
			if !strings.Contains(stderr.String(), "home-07.json: left out: the file ends too soon") || strings.Count(stderr.String(), "left out") != 1 {
				t.Errorf("the damaged file is not named, once, with why:\n%s", stderr)
			}
			if got := stdout.String(); got != "Wrote "+out+": 11 care homes; 1 file left out (named above).\n" {
				t.Errorf("stdout: %q", got)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "csv":
				rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(rows[0], plan.GroupColumns) || !reflect.DeepEqual(rows[1:], want) {
					t.Errorf("CSV:\n got %q\nwant %q", rows, want)
				}
			case "xlsx":
				checkGroupWorkbook(t, out, want)
			case "html":
				html := string(data)
				if n := strings.Count(html, `<th scope="row">`); n != 11 {
					t.Errorf("%d rows in the page, want 11", n)
				}
				for _, s := range []string{"<h2>Files that could not be used</h2>", "<strong>home-07.json</strong>: the file ends too soon",
					"Home 12", "30 April 2027", "20 February 2027", "size: A4 landscape", "overflow-wrap: anywhere"} {
					if !strings.Contains(html, s) {
						t.Errorf("the page lacks %q", s)
					}
				}
				if strings.Contains(html, "Home 07") || strings.Contains(html, "<script") {
					t.Error("the page shows the damaged file's home, or has a script")
				}
			}
		})
	}
}

// checkGroupWorkbook opens the workbook and checks its sheet holds want,
// with dates as dates, numbers as numbers, no formula, the header frozen
// and repeated on each printed page, printed landscape one page wide.
func checkGroupWorkbook(t *testing.T, path string, want [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{report.GroupSheet}) {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows(report.GroupSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], plan.GroupColumns) || len(rows) != 12 {
		t.Fatalf("header %q and %d rows", rows[0], len(rows)-1)
	}
	for i, w := range want {
		r := i + 2
		for c, cell := range w {
			name, _ := excelize.CoordinatesToCellName(c+1, r)
			if fm, _ := f.GetCellFormula(report.GroupSheet, name); fm != "" {
				t.Errorf("%s holds a formula %q", name, fm)
			}
			raw, _ := f.GetCellValue(report.GroupSheet, name, excelize.Options{RawCellValue: true})
			typ, _ := f.GetCellType(report.GroupSheet, name)
			switch c {
			case 9, 10:
				serial, err := parseFloat(raw)
				d, err2 := excelize.ExcelDateToTime(serial, false)
				if err != nil || err2 != nil || d.Format(time.DateOnly) != cell {
					t.Errorf("%s: date %q, want %s", name, raw, cell)
				}
			case 5, 7:
				if fmt.Sprint(mustFloat(t, raw)*100)+"%" != cell {
					t.Errorf("%s: %q, want %s", name, raw, cell)
				}
			case 8:
				if raw != cell || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					t.Errorf("%s: %q (%v), want the number %s", name, raw, typ, cell)
				}
			default:
				if raw != cell {
					t.Errorf("%s: %q, want %q", name, raw, cell)
				}
			}
		}
	}
	panes, err := f.GetPanes(report.GroupSheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	layout, err := f.GetPageLayout(report.GroupSheet)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("not landscape, one page wide: %+v %v", layout, err)
	}
	props, err := f.GetSheetProps(report.GroupSheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("the sheet is not fitted to the page: %v", err)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		titles = titles || d.Name == "_xlnm.Print_Titles" && d.RefersTo == "'"+report.GroupSheet+"'!$1:$1"
	}
	if !titles {
		t.Errorf("the header row is not repeated on printed pages: %+v", f.GetDefinedName())
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := parseFloat(s)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// TestGroupSkips: a file from another site, one that is not a progress
// file, one too large and one missing are each named with why and left
// out; the good ones still report, one that names no site (an older
// readykit's) with a warning.
func TestGroupSkips(t *testing.T) {
	t.Setenv(todayEnv, "2027-03-01")
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{
		write("good.json", groupDoc(t, "Oak House", "readykit")),
		write("nosite.json", groupDoc(t, "Ash Lodge", "")),
		write("other.json", groupDoc(t, "Elm Court", "elm-court")),
		write("photo.json", []byte(`{"hello": "world"}`)),
		write("big.json", bytes.Repeat([]byte(" "), progress.MaxBytes+1)),
		filepath.Join(dir, "missing.json"),
	}
	opts, _, stderr := groupOptions("csv", "-")
	var out bytes.Buffer
	opts.Out = &out
	if err := runGroup(opts, files); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`other.json: left out: this progress file was downloaded from another site (progress key "elm-court", for Elm Court), not from this one`,
		"photo.json: left out: this is not a readykit progress file",
		"big.json: left out: the file is 1.0 MB",
		"missing.json: left out: there is no such file",
		"nosite.json: the file does not say which site it was downloaded from",
	} {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr)
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != "Oak House" || rows[2][0] != "Ash Lodge" || rows[2][2] != "" {
		t.Errorf("the CSV on the terminal: %q %v", rows, err)
	}
}

// TestGroupNothingUsable: when no file can be used, runGroup fails and
// writes nothing.
func TestGroupNothingUsable(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "group.xlsx")
	opts, _, stderr := groupOptions("xlsx", out)
	err := runGroup(opts, []string{bad, filepath.Join(dir, "gone.json")})
	if err == nil || !strings.Contains(err.Error(), "none of the 2 files could be used") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(stderr.String(), "bad.json: left out") || !strings.Contains(stderr.String(), "gone.json: left out") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook was written")
	}
}

// TestProgressFiles: folders give their .json files in name order (not
// those in folders within, nor other files), files are kept as given,
// each file once, and there is a limit.
func TestProgressFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.json", "a.JSON", "c.txt", "sub/d.json"} {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "b.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	got, err := progressFiles([]string{"x.json", dir, filepath.Join(dir, "b.json"), "x.json"})
	want := []string{"x.json", filepath.Join(dir, "a.JSON"), filepath.Join(dir, "b.json")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("progressFiles = %q, %v; want %q", got, err, want)
	}
	if _, err := progressFiles([]string{filepath.Join(dir, "sub", "..", "sub")}); err != nil {
		t.Errorf("a folder with one file: %v", err)
	}
	empty := t.TempDir()
	if _, err := progressFiles([]string{empty}); err == nil || !strings.Contains(err.Error(), "holds no .json files") {
		t.Errorf("an empty folder: %v", err)
	}
	many := t.TempDir()
	for i := range maxGroupFiles + 1 {
		if err := os.WriteFile(filepath.Join(many, fmt.Sprintf("%03d.json", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := progressFiles([]string{many}); err == nil || !strings.Contains(err.Error(), "at most 500") {
		t.Errorf("too many files: %v", err)
	}
}

// TestGroupAnySite: with --any-site a file from another site is shown,
// with a warning, in its own row.
func TestGroupAnySite(t *testing.T) {
	t.Setenv(todayEnv, "2027-03-01")
	dir := t.TempDir()
	other := filepath.Join(dir, "other.json")
	if err := os.WriteFile(other, groupDoc(t, "Elm Court", "elm-court"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts, out, stderr := groupOptions("csv", "-")
	opts.AnySite = true
	if err := runGroup(opts, []string{other}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "reporting on it because of --any-site") || strings.Contains(stderr.String(), "left out") {
		t.Errorf("stderr: %s", stderr)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != "Elm Court" || rows[1][2] != "elm-court" {
		t.Errorf("rows %q, %v", rows, err)
	}
}

// TestGroupPortfolio: in a portfolio, with no --client, each file is read
// against the client whose progress key it names, so a consultant gets a
// row for every client in one table; a file from no client's site is
// named and left out. With --client, only that client's files report.
func TestGroupPortfolio(t *testing.T) {
	t.Setenv(todayEnv, "2027-03-01")
	src := filepath.Join(t.TempDir(), "portfolio")
	if code, _, stderr := runCLI("new", "--portfolio", src); code != exitOK {
		t.Fatalf("new --portfolio: exit %d: %s", code, stderr)
	}
	clients, err := siteClients(src)
	if err != nil || len(clients) < 2 {
		t.Fatalf("clients %q: %v", clients, err)
	}
	dir := t.TempDir()
	var files []string
	for i, c := range append(clients, "stranger") {
		key, edition := c, groupEdition
		if i < len(clients) {
			m, err := generator.LoadClient(os.DirFS(src), c)
			if err != nil {
				t.Fatal(err)
			}
			key, edition = m.Config.ProgressKey, m.Config.Edition
		}
		var doc map[string]any
		if err := json.Unmarshal(groupDoc(t, "Home of "+c, key), &doc); err != nil {
			t.Fatal(err)
		}
		doc["edition"], doc["items"] = edition, map[string]any{}
		data, _ := json.Marshal(doc)
		p := filepath.Join(dir, c+".json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	opts, out, stderr := groupOptions("csv", "-")
	opts.Source = src
	if err := runGroup(opts, files); err != nil {
		t.Fatalf("runGroup: %v\n%s", err, stderr)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != len(clients)+1 {
		t.Fatalf("rows %q, %v\n%s", rows, err, stderr)
	}
	for i, c := range clients {
		if rows[i+1][0] != "Home of "+c {
			t.Errorf("row %d: %q", i+1, rows[i+1])
		}
	}
	if !strings.Contains(stderr.String(), `stranger.json: left out: the file was made on a site ("stranger") that is none of this portfolio's clients`) {
		t.Errorf("stderr: %s", stderr)
	}

	opts, out, stderr = groupOptions("csv", "-")
	opts.Source, opts.Client = src, clients[1]
	if err := runGroup(opts, files); err != nil {
		t.Fatalf("runGroup --client: %v\n%s", err, stderr)
	}
	if rows, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll(); len(rows) != 2 || rows[1][0] != "Home of "+clients[1] {
		t.Errorf("--client %s: rows %q", clients[1], rows)
	}
	if n := strings.Count(stderr.String(), "left out"); n != len(clients) {
		t.Errorf("--client: %d files left out, want %d:\n%s", n, len(clients), stderr)
	}
}
