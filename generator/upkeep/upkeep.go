// Package upkeep works out what keeps a care service at its level after it
// has published the toolkit: when each item's evidence is next due for
// review (training every 12 months, policies every 3 years, from the date
// it was last done or else from the publication), which of those are
// overdue or due soon, and when to publish again.
//
// The browser does the same in themes/default/static/js/upkeep.js, and
// both pass the vectors in testdata/upkeep: keep them in step. Dates are
// YYYY-MM-DD strings, as in the progress document, and "" means none.
// Other packages use NextReview (the evidence register's next review);
// plan, the whole picture that the home page shows, is upkeep.js's
// upkeep() in Go, held to the same vectors, and unexported until a Go
// caller needs it.
package upkeep

import (
	"cmp"
	"slices"
	"time"

	"github.com/readykit/readykit/generator/toolkit"
)

const layout = "2006-01-02"

// Days ahead within which a review is "soon", and "coming".
const (
	soonDays   = 30
	comingDays = 90
)

// States of an item's next review against today.
const (
	overdue = "overdue" // the due date has passed
	soon    = "soon"    // due today or within 30 days
	coming  = "coming"  // due within 90 days
	later   = "later"   // due after that
	unknown = "unknown" // no date to count from yet
)

func parse(date string) (time.Time, bool) {
	t, err := time.Parse(layout, date)
	return t, err == nil && len(date) == len(layout)
}

// addMonths returns the same day n months after date, or the last day of
// the month when it is shorter: 2028-02-29 plus 12 months is 2029-02-28,
// 2026-08-31 plus 6 months is 2027-02-28. It returns "" when date is not a
// date.
func addMonths(date string, n int) string {
	t, ok := parse(date)
	if !ok {
		return ""
	}
	y, m, d := t.Date()
	// Day 0 of the month after is the last day of the month wanted.
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, time.UTC)
	return time.Date(y, m+time.Month(n), min(d, last.Day()), 0, 0, 0, 0, time.UTC).Format(layout)
}

// Entry is what upkeep reads of an item's saved progress.
type Entry struct {
	Status string `json:"status"`
	// Done is when the item was done or its evidence last reviewed.
	Done string `json:"done"`
}

// publication is when the organisation last published the toolkit, and at
// which level ("approaching" or "met"); "" when not recorded.
type publication struct {
	Date  string `json:"date"`
	Level string `json:"level"`
}

// next returns the item's next review date and what it counts from:
// "done", "published", or "" when there is nothing to count from, the
// item has no review rule or is not applicable.
func next(it *toolkit.Item, e Entry, published string) (due, based string) {
	if it.Review == nil || e.Status == toolkit.StatusNotApplicable {
		return "", ""
	}
	months := int(it.Review.Months)
	if d := addMonths(e.Done, months); d != "" {
		return d, "done"
	}
	if d := addMonths(published, months); d != "" {
		return d, "published"
	}
	return "", ""
}

// NextReview returns when the item's evidence is next due for review: its
// review interval after the date it was done, or else after the
// publication date; "" when it has neither, no review rule, or is not
// applicable.
func NextReview(it *toolkit.Item, e Entry, published string) string {
	due, _ := next(it, e, published)
	return due
}

// renewal is when to publish the toolkit again.
type renewal struct {
	// By is the earlier of the other two.
	By string `json:"by"`
	// TwelveMonths is 12 months after the publication: it is out of date
	// after that.
	TwelveMonths string `json:"twelveMonths"`
	// NextJune is the yearly deadline for the next edition: 30 June a
	// year after the first 30 June on or after the publication.
	NextJune string `json:"nextJune"`
}

// itemDue is one item's next review.
type itemDue struct {
	ID    string `json:"id"`
	Due   string `json:"due"`
	State string `json:"state"`
	// Based is what the date counts from: "done", "published" or "".
	Based string `json:"based"`
}

// result is the upkeep plan on one day.
type result struct {
	Published publication `json:"published"`
	Republish renewal     `json:"republish"`
	// Items are those with a review rule that are not "not applicable",
	// by due date then id; those with no date yet come last.
	Items []itemDue `json:"items"`
}

// republish works out when a publication on date must be renewed.
func republish(date string) renewal {
	t, ok := parse(date)
	if !ok {
		return renewal{}
	}
	june := time.Date(t.Year(), time.June, 30, 0, 0, 0, 0, time.UTC)
	if t.After(june) {
		june = june.AddDate(1, 0, 0)
	}
	r := renewal{TwelveMonths: addMonths(date, 12), NextJune: june.AddDate(1, 0, 0).Format(layout)}
	r.By = min(r.TwelveMonths, r.NextJune)
	return r
}

// plan returns, on the day today, when to republish and each item's next
// review with its state: overdue, due within 30 days (soon), within 90
// (coming), later, or unknown when there is no date to count from.
func plan(items []*toolkit.Item, entries map[string]Entry, published publication, today string) result {
	t, _ := parse(today)
	soonBy, comingBy := t.AddDate(0, 0, soonDays).Format(layout), t.AddDate(0, 0, comingDays).Format(layout)
	r := result{Published: published, Republish: republish(published.Date), Items: []itemDue{}}
	for _, it := range items {
		e := entries[it.ID]
		if it.Review == nil || e.Status == toolkit.StatusNotApplicable {
			continue
		}
		d := itemDue{ID: it.ID, State: unknown}
		d.Due, d.Based = next(it, e, published.Date)
		switch {
		case d.Due == "":
		case d.Due < today:
			d.State = overdue
		case d.Due <= soonBy:
			d.State = soon
		case d.Due <= comingBy:
			d.State = coming
		default:
			d.State = later
		}
		r.Items = append(r.Items, d)
	}
	slices.SortFunc(r.Items, func(a, b itemDue) int {
		if (a.Due == "") != (b.Due == "") {
			if a.Due == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
	})
	return r
}
