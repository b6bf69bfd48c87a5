package generator

import (
	"fmt"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// Warnings are problems that do not stop a build: the site is still
// correct HTML, but it would tell care providers something out of date
// or contradictory. They are FileErrors so they carry a file:line:col and
// a hint like any other problem; only the printing differs.
//
// Some depend on the date (Options.Today), so a build gives the same pages
// on any day, and only what it says about them changes.

// warn works out the warnings once assemble has chosen the edition.
func (b *builder) warn() []*diag.FileError {
	if b.view == nil {
		return nil
	}
	var out []*diag.FileError
	e := b.view.Edition
	due := e.Deadline.Time
	if today := dayOf(b.opts.Today); !today.IsZero() && !due.IsZero() && today.After(due) {
		hint := fmt.Sprintf("No edition in content/data/editions has a deadline still to come. Add the new edition's file when the toolkit publishes it (or one marked as provisional), then change edition: in %s to it", ConfigFile)
		if next := newestOpen(b.data.Editions, e.Category, today); next != nil {
			hint = fmt.Sprintf("Change edition: to %s, whose deadline is %s, once you have checked its items", next.ID, words.Date(next.Deadline.Time))
		}
		out = append(out, &diag.FileError{
			Pos:  b.cfg.Src.At("edition"),
			Msg:  fmt.Sprintf("the edition %s had its deadline on %s, which has passed, so the site shows an old toolkit year", e.ID, words.Date(due)),
			Hint: hint,
		})
	}
	p := b.cfg.Programme
	switch {
	case due.IsZero():
	case !p.Deadline.IsZero() && !p.Deadline.Equal(due):
		out = append(out, &diag.FileError{
			Pos:  p.Src.At("deadline"),
			Msg:  fmt.Sprintf("programme.deadline %s is not the edition's deadline, %s, so the programme and the rest of the site name different dates", p.Deadline, words.Date(due)),
			Hint: "Remove the line to use the edition's deadline, or keep it if the client means to finish early",
		})
	case p.Deadline.IsZero() && p.Start.After(due):
		out = append(out, &diag.FileError{
			Pos:  p.Src.At("start"),
			Msg:  fmt.Sprintf("programme.start %s comes after the edition's deadline, %s, so the programme counts to a later deadline than the rest of the site", p.Start, words.Date(due)),
			Hint: "Choose an edition whose deadline comes after the start, or start earlier",
		})
	}
	return out
}

// newestOpen is the edition of the category with the latest deadline, if
// that deadline has not passed by today.
func newestOpen(editions []*toolkit.Edition, category int, today time.Time) *toolkit.Edition {
	var best *toolkit.Edition
	for _, e := range editions {
		if e.Category != category || e.Deadline.Before(today) {
			continue
		}
		if best == nil || e.Deadline.After(best.Deadline.Time) || (e.Deadline.Equal(best.Deadline.Time) && e.ID < best.ID) {
			best = e
		}
	}
	return best
}

// dayOf is the calendar day of t, as a date with no time, or zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
