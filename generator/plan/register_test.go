package plan

import (
	"reflect"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
)

// TestRegisterVectors runs the evidence register's vectors, which plan.js
// passes too (testdata/register), so the register page, its CSV and
// readykit report hold the same rows.
func TestRegisterVectors(t *testing.T) {
	type vector struct {
		Name     string       `json:"name"`
		Items    []vectorItem `json:"items"`
		Progress struct {
			Published struct {
				Date string `json:"date"`
			} `json:"published"`
			Items map[string]Entry `json:"items"`
		} `json:"progress"`
		Want struct {
			// Only one vector has the columns, which plan.js has too.
			Columns []string   `json:"columns"`
			Rows    [][]string `json:"rows"`
		} `json:"want"`
	}
	for _, vec := range vectors.Load[vector](t, "register", 3) {
		v, f := vec.V, vec.File
		items := vectorItems(t, f, v.Items)
		if v.Want.Columns != nil && !reflect.DeepEqual(v.Want.Columns, RegisterColumns) {
			t.Errorf("%s: columns %q, want %q", f, RegisterColumns, v.Want.Columns)
		}
		got := RegisterRows(items, v.Progress.Items, v.Progress.Published.Date)
		if !reflect.DeepEqual(got, v.Want.Rows) {
			t.Errorf("%s (%s):\n got %q\nwant %q", f, v.Name, got, v.Want.Rows)
		}
		for _, r := range got {
			if len(r) != len(RegisterColumns) {
				t.Errorf("%s: a row of %d cells for %d columns", f, len(r), len(RegisterColumns))
			}
		}
	}
}

// TestNAReason: a reason of nothing but spaces is no reason; any other is
// kept as written.
func TestNAReason(t *testing.T) {
	for in, want := range map[string]string{"": NoReason, " \n\t": NoReason, " We have no CCTV.": " We have no CCTV.", "<b>x</b>": "<b>x</b>"} {
		if got := NAReason(Entry{Reason: in}); got != want {
			t.Errorf("NAReason(%q) = %q, want %q", in, got, want)
		}
	}
	if !strings.Contains(strings.Join(RegisterColumns, "|"), "Not applicable: reason") {
		t.Error("the register has no column for the reasons")
	}
}
