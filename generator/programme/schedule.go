package programme

import "time"

// The date rules. Every date is a calendar day at midnight UTC, so clock
// changes never shift a week: adding days to a UTC date is exact, where
// adding 24 hours to a local time is not. themes/default/static/js/programme.js
// computes the same with UTC day numbers, and both pass testdata/programme.

// Input is what a schedule is worked out from. A zero Start, Deadline or
// Today means it is not known.
type Input struct {
	// Today is the reader's date. At build time it is zero, so the page
	// stays the same whenever it is built, and nothing depends on it.
	Today time.Time
	// Start is the day the work begins; when zero, the programme is
	// counted back from the deadline.
	Start time.Time
	// Deadline is the day the toolkit must be published by; when zero, it
	// is EditionDeadline, or when that is zero too, the next
	// YearlyDeadline on or after Start (or Today).
	Deadline time.Time
	// EditionDeadline is the deadline of the site's edition: the default,
	// so that every page names the same date whatever the day. A start
	// after it counts to the same day and month in a later year. Any other
	// deadline in effect is warned about (other-deadline).
	EditionDeadline time.Time
	// YearlyDeadline gives the deadline's day and month (30 June) when
	// there is no EditionDeadline.
	YearlyDeadline time.Time
	// Weeks is the programme's length; MinWeeks the fewest weeks it can be
	// done in, below which the reader is warned.
	Weeks, MinWeeks int
}

// Warning codes, in the order a schedule lists them.
const (
	// deadlinePassed: the deadline is before today.
	deadlinePassed = "deadline-passed"
	// fewWeeks: fewer than MinWeeks whole weeks from the start (or today,
	// if later) to the deadline.
	fewWeeks = "few-weeks"
	// overrun: the programme's last week ends after the deadline.
	overrun = "overrun"
	// lateStart: the programme ends less than a week before the deadline,
	// leaving nothing spare for a busy week.
	lateStart = "late-start"
	// otherDeadline: the deadline in effect is not EditionDeadline, so the
	// programme names another date than the rest of the site.
	otherDeadline = "other-deadline"
)

// Schedule is a programme laid out on the calendar.
type Schedule struct {
	Start, Deadline time.Time
	// End is the last day of the last week.
	End time.Time
	// StartBy is the latest Monday a programme can start on and still end
	// a week before the deadline: mid-April for 30 June.
	StartBy time.Time
	// Weeks holds each week's first and last day; weeks run Monday to
	// Sunday, and the first may begin midweek.
	Weeks []Span
	// ThisWeek is the week holding Today: 0 before the start, len(Weeks)+1
	// after the end, and 0 when Today is not known.
	ThisWeek int
	// WeeksLeft is the number of whole weeks from the start, or today if
	// later, to the deadline.
	WeeksLeft int
	Warnings  []string
}

// Span is a run of days, first and last included.
type Span struct{ From, To time.Time }

// day is the calendar date of t, at midnight UTC.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// monday is the Monday on or before d.
func monday(d time.Time) time.Time {
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}

// weekStart is the day a programme starting on d begins: d itself on a
// weekday, the next Monday at a weekend.
func weekStart(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, 2)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

// nextDeadline is the first day on or after from with yearly's day and
// month. A deadline that has passed this year moves to next year.
func nextDeadline(from, yearly time.Time) time.Time {
	d := time.Date(from.Year(), yearly.Month(), yearly.Day(), 0, 0, 0, 0, time.UTC)
	if d.Before(from) {
		d = time.Date(from.Year()+1, yearly.Month(), yearly.Day(), 0, 0, 0, 0, time.UTC)
	}
	return d
}

// LatestStart is the last Monday a programme of the given length can start
// on and still end a week before deadline.
func LatestStart(deadline time.Time, weeks int) time.Time {
	return monday(deadline.AddDate(0, 0, -7*(weeks+1)+1))
}

// Plan lays the programme out on the calendar.
func Plan(in Input) Schedule {
	var s Schedule
	in.Weeks = min(max(in.Weeks, 1), 52)
	// Only the calendar day counts, whatever the time or zone given.
	for _, t := range []*time.Time{&in.Today, &in.Start, &in.Deadline, &in.EditionDeadline} {
		if !t.IsZero() {
			*t = day(*t)
		}
	}
	from := in.Today
	if !in.Start.IsZero() {
		from = weekStart(in.Start)
	}
	s.Deadline = in.Deadline
	ed := in.EditionDeadline
	switch {
	case !s.Deadline.IsZero():
	case !ed.IsZero() && (in.Start.IsZero() || !from.After(ed)):
		// Not the next 30 June from today: the edition's, so the page says
		// the same as the rest of the site, and says so if it has passed.
		s.Deadline = ed
	case !ed.IsZero():
		s.Deadline = nextDeadline(from, ed)
	case !from.IsZero():
		s.Deadline = nextDeadline(from, in.YearlyDeadline)
	}
	s.StartBy = LatestStart(s.Deadline, in.Weeks)
	s.Start = s.StartBy
	if !in.Start.IsZero() {
		s.Start = weekStart(in.Start)
	}
	first := monday(s.Start)
	for w := range in.Weeks {
		wk := Span{first.AddDate(0, 0, 7*w), first.AddDate(0, 0, 7*w+6)}
		if w == 0 {
			wk.From = s.Start
		}
		s.Weeks = append(s.Weeks, wk)
	}
	s.End = s.Weeks[len(s.Weeks)-1].To

	left := s.Start
	if !in.Today.IsZero() {
		switch {
		case in.Today.Before(s.Start):
			s.ThisWeek = 0
		case in.Today.After(s.End):
			s.ThisWeek = len(s.Weeks) + 1
		default:
			s.ThisWeek = int(in.Today.Sub(first).Hours()/24)/7 + 1
		}
		if in.Today.After(left) {
			left = in.Today
		}
	}
	if days := int(s.Deadline.Sub(left).Hours()/24) + 1; days > 0 {
		s.WeeksLeft = days / 7
	}

	if !in.Today.IsZero() && s.Deadline.Before(in.Today) {
		s.Warnings = []string{deadlinePassed}
	} else {
		if s.WeeksLeft < in.MinWeeks {
			s.Warnings = append(s.Warnings, fewWeeks)
		}
		if s.End.After(s.Deadline) {
			s.Warnings = append(s.Warnings, overrun)
		} else if s.End.AddDate(0, 0, 7).After(s.Deadline) {
			s.Warnings = append(s.Warnings, lateStart)
		}
	}
	if !ed.IsZero() && !s.Deadline.Equal(ed) {
		s.Warnings = append(s.Warnings, otherDeadline)
	}
	return s
}

// Span gives the first day of week from and the last day of week to.
func (s Schedule) Span(from, to int) Span {
	return Span{s.Weeks[from-1].From, s.Weeks[to-1].To}
}
