package report

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// TestCSVVectors: the CSV writer gives exactly the text csv.js gives for
// the shared vectors in testdata/csv.
func TestCSVVectors(t *testing.T) {
	for _, v := range vectors.Load[struct {
		Name   string     `json:"name"`
		Header []string   `json:"header"`
		Rows   [][]string `json:"rows"`
		Want   string     `json:"want"`
	}](t, "csv", 4) {
		if got := string(CSV(v.V.Header, v.V.Rows)); got != v.V.Want {
			t.Errorf("%s (%s):\n got %q\nwant %q", v.File, v.V.Name, got, v.V.Want)
		}
		// What csv.js writes (the vector's text) parses back with Go's
		// encoding/csv to the same cells, formulas made text.
		back, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(v.V.Want, "\ufeff"))).ReadAll()
		if err != nil {
			t.Errorf("%s: does not parse back: %v", v.File, err)
			continue
		}
		for i, row := range append([][]string{v.V.Header}, v.V.Rows...) {
			for j, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					cell = "'" + cell
				}
				// encoding/csv reads a CRLF inside a quoted cell as LF.
				cell = strings.ReplaceAll(cell, "\r\n", "\n")
				if i >= len(back) || j >= len(back[i]) || back[i][j] != cell {
					t.Errorf("%s: row %d cell %d reads back wrong", v.File, i, j)
				}
			}
		}
	}
}

// TestNotApplicable: the report lists the items marked not applicable in
// the edition's order with their reasons; a standard whose mandatory items
// are all not applicable stays in the readiness table and says so, and
// one with only optional items is left out; and the HTML says both.
func TestNotApplicable(t *testing.T) {
	item := func(id string, std int, level toolkit.Level, na bool) *toolkit.Item {
		return &toolkit.Item{ID: id, Ref: id, Title: "Item " + id, Standard: std, Level: level, NotApplicable: na, Confidence: toolkit.Confirmed}
	}
	items := []*toolkit.Item{item("1.1.1", 1, toolkit.Approaching, false), item("2.1.1", 2, toolkit.Met, true), item("2.1.2", 2, toolkit.Approaching, true),
		item("3.1.1", 3, toolkit.Optional, true)}
	doc := &progress.Document{Items: map[string]progress.Entry{
		"2.1.2": {Entry: plan.Entry{Status: "not-applicable", Reason: "No <CCTV> here."}},
		"2.1.1": {Entry: plan.Entry{Status: "not-applicable"}},
		"3.1.1": {Entry: plan.Entry{Status: "not-applicable", Reason: "No Wi-Fi for residents."}},
	}}
	r := New("Site", &toolkit.Edition{Title: "2026-27"}, items, nil, doc, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	var got []string
	for _, d := range r.NotApplicable() {
		got = append(got, d.Item.ID+": "+d.Reason)
	}
	if want := []string{"2.1.1: " + plan.NoReason, "2.1.2: No <CCTV> here.", "3.1.1: No Wi-Fi for residents."}; !slices.Equal(got, want) {
		t.Errorf("not applicable %q, want %q", got, want)
	}
	var stds []string
	for _, s := range r.StandardRows() {
		stds = append(stds, fmt.Sprintf("%d %d/%d %v", s.Number, s.Tally.Done, s.Tally.Total, s.AllNA))
	}
	if want := []string{"1 0/1 false", "2 0/0 true"}; !slices.Equal(stds, want) {
		t.Errorf("standard rows %q, want %q", stds, want)
	}
	html, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<td>2</td><td colspan="3">All items not applicable</td>`, "<td>No &lt;CCTV&gt; here.</td>", "<td>" + plan.NoReason + "</td>",
		"<h2>Evidence register</h2>", "<h2>Not applicable decisions</h2>"} {
		if !strings.Contains(string(html), s) {
			t.Errorf("the report lacks %q", s)
		}
	}
}
