package report

import (
	"strconv"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/toolkit"
)

// notKnown is what a report says for an export date the progress file
// does not give (files saved before the browser recorded it).
const notKnown = "not known"

// Identity is who and what a report is about, written on every output so
// a page or sheet taken out of the pile still says whose it is.
type Identity struct {
	// Client is the care provider: the site's client setting, else the
	// organisation named in the progress file, else "".
	Client       string
	Organisation string
	ODSCode      string
	// Edition is the edition's title, such as "2026-27".
	Edition string
	// Deadline is when the edition must be published by.
	Deadline time.Time
	// Exported is the date the progress was last saved, in words, or
	// NotKnown.
	Exported string
}

// Identity says who the report is for. The client's name comes from the
// site (a consultant's portal names its client), falling back to the
// organisation the progress file names.
func (r *Report) Identity() Identity {
	id := Identity{
		Client:       r.Client,
		Organisation: r.Progress.Organisation.Name,
		ODSCode:      r.Progress.Organisation.ODSCode,
		Edition:      r.Edition.Title,
		Deadline:     r.Edition.Deadline.Time,
		Exported:     notKnown,
	}
	if id.Client == "" {
		id.Client = id.Organisation
	}
	if !r.Progress.Updated.IsZero() {
		id.Exported = r.Progress.Updated.Format("2 January 2006")
	}
	return id
}

// Line is the identity on one line, for a printed page's running head, a
// sheet's header and the terminal: "Oak House Care · ODS code VNX12 ·
// DSPT 2026-27 · exported 2 March 2025".
func (id Identity) Line() string {
	s := id.Client
	if s == "" {
		s = "(no organisation name given)"
	}
	if id.Organisation != "" && id.Organisation != id.Client {
		s += " (" + id.Organisation + ")"
	}
	if id.ODSCode != "" {
		s += " · ODS code " + id.ODSCode
	}
	return s + " · DSPT " + id.Edition + " · exported " + id.Exported
}

// Summary is the first sheet of the workbook: where the organisation
// stands, in the numbers a steering meeting asks for. Every number comes
// from toolkit.Score and plan.Analyse, as the browser's pages do.
type Summary struct {
	Approaching, Met toolkit.Tally
	// Standards are the standards with a mandatory item; each one's Tally
	// counts every mandatory item (what Standards Met needs).
	Standards []StandardRow
	// byLevel counts, by standard number, the items needed for
	// Approaching Standards.
	byLevel map[int]toolkit.Tally
	// Overdue counts the plan's rows (mandatory items not done) whose
	// target date is before the report's date.
	Overdue int
	// daysLeft is the number of days from the report's date to the
	// edition's deadline; negative once it has passed.
	daysLeft int
}

// Summary works out the summary from the report's readiness and plan.
func (r *Report) Summary() Summary {
	s := Summary{Approaching: r.Readiness.Approaching, Met: r.Readiness.Met, Standards: r.StandardRows(), byLevel: map[int]toolkit.Tally{}}
	// The same scoring, over the items needed first at Approaching
	// Standards, counts each standard at that level.
	var first []*toolkit.Item
	for _, it := range r.order {
		if it.Level == toolkit.Approaching {
			first = append(first, it)
		}
	}
	for k, t := range toolkit.Score(first, r.status()).Standards {
		n, _ := strconv.Atoi(k)
		s.byLevel[n] = t
	}
	today := day0(r.Made)
	for _, g := range r.Result.Gaps {
		if d, err := content.ParseDate(g.Entry.Due); err == nil && d.Time.Before(today) {
			s.Overdue++
		}
	}
	s.daysLeft = int(day0(r.Edition.Deadline.Time).Sub(today).Hours() / 24)
	return s
}

// day0 is the calendar day of t, at midnight UTC, so days are counted
// whole whatever the time of day or the clock's zone.
func day0(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// percentDone is done as a whole percentage of total, rounded down so that
// nothing short of every item reads 100%; 0 of 0 is 100% (nothing needed).
// It is group.go's percent, written as a percentage.
func percentDone(t toolkit.Tally) string {
	return strconv.Itoa(percent(t)) + "%"
}
