package report

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/plan"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// groupVector is a file of testdata/group, which group.js passes too: the
// site's items and today's date, the exported documents, and the rows.
type groupVector struct {
	Name string `json:"name"`
	// Site is the site's progressKey; the files name it, or no site.
	Site     string `json:"site"`
	Edition  string `json:"edition"`
	Deadline string `json:"deadline"`
	Today    string `json:"today"`
	Items    []struct {
		ID            string `json:"id"`
		Ref           string `json:"ref"`
		Title         string `json:"title"`
		Standard      int    `json:"standard"`
		Level         string `json:"level"`
		NotApplicable bool   `json:"notApplicable"`
		Confidence    string `json:"confidence"`
	} `json:"items"`
	Files []struct {
		Name     string          `json:"name"`
		Progress json.RawMessage `json:"progress"`
	} `json:"files"`
	Want struct {
		Columns []string   `json:"columns"`
		Rows    [][]string `json:"rows"`
	} `json:"want"`
}

// TestGroupVectors: each document, read as readykit report reads a file,
// gives the row the vector wants, and the browser's group.js gives the
// same from the same vectors.
func TestGroupVectors(t *testing.T) {
	for _, vec := range vectors.Load[groupVector](t, "group", 2) {
		v, f := vec.V, vec.File
		var items []*toolkit.Item
		for _, it := range v.Items {
			item := &toolkit.Item{ID: it.ID, Ref: it.Ref, Title: it.Title, Standard: it.Standard, NotApplicable: it.NotApplicable,
				Confidence: toolkit.Confidence(it.Confidence)}
			if err := item.Level.UnmarshalText([]byte(it.Level)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			items = append(items, item)
		}
		deadline, err1 := time.Parse(time.DateOnly, v.Deadline)
		today, err2 := time.Parse(time.DateOnly, v.Today)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: dates: %v %v", f, err1, err2)
		}
		if v.Want.Columns != nil && !reflect.DeepEqual(v.Want.Columns, plan.GroupColumns) {
			t.Errorf("%s: columns %q, want %q", f, plan.GroupColumns, v.Want.Columns)
		}
		var got [][]string
		for _, file := range v.Files {
			doc, err := progress.Read(file.Name, file.Progress, map[string][]*toolkit.Item{v.Edition: items})
			if err != nil {
				t.Fatalf("%s: %s: %v", f, file.Name, err)
			}
			row := NewGroupRow(file.Name, doc, items, deadline, today)
			if cells := row.Cells(); len(cells) != len(plan.GroupColumns) {
				t.Errorf("%s: %d cells for %d columns", f, len(cells), len(plan.GroupColumns))
			}
			got = append(got, row.Cells())
		}
		if !reflect.DeepEqual(got, v.Want.Rows) {
			t.Errorf("%s (%s):\n got %q\nwant %q", f, v.Name, got, v.Want.Rows)
		}
	}
}

// TestPercent: rounded down, so only a level with everything done says
// 100%; nothing needed is all done.
func TestPercent(t *testing.T) {
	for _, c := range []struct{ done, total, want int }{{0, 0, 100}, {0, 5, 0}, {199, 200, 99}, {1, 3, 33}, {2, 3, 66}, {7, 7, 100}} {
		if got := percent(toolkit.Tally{Done: c.done, Total: c.total}); got != c.want {
			t.Errorf("percent(%d of %d) = %d, want %d", c.done, c.total, got, c.want)
		}
	}
}
