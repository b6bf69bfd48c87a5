package upkeep

import (
	"reflect"
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/toolkit"
)

// vector is a file of testdata/upkeep, shared with themes/default/tests/upkeep.test.js.
type vector struct {
	Name      string
	AddMonths []struct {
		Date   string
		Months int
		Want   string
	}
	Today string
	Items []struct {
		ID     string
		Review *struct {
			Months     int
			Confidence toolkit.Confidence
		}
	}
	Doc struct {
		Published publication
		Items     map[string]Entry
	}
	Want *result
}

func TestVectors(t *testing.T) {
	plans := 0
	for _, v := range vectors.Load[vector](t, "upkeep", 5) {
		t.Run(v.File, func(t *testing.T) {
			for _, c := range v.V.AddMonths {
				if got := addMonths(c.Date, c.Months); got != c.Want {
					t.Errorf("addMonths(%q, %d) = %q, want %q", c.Date, c.Months, got, c.Want)
				}
			}
			if v.V.Want == nil {
				return
			}
			plans++
			var items []*toolkit.Item
			for _, in := range v.V.Items {
				it := &toolkit.Item{ID: in.ID}
				if r := in.Review; r != nil {
					it.Review = &toolkit.Review{Months: toolkit.Months(r.Months), Confidence: r.Confidence}
				}
				items = append(items, it)
			}
			got := plan(items, v.V.Doc.Items, v.V.Doc.Published, v.V.Today)
			if !reflect.DeepEqual(got, *v.V.Want) {
				t.Errorf("%s\nPlan = %+v\nwant   %+v", v.V.Name, got, *v.V.Want)
			}
			// NextReview agrees with the plan, item by item.
			for _, it := range items {
				want := ""
				for _, d := range got.Items {
					if d.ID == it.ID {
						want = d.Due
					}
				}
				if n := NextReview(it, v.V.Doc.Items[it.ID], v.V.Doc.Published.Date); n != want {
					t.Errorf("NextReview(%s) = %q, want %q", it.ID, n, want)
				}
			}
		})
	}
	if plans < 4 {
		t.Errorf("%d vectors with a plan, want at least 4", plans)
	}
}

// Every day of four years plus every interval the data allows: the
// result is a real date, in the right month, never after the day asked
// for, and the same day whenever that month has it.
func TestAddMonthsEveryDay(t *testing.T) {
	start, _ := parse("2027-01-01")
	for d := start; d.Year() < 2031; d = d.AddDate(0, 0, 1) {
		for n := 1; n <= 120; n += 11 {
			got, ok := parse(addMonths(d.Format(layout), n))
			if !ok {
				t.Fatalf("addMonths(%s, %d) is not a date", d.Format(layout), n)
			}
			months := (got.Year()-d.Year())*12 + int(got.Month()-d.Month())
			if months != n || got.Day() > d.Day() || (got.Day() < d.Day() && got.AddDate(0, 0, 1).Day() != 1) {
				t.Fatalf("addMonths(%s, %d) = %s", d.Format(layout), n, got.Format(layout))
			}
		}
	}
}
