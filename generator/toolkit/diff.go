package toolkit

import (
	"cmp"
	"slices"
	"strings"
)

// Diff is what changed between two editions, and where each item of the
// earlier one went.
type Diff struct {
	From, To *Edition
	// Added are items of To that no item of From became.
	Added []*Item
	// Removed are items of From that To does not carry on.
	Removed []*Item
	// Moved are items needed first at a different level.
	Moved []Change
	// Reworded are items whose title or question changed.
	Reworded []Change
	// Renumbered are items whose reference changed.
	Renumbered []Change
	// Carried maps every id of From that lives on to its id in To, so
	// progress saved against From can follow the user into To.
	Carried map[string]string
}

// Change is one item as two editions have it.
type Change struct {
	From, To *Item
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Moved)+len(d.Reworded)+len(d.Renumbered) == 0
}

// compare works out what changed from one edition's view to the next's. An
// item carries on under the id To's mapping gives it, or else under its
// own id if To lists it.
func compare(from, to *View) Diff {
	d := Diff{From: from.Edition, To: to.Edition, Carried: map[string]string{}}
	reached := map[string]bool{}
	for _, old := range from.Items {
		id := old.ID
		if m, ok := to.Edition.Mapping[id]; ok {
			id = m.Value
		}
		cur := to.Item(id)
		if cur == nil {
			d.Removed = append(d.Removed, old)
			continue
		}
		d.Carried[old.ID] = cur.ID
		reached[cur.ID] = true
		c := Change{From: old, To: cur}
		if old.Level != cur.Level {
			d.Moved = append(d.Moved, c)
		}
		if old.Title != cur.Title || old.Asks != cur.Asks {
			d.Reworded = append(d.Reworded, c)
		}
		if old.Ref != cur.Ref {
			d.Renumbered = append(d.Renumbered, c)
		}
	}
	for _, it := range to.Items {
		if !reached[it.ID] {
			d.Added = append(d.Added, it)
		}
	}
	return d
}

// History compares each edition with the one before it, newest first.
func (d *Data) History() []Diff {
	var out []Diff
	for _, e := range d.Editions {
		if prev := d.Edition(e.Previous); prev != nil {
			out = append(out, compare(d.View(prev), d.View(e)))
		}
	}
	slices.SortFunc(out, func(a, b Diff) int {
		return cmp.Or(b.To.Deadline.Compare(a.To.Deadline.Time), strings.Compare(a.To.ID, b.To.ID))
	})
	return out
}
