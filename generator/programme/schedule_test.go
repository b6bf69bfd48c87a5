package programme

import (
	"slices"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/internal/vectors"
)

// scheduleVectors is the shape of testdata/programme/*.json, which
// tests/programme.test.js reads too.
type scheduleVectors struct {
	Name  string
	Cases []struct {
		Name  string
		Input struct {
			Today, Start, Deadline, EditionDeadline, YearlyDeadline string
			Weeks, MinWeeks                                         int
		}
		Want struct {
			Start, Deadline, End, StartBy string
			Weeks                         [][2]string
			ThisWeek, WeeksLeft           int
			Warnings                      []string
		}
	}
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func iso(d time.Time) string { return d.Format(time.DateOnly) }

func TestScheduleVectors(t *testing.T) {
	for _, v := range vectors.Load[scheduleVectors](t, "programme", 7) {
		for _, c := range v.V.Cases {
			t.Run(v.File+"/"+c.Name, func(t *testing.T) {
				in := c.Input
				s := Plan(Input{Today: date(t, in.Today), Start: date(t, in.Start), Deadline: date(t, in.Deadline),
					EditionDeadline: date(t, in.EditionDeadline), YearlyDeadline: date(t, in.YearlyDeadline),
					Weeks: in.Weeks, MinWeeks: in.MinWeeks})
				w := c.Want
				got := [4]string{iso(s.Start), iso(s.Deadline), iso(s.End), iso(s.StartBy)}
				if want := [4]string{w.Start, w.Deadline, w.End, w.StartBy}; got != want {
					t.Errorf("start, deadline, end, start by = %v, want %v", got, want)
				}
				var weeks [][2]string
				for _, wk := range s.Weeks {
					weeks = append(weeks, [2]string{iso(wk.From), iso(wk.To)})
				}
				if !slices.Equal(weeks, w.Weeks) {
					t.Errorf("weeks = %v\nwant %v", weeks, w.Weeks)
				}
				if s.ThisWeek != w.ThisWeek || s.WeeksLeft != w.WeeksLeft {
					t.Errorf("this week %d, weeks left %d; want %d, %d", s.ThisWeek, s.WeeksLeft, w.ThisWeek, w.WeeksLeft)
				}
				if !slices.Equal(s.Warnings, w.Warnings) && len(s.Warnings)+len(w.Warnings) > 0 {
					t.Errorf("warnings = %q, want %q", s.Warnings, w.Warnings)
				}
			})
		}
	}
}

// Every week of every schedule has seven days but the first, and follows
// on from the last, whatever the start: a property the vectors sample.
func TestWeeksAreWhole(t *testing.T) {
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 3 * 366 {
		s := Plan(Input{Start: day, YearlyDeadline: day, Weeks: 10, MinWeeks: 8})
		for i, wk := range s.Weeks {
			if wk.To.Weekday() != time.Sunday || (i > 0 && wk.From.Weekday() != time.Monday) {
				t.Fatalf("start %s: week %d runs %s to %s", iso(day), i+1, wk.From.Weekday(), wk.To.Weekday())
			}
			if i > 0 && !s.Weeks[i-1].To.AddDate(0, 0, 1).Equal(wk.From) {
				t.Fatalf("start %s: week %d does not follow week %d", iso(day), i+1, i)
			}
		}
		if s.Deadline.Before(s.Start) {
			t.Fatalf("start %s: deadline %s comes first", iso(day), iso(s.Deadline))
		}
		day = day.AddDate(0, 0, 1)
	}
}

func TestSpanVectors(t *testing.T) {
	for _, v := range vectors.Load[struct {
		Cases []struct{ From, To, Want string }
	}](t, "spans", 1) {
		for _, c := range v.V.Cases {
			if got := (Span{date(t, c.From), date(t, c.To)}).String(); got != c.Want {
				t.Errorf("%s to %s = %q, want %q", c.From, c.To, got, c.Want)
			}
		}
	}
}
