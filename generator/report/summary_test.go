package report

import (
	"testing"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// TestSummary: the summary counts each level and standard as toolkit.Score
// does, the plan rows past their target date (not the done ones, not
// those with no date or a date still to come), and whole days to the
// deadline whatever the time of day.
func TestSummary(t *testing.T) {
	item := func(id string, std int, level toolkit.Level) *toolkit.Item {
		return &toolkit.Item{ID: id, Ref: id, Title: "Item " + id, Standard: std, Level: level, Confidence: toolkit.Confirmed}
	}
	items := []*toolkit.Item{item("1.1.1", 1, toolkit.Approaching), item("1.1.2", 1, toolkit.Met), item("2.1.1", 2, toolkit.Approaching),
		item("2.1.2", 2, toolkit.Approaching), item("3.1.1", 3, toolkit.Optional)}
	entry := func(status, due string) progress.Entry {
		return progress.Entry{Entry: plan.Entry{Status: status, Due: due}}
	}
	doc := &progress.Document{Items: map[string]progress.Entry{
		"1.1.1": entry("met", "2026-01-01"),         // done: never overdue
		"1.1.2": entry("in-progress", "2026-12-01"), // the day before: overdue
		"2.1.1": entry("not-started", "2026-12-02"), // the report's day: not yet
		"2.1.2": entry("in-progress", ""),           // no date
	}}
	made := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	ed := &toolkit.Edition{Title: "2026-27", Deadline: content.Date{Time: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}}
	s := New("Site", ed, items, nil, doc, made).Summary()
	if s.Approaching.Done != 1 || s.Approaching.Total != 3 || s.Met.Done != 1 || s.Met.Total != 4 {
		t.Errorf("levels %+v %+v", s.Approaching, s.Met)
	}
	if s.Overdue != 1 {
		t.Errorf("overdue %d, want 1", s.Overdue)
	}
	if s.daysLeft != 210 {
		t.Errorf("days left %d, want 210", s.daysLeft)
	}
	if a := s.byLevel[1]; a.Done != 1 || a.Total != 1 {
		t.Errorf("standard 1 at Approaching Standards: %+v", a)
	}
	if a := s.byLevel[2]; a.Done != 0 || a.Total != 2 {
		t.Errorf("standard 2 at Approaching Standards: %+v", a)
	}
	if got := percentDone(s.Approaching); got != "33%" {
		t.Errorf("percent %q", got)
	}
	if got := percentDone(toolkit.Tally{Done: 199, Total: 200}); got != "99%" {
		t.Errorf("199 of 200 reads %q: only all of it is 100%%", got)
	}
}

// TestIdentity: the client is the site's, else the progress file's
// organisation; an export date the file does not give is "not known".
func TestIdentity(t *testing.T) {
	ed := &toolkit.Edition{Title: "2026-27"}
	doc := &progress.Document{Organisation: progress.Organisation{Name: "Willow Lodge", ODSCode: "VNX12"}}
	r := New("Site", ed, nil, nil, doc, time.Now())
	if got, want := r.Identity().Line(), "Willow Lodge · ODS code VNX12 · DSPT 2026-27 · exported not known"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	r.Client = "Oak House Care"
	doc.Updated = time.Date(2025, 3, 2, 9, 15, 0, 0, time.UTC)
	if got, want := r.Identity().Line(), "Oak House Care (Willow Lodge) · ODS code VNX12 · DSPT 2026-27 · exported 2 March 2025"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
