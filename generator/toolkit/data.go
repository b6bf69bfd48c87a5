package toolkit

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/words"
)

// Data is everything a site's data folder says about the toolkit.
type Data struct {
	Editions  []*Edition
	Standards []*Standard
	Items     []*Item
	Glossary  []*Term
	// Unread is what could not be read from the data folder at all (the
	// load stage said why), so that the checks do not blame what depends
	// on it: a list of items missing a standard when the standards file is
	// empty would bury the one problem that matters.
	Unread Unread
}

// Unread names the data files that could not be read.
type Unread struct {
	Standards bool
	// Items and Editions are the ids of unread items and editions, taken
	// from their file names.
	Items, Editions map[string]bool
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// Check validates the data as a whole: what no single file can know by
// itself. weeks is the programme's length, which every item's week must fall
// within. It returns every problem found.
func (d *Data) Check(weeks int) []error {
	var errs diag.List

	standards := map[int]*Standard{}
	for _, s := range d.Standards {
		if s.Number < 1 {
			errs.Addf(s.Src.At("number"), "Number the standards from 1", "standard number %d is not valid", s.Number)
			continue
		}
		if prev, ok := standards[s.Number]; ok {
			errs.Addf(s.Src.At("number"), "Give each standard its own number",
				"standard %d is defined twice; the first is at %s", s.Number, prev.Src.At("number"))
			continue
		}
		standards[s.Number] = s
		checkLinks(&errs, s.Links)
	}

	items := map[string]*Item{}
	for _, it := range d.Items {
		switch prev, dup := items[it.ID]; {
		case !idPattern.MatchString(it.ID):
			errs.Addf(it.Src.At("id"), "Use lower-case letters, digits, dots and hyphens, such as 1.1.1 or own-devices",
				"item id %q has characters that cannot be used in a web address", it.ID)
		case dup:
			errs.Addf(it.Src.At("id"), "Give each item its own id",
				"duplicate item id %q; it is also used at %s", it.ID, prev.Src.At("id"))
			continue
		}
		items[it.ID] = it
		if _, ok := standards[it.Standard]; !ok && it.Standard != 0 && !d.Unread.Standards {
			errs.Addf(it.Src.At("standard"), "Use the number of a standard defined in the standards file",
				"item %s refers to standard %d, which does not exist", it.ID, it.Standard)
		}
		if (it.Week < 1 || (weeks > 0 && it.Week > weeks)) && !it.Src.Failed("week") {
			errs.Addf(it.Src.At("week"), fmt.Sprintf("Use a week from 1 to %d", weeks),
				"week %d is outside the %d-week programme", it.Week, weeks)
		}
		for i, e := range it.Evidence {
			if strings.TrimSpace(e) == "" {
				errs.Addf(it.Src.At("evidence"), "Remove the empty entry or fill it in", "evidence entry %d is empty", i+1)
			}
		}
		checkLinks(&errs, it.Links)
	}

	editions := map[string]*Edition{}
	for _, e := range d.Editions {
		if prev, ok := editions[e.ID]; ok {
			errs.Addf(e.Src.At("id"), "Give each edition its own id",
				"duplicate edition id %q; it is also used at %s", e.ID, prev.Src.At("id"))
			continue
		}
		editions[e.ID] = e
	}
	for _, e := range d.Editions {
		prev := editions[e.Previous]
		switch {
		case e.Previous == "":
		case prev == nil && d.Unread.Editions[e.Previous]:
			// The previous edition's file could not be read; it said why.
		case prev == nil:
			errs.Addf(e.Src.At("previous"), "Use the id of another edition, or remove the line",
				"previous edition %q does not exist", e.Previous)
		case d.cycle(e, editions):
			errs.Addf(e.Src.At("previous"), "An edition cannot come after itself; check each edition's previous",
				"the editions' previous links go round in a circle")
			prev = nil
		}
		checkEdition(&errs, e, prev, items, d.Unread.Items)
	}

	terms := map[string]*Term{}
	for _, t := range d.Glossary {
		if !idPattern.MatchString(t.ID) {
			errs.Addf(t.Src.At("id"), "Use lower-case letters, digits, dots and hyphens", "glossary id %q cannot be used in a web address", t.ID)
		}
		if prev, ok := terms[t.ID]; ok {
			errs.Addf(t.Src.At("id"), "Give each term its own id", "duplicate glossary id %q; it is also used at %s", t.ID, prev.Src.At("id"))
		}
		terms[t.ID] = t
		checkLinks(&errs, t.Links)
	}
	return errs.Unwrap()
}

func (d *Data) cycle(e *Edition, editions map[string]*Edition) bool {
	seen := map[string]bool{}
	for cur := e; cur != nil; cur = editions[cur.Previous] {
		if seen[cur.ID] {
			return true
		}
		seen[cur.ID] = true
	}
	return false
}

// checkEdition checks one edition against the items; unread are the ids of
// items whose files could not be read, which it does not report missing.
func checkEdition(errs *diag.List, e, prev *Edition, items map[string]*Item, unread map[string]bool) {
	// A date with no source, or a source with no date, would tell the
	// reader only half of how far to trust the list.
	switch {
	case e.ListSource != "" && e.Checked.IsZero() && !e.Src.Failed("checked"):
		errs.Addf(e.Src.At("listSource"), "Add checked: with the date (YYYY-MM-DD) the list was last compared with its source",
			"edition %s says where its list comes from but not when it was checked", e.ID)
	case e.ListSource == "" && !e.Checked.IsZero():
		errs.Addf(e.Src.At("checked"), "Add listSource: saying where the list of items comes from",
			"edition %s says when its list was checked but not where it comes from", e.ID)
	}
	seen := map[string]bool{}
	var approaching, met int
	complete := true
	for _, ref := range e.Items {
		it, ok := items[ref.Value]
		switch {
		case !ok:
			if !unread[ref.Value] {
				errs.Addf(ref.Pos, "Check the id against the items folder", "edition %s lists item %q, which does not exist", e.ID, ref.Value)
			}
			complete = false
			continue
		case seen[ref.Value]:
			errs.Addf(ref.Pos, "Remove the second entry", "edition %s lists item %q twice", e.ID, ref.Value)
			continue
		}
		seen[ref.Value] = true
		if c := e.Changes[ref.Value]; e.Provisional && c.apply(it).Confidence == Confirmed && !it.Src.Failed("confidence") {
			pos := it.Src.At("confidence")
			if c != nil && c.Src.Has("confidence") {
				pos = c.Src.At("confidence")
			}
			errs.Addf(pos, "Give the item confidence: likely in the edition's changes, or take provisional: out once the list is checked",
				"edition %s is provisional, but item %s is confirmed", e.ID, ref.Value)
		}
		if it.Src.Failed("level") {
			// The item's level is already reported; counting it would
			// blame the edition's counts as well.
			complete = false
		}
		switch e.Changes[ref.Value].apply(it).Level {
		case Approaching:
			approaching++
		case Met:
			met++
		}
	}
	for _, id := range slices.Sorted(maps.Keys(e.Changes)) {
		if !seen[id] && !unread[id] {
			errs.Addf(e.Changes[id].Src.Pos, "List the item in the edition's items, or remove its changes",
				"edition %s has changes for item %q, which it does not list", e.ID, id)
		}
	}
	for _, from := range slices.Sorted(maps.Keys(e.Mapping)) {
		to := e.Mapping[from]
		switch {
		case prev == nil:
			errs.Addf(to.Pos, "Set previous: to the edition these ids come from, or remove the mapping",
				"edition %s maps ids from a previous edition but has none", e.ID)
			return
		case !slices.ContainsFunc(prev.Items, func(t content.Text) bool { return t.Value == from }):
			errs.Addf(to.Pos, "Use an id the previous edition lists", "the previous edition %s has no item %q to map", prev.ID, from)
		case !seen[to.Value]:
			errs.Addf(to.Pos, "Map to an id this edition lists", "edition %s does not list item %q", e.ID, to.Value)
		}
	}
	if !complete {
		// Counts of a list with missing items would only repeat the error.
		return
	}
	if e.Counts.Approaching != approaching {
		errs.Addf(e.Counts.Src.At("approaching"), "Correct the count, or the items' levels",
			"edition %s declares %s for Approaching Standards, but %d of its items have level approaching",
			e.ID, countItems(e.Counts.Approaching), approaching)
	}
	if e.Counts.Met != approaching+met {
		errs.Addf(e.Counts.Src.At("met"), "Correct the count (it includes the Approaching Standards items), or the items' levels",
			"edition %s declares %s for Standards Met, but its items at level approaching or met add up to %d",
			e.ID, countItems(e.Counts.Met), approaching+met)
	}
}

func countItems(n int) string { return words.Count(n, "item", "items") }

func checkLinks(errs *diag.List, links []Link) {
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Addf(l.Src.At("url"), "Use a full address starting with https://", "link %q is not a full https address", l.URL)
		}
	}
}

// Edition returns the edition with the given id, or nil.
func (d *Data) Edition(id string) *Edition {
	for _, e := range d.Editions {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// View is one edition's items as that edition words them, in order.
type View struct {
	Edition *Edition
	Items   []*Item
	byID    map[string]*Item
}

// Item returns the edition's item with the given id, or nil.
func (v *View) Item(id string) *Item { return v.byID[id] }

// View returns the edition e's items with its changes applied: copies, so
// views of different editions can be compared.
func (d *Data) View(e *Edition) *View {
	byID := map[string]*Item{}
	for _, it := range d.Items {
		byID[it.ID] = it
	}
	v := &View{Edition: e, byID: map[string]*Item{}}
	for _, ref := range e.Items {
		if it := byID[ref.Value]; it != nil && v.byID[it.ID] == nil {
			c := e.Changes[it.ID].apply(it)
			v.Items = append(v.Items, c)
			v.byID[c.ID] = c
		}
	}
	slices.SortFunc(v.Items, compareItems)
	return v
}

// Select returns the view of the edition with the given id, puts the
// standards in order of number and fills each standard's Items with its
// items, in order. It returns nil when there is no such edition. It
// changes d, so it is for building a site; View alone changes nothing.
func (d *Data) Select(id string) *View {
	e := d.Edition(id)
	if e == nil {
		return nil
	}
	v := d.View(e)
	slices.SortFunc(d.Standards, func(a, b *Standard) int { return a.Number - b.Number })
	byNum := map[int]*Standard{}
	for _, s := range d.Standards {
		s.Items = nil
		byNum[s.Number] = s
	}
	for _, it := range v.Items {
		if s := byNum[it.Standard]; s != nil {
			s.Items = append(s.Items, it)
		}
	}
	return v
}

// EditionIDs lists the known editions, for messages.
func (d *Data) EditionIDs() []string {
	ids := make([]string, len(d.Editions))
	for i, e := range d.Editions {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids
}
