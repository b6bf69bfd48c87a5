package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/toolkit"
)

// Step is one step of the editions' history, as toolkit.json's history
// lists it: each id of From's items that lives on, mapped to its id in To.
type Step struct {
	From    string            `json:"from"`
	To      string            `json:"to"`
	Carried map[string]string `json:"carried"`
}

// Steps turns the site's history (toolkit.Data.History) into steps.
func Steps(history []toolkit.Diff) []Step {
	out := make([]Step, 0, len(history))
	for _, d := range history {
		out = append(out, Step{From: d.From.ID, To: d.To.ID, Carried: d.Carried})
	}
	return out
}

// editionPath is the steps leading from edition from to edition to, in order,
// and false when history has no way there (editions.js's path).
func editionPath(history []Step, from, to string) ([]Step, bool) {
	var steps []Step
	seen := map[int]bool{}
	for cur := from; cur != to; {
		i := slices.IndexFunc(history, func(s Step) bool { return s.From == cur })
		// A step seen twice means history goes round in a circle.
		if i < 0 || seen[i] {
			return nil, false
		}
		seen[i] = true
		steps = append(steps, history[i])
		cur = history[i].To
	}
	return steps, true
}

// Carry is what moving a progress file forward to a later edition did.
type Carry struct {
	// From is the edition the file was saved in.
	From string
	// Moved are the ids, in the new edition, of the items whose progress
	// came across, sorted.
	Moved []string
	// Kept are the ids of the entries the move kept aside (their items
	// did not live on, or another entry took their place), sorted.
	Kept []string
}

// Summary says in words what the move did, for a report and the terminal.
func (c *Carry) Summary(to string) string {
	s := fmt.Sprintf("This progress was saved in the %s edition. It has been moved forward to the %s edition as the site moves it when the file is opened: %s moved across to the items' numbers in this edition",
		EditionTitle(c.From), EditionTitle(to), count(len(c.Moved), "item's progress", "items' progress"))
	if n := len(c.Kept); n > 0 {
		s += fmt.Sprintf(", and %s for items this edition does not carry on %s kept aside (listed at the end of the report)", count(n, "entry", "entries"), map[bool]string{true: "is", false: "are"}[n == 1])
	}
	return s + "."
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ReadForward reads a progress file as Read does and, when it was saved
// in an earlier edition than to, moves it forward exactly as the site's
// import does (importer.js): read in its own edition with every id and
// status accepted, moved one history step at a time (editions.js's
// migrate), then read again in edition to. Carry is nil when the file is
// of edition to already. A file of an edition history has no way forward
// from is refused.
func ReadForward(file string, data []byte, editions map[string][]*toolkit.Item, to string, history []Step) (*Document, *Carry, error) {
	var steps []Step
	moving := false
	first, err := read(file, data, func(edition string) (map[string]bool, error) {
		if edition == to {
			return knownOf(editions, file, edition)
		}
		s, ok := editionPath(history, edition, to)
		if !ok {
			return nil, unusable(file, kindOtherEdition, fmt.Sprintf("the file is for the %s edition, which this site cannot move forward to %s (the site's edition); report on it from a site of the %s edition, with --source",
				EditionTitle(edition), EditionTitle(to), EditionTitle(edition)))
		}
		steps, moving = s, true
		return nil, nil
	})
	if err != nil || !moving {
		return first, nil, err
	}
	carry := first.migrate(to, steps)
	second, err := Read(file, first.marshal(), map[string][]*toolkit.Item{to: editions[to]})
	if err != nil {
		return nil, nil, err
	}
	second.Site = first.Site
	second.Problems = append(first.Problems, second.Problems...)
	return second, carry, nil
}

// entryTime is when an entry was last changed, in milliseconds, as
// editions.js compares them (Date.parse(e.updated) || 0).
func entryTime(e Entry) int64 {
	t := parseDateTime(e.Updated)
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// migrate moves the document to edition to along steps, as editions.js's
// migrate does, key order included (which entry wins a tie depends on it).
func (d *Document) migrate(to string, steps []Step) *Carry {
	c := &Carry{From: d.Edition}
	keptNow := map[string]bool{}
	keep := func(id string, k Kept) {
		old, had := d.Kept[id]
		later := !had || entryTime(k.Entry) >= entryTime(old.Entry)
		if had {
			rec := old
			if !later {
				rec = k
			}
			d.LeftOut = append(d.LeftOut, LeftOut{ID: id, Field: "kept", Value: rec.json(), Why: whyReplaced})
		}
		if later {
			if !had {
				d.keptOrder = append(d.keptOrder, id)
			}
			d.Kept[id] = k
		}
		keptNow[id] = true
	}
	items, order := d.Items, d.order
	for _, step := range steps {
		next, src := map[string]Entry{}, map[string]string{}
		var nextOrder []string
		for _, id := range order {
			e := items[id]
			nid := step.Carried[id]
			_, taken := next[nid]
			switch {
			case nid == "":
				keep(id, Kept{From: step.From, Entry: e})
			case !taken:
				next[nid], src[nid] = e, id
				nextOrder = append(nextOrder, nid)
			case entryTime(e) > entryTime(next[nid]):
				keep(src[nid], Kept{From: step.From, Entry: next[nid]})
				next[nid], src[nid] = e, id
			default:
				keep(id, Kept{From: step.From, Entry: e})
			}
		}
		items, order = next, nextOrder
		// A value kept aside for an item goes with the item to its new id.
		for i, r := range d.LeftOut {
			if nid := step.Carried[r.ID]; r.ID != "" && !strings.HasPrefix(r.Field, "kept") && nid != "" {
				d.LeftOut[i].ID = nid
			}
		}
	}
	d.Edition, d.Items, d.order = to, items, order
	c.Moved = slices.Sorted(func(yield func(string) bool) {
		for id := range items {
			if !yield(id) {
				return
			}
		}
	})
	for id := range keptNow {
		c.Kept = append(c.Kept, id)
	}
	slices.Sort(c.Kept)
	return c
}

// marshal writes the document as the browser holds it, for reading again
// in its new edition: entries in their order, values kept aside as they
// are. What the document does not hold (its profile, when it was made) is
// left out; the report does not use it.
func (d *Document) marshal() []byte {
	var b bytes.Buffer
	str := func(s string) { writeJSString(&b, s) }
	b.WriteString(`{"format":"` + Format + `","version":1,"site":`)
	str(d.Site)
	b.WriteString(`,"edition":`)
	str(d.Edition)
	if !d.Updated.IsZero() {
		b.WriteString(`,"updated":`)
		str(d.Updated.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
	}
	group := func(name string, fields [][2]string) {
		b.WriteString(`,"` + name + `":{`)
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			str(f[0])
			b.WriteByte(':')
			str(f[1])
		}
		b.WriteByte('}')
	}
	o, p, pub := d.Organisation, d.Programme, d.Published
	group("organisation", [][2]string{{"name", o.Name}, {"odsCode", o.ODSCode}, {"completedBy", o.CompletedBy}})
	group("programme", [][2]string{{"start", p.Start}, {"deadline", p.Deadline}})
	group("published", [][2]string{{"date", pub.Date}, {"level", pub.Level}})
	entries := func(name string, ids []string, value func(id string) json.RawMessage) {
		b.WriteString(`,"` + name + `":{`)
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(',')
			}
			str(id)
			b.WriteByte(':')
			b.Write(value(id))
		}
		b.WriteByte('}')
	}
	entries("items", d.order, func(id string) json.RawMessage {
		// An item's entry is a kept entry's without "from".
		v := Kept{Entry: d.Items[id]}.json()
		return append([]byte{'{'}, v[bytes.IndexByte(v, ',')+1:]...)
	})
	entries("kept", d.keptOrder, func(id string) json.RawMessage { return d.Kept[id].json() })
	left, _ := json.Marshal(d.LeftOut)
	b.WriteString(`,"leftOut":`)
	b.Write(left)
	b.WriteByte('}')
	return b.Bytes()
}
