package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// Aside is one thing a progress file keeps aside, said for a consultant:
// an entry kept for an item this edition does not use, or a value that
// did not fit. The care provider sees the same on the site's Your progress
// page, where they can put it back or remove it.
type Aside struct {
	// What it is: "Item 9.9.9: what was saved for it in the 2023-24 edition".
	What string
	// Lines are what it holds: an entry's fields, or the value, in words.
	Lines []string
	// Why it is aside: why it does not fit, or that it fits again.
	Why string
	// Todo is what the care provider can do about it.
	Todo string
}

// The longest a value is shown: the report is for reading, and the whole
// value stays in the file.
const showMax = 300

const (
	putBack    = "The care provider can put it back on the Your progress page of the site."
	removeOnly = "Nothing, if it is no longer needed: it stays in the file until the care provider removes it on the Your progress page of the site."
)

// Aside lists what the progress file keeps aside, as the Your progress
// page lists it: each kept entry, by id, then each value left out, in the
// file's order.
func (r *Report) Aside() []Aside {
	doc := r.Progress
	var out []Aside
	for _, id := range slices.Sorted(maps.Keys(doc.Kept)) {
		out = append(out, r.keptRow(id, doc.Kept[id]))
	}
	for _, l := range doc.LeftOut {
		out = append(out, r.leftOutRow(l))
	}
	return out
}

// Unread are the problems with the progress file whose values are not
// kept aside (they could not be read, or there was no room to keep them):
// what neither this report nor the site can use.
func (r *Report) Unread() []progress.Problem {
	var out []progress.Problem
	for _, p := range r.Progress.Problems {
		if !p.KeptAside {
			out = append(out, p)
		}
	}
	return out
}

// name is how an item is named: its reference (or, without one, its id)
// and title when this edition has it, else its id.
func (r *Report) name(id string) string {
	if it, ok := r.items[id]; ok {
		if it.Ref != "" {
			id = it.Ref
		}
		return id + " (" + it.Title + ")"
	}
	return id
}

func (r *Report) keptRow(id string, k progress.Kept) Aside {
	row := Aside{
		What:  fmt.Sprintf("Item %s: what was saved for it in the %s edition", r.name(id), progress.EditionTitle(k.From)),
		Lines: describe(k.Entry),
	}
	_, inEdition := r.items[id]
	_, hasEntry := r.Progress.Items[id]
	switch {
	case !inEdition:
		row.Why = fmt.Sprintf("The %s edition has no item %s.", r.Edition.Title, id)
		row.Todo = removeOnly
	case hasEntry:
		row.Why = "The item is in this edition, and the file has progress for it here as well."
		row.Todo = "The care provider can copy anything still needed into the item, then remove this, on the Your progress page of the site."
	default:
		row.Why = "The item is in this edition again, so this fits."
		row.Todo = putBack
	}
	return row
}

func (r *Report) leftOutRow(l progress.LeftOut) Aside {
	id, f := l.ID, l.Base()
	row := Aside{Lines: []string{show(f, l)}}
	switch {
	case l.Field == "kept":
		k, ok := l.Entry()
		if !ok {
			row.What = fmt.Sprintf("Item %s: an earlier entry", r.name(id))
			row.Why = "It cannot be read as an entry."
			row.Todo = "The care provider can remove it on the Your progress page of the site."
			return row
		}
		row.What = fmt.Sprintf("Item %s: an earlier entry, saved in the %s edition", r.name(id), progress.EditionTitle(k.From))
		row.Lines = describe(k.Entry)
		row.Why = "Another entry for the same item, kept instead, took its place."
		row.Todo = "The care provider can swap the two, or remove this one, on the Your progress page of the site."
		return row
	case id == "":
		group, _, _ := strings.Cut(l.Field, ".")
		switch group {
		case "organisation":
			row.What = "The organisation’s " + l.Label()
		case "programme":
			row.What = "The programme’s " + l.Label()
		default:
			row.What = "The progress file’s " + l.Label()
		}
	case strings.HasPrefix(l.Field, "kept."):
		row.What = fmt.Sprintf("Item %s: the %s of the entry kept from an earlier edition", r.name(id), l.Label())
		if _, ok := r.Progress.Kept[id]; !ok {
			row.Why = fmt.Sprintf("What was kept for item %s has been removed, so this has nowhere to go.", id)
			row.Todo = removeOnly
			return row
		}
	default:
		row.What = fmt.Sprintf("Item %s: the %s", r.name(id), l.Label())
		if _, ok := r.items[id]; !ok {
			row.Why = fmt.Sprintf("The %s edition has no item %s, so this has nowhere to go.", r.Edition.Title, id)
			row.Todo = removeOnly
			return row
		}
	}
	notApplicable := true
	if it, ok := r.items[id]; ok && l.Field == f {
		notApplicable = it.NotApplicable
	}
	why := l.Check(notApplicable)
	switch {
	case why == "":
		row.Why = "It fits now."
		row.Todo = putBack
		return row
	case f == "status" && l.Text() == toolkit.StatusNotApplicable:
		row.Why = "This item cannot be marked Not applicable in this edition."
	case f == "created" || f == "updated" || f == "exported":
		row.Why = "It is not a date and time. The site records this time by itself, so it is not needed."
		row.Todo = "The care provider can remove it on the Your progress page of the site."
		return row
	case strings.HasPrefix(why, "is longer"):
		max, _ := progress.TextLimit(f)
		row.Why = fmt.Sprintf("It is %s characters long, and a %s holds at most %s.", thousands(length(l.Text())), l.Label(), thousands(max))
	default:
		row.Why = fmt.Sprintf("The %s %s.", l.Label(), why)
	}
	if strings.HasPrefix(l.Field, "kept.") {
		row.Todo = "It belongs to an entry kept from an earlier edition, which cannot be changed: the care provider can remove it on the Your progress page of the site."
	} else {
		row.Todo = "The care provider can set it again on the site if it is still needed, then remove this on the Your progress page."
	}
	return row
}

// describe is an entry as lines of "What: value", leaving out what is
// blank, as the Your progress page shows it.
func describe(e progress.Entry) []string {
	p := e.Entry
	var lines []string
	add := func(field, v string) {
		if v != "" {
			lines = append(lines, plan.Capitalise(progress.Label(field))+": "+v)
		}
	}
	if p.Status != toolkit.StatusNotStarted {
		add("status", toolkit.StatusName(p.Status))
	}
	if p.Reviewed {
		add("reviewed", "yes")
	}
	add("notes", cut(p.Notes))
	add("evidence", cut(p.Evidence))
	add("owner", cut(p.Owner))
	add("due", day(p.Due))
	add("action", cut(p.Action))
	add("priority", plan.Capitalise(p.Priority))
	add("localRef", cut(p.LocalRef))
	add("dependencies", cut(p.Dependencies))
	if p.Exceptional {
		add("exceptional", "yes")
	}
	add("milestones", cut(p.Milestones))
	if len(lines) == 0 {
		return []string{"Nothing but its status: not started."}
	}
	return lines
}

// show is a value as the Your progress page shows it: a status or a mark
// in words, text as it is (cut if long), anything else as its JSON.
func show(field string, l progress.LeftOut) string {
	v, t := string(l.Value), l.Text()
	switch {
	case v == `""`:
		return "(empty)"
	case field == "status" && strings.HasPrefix(v, `"`) && toolkit.StatusName(t) != "":
		return toolkit.StatusName(t)
	case v == "true" || v == "false":
		return plan.Capitalise(t)
	}
	return cut(t)
}

// cut shortens text longer than showMax characters, saying how long it is
// as the site counts (in UTF-16 units, as the limits are).
func cut(s string) string {
	r := []rune(s)
	if len(r) <= showMax {
		return s
	}
	return fmt.Sprintf("%s… (%s characters in all)", string(r[:showMax]), thousands(length(s)))
}

// length counts a string as JavaScript does, in UTF-16 units.
func length(s string) int { return len(utf16.Encode([]rune(s))) }

// day writes a YYYY-MM-DD date as people read it, 30 May 2025, and
// anything else as it is.
func day(s string) string {
	if d, err := content.ParseDate(s); err == nil {
		return words.Date(d.Time)
	}
	return s
}

// thousands writes n with commas: 5,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
