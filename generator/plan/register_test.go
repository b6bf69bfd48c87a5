package plan

import (
	"reflect"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/toolkit"
)

// TestRegisterVectors runs the evidence register's vectors, which plan.js
// passes too (testdata/register), so the register page, its CSV and
// readykit report hold the same rows.
func TestRegisterVectors(t *testing.T) {
	type vector struct {
		Name  string `json:"name"`
		Items []struct {
			ID            string `json:"id"`
			Ref           string `json:"ref"`
			Title         string `json:"title"`
			Standard      int    `json:"standard"`
			Level         string `json:"level"`
			NotApplicable bool   `json:"notApplicable"`
			Confidence    string `json:"confidence"`
			Review        *struct {
				Months     int    `json:"months"`
				Source     string `json:"source"`
				Confidence string `json:"confidence"`
				Check      bool   `json:"check"`
			} `json:"review"`
		} `json:"items"`
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
		items := make([]*toolkit.Item, len(v.Items))
		for i, it := range v.Items {
			items[i] = &toolkit.Item{ID: it.ID, Ref: it.Ref, Title: it.Title, Standard: it.Standard, NotApplicable: it.NotApplicable,
				Confidence: toolkit.Confidence(it.Confidence)}
			if err := items[i].Level.UnmarshalText([]byte(it.Level)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if r := it.Review; r != nil {
				items[i].Review = &toolkit.Review{Months: toolkit.Months(r.Months), Basis: r.Source, Confidence: toolkit.Confidence(r.Confidence)}
				// The vector's check mark is toolkit.json's: what the
				// confidence says.
				if r.Check != items[i].Review.Confidence.NeedsCheck() {
					t.Errorf("%s: %s: review check %v for confidence %s", f, it.ID, r.Check, r.Confidence)
				}
			}
		}
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
