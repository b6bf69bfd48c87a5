package toolkit

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/diag"
)

// Data is everything a site's data folder says about the toolkit.
type Data struct {
	Editions  []*Edition
	Standards []*Standard
	Items     []*Item
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
		if _, ok := standards[it.Standard]; !ok && it.Standard != 0 {
			errs.Addf(it.Src.At("standard"), "Use the number of a standard defined in the standards file",
				"item %s refers to standard %d, which does not exist", it.ID, it.Standard)
		}
		if it.Week < 1 || (weeks > 0 && it.Week > weeks) {
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
		if e.Previous != "" && editions[e.Previous] == nil {
			errs.Addf(e.Src.At("previous"), "Use the id of another edition, or remove the line",
				"previous edition %q does not exist", e.Previous)
		}
		checkEdition(&errs, e, items)
	}
	return errs.Unwrap()
}

func checkEdition(errs *diag.List, e *Edition, items map[string]*Item) {
	seen := map[string]bool{}
	var approaching, met int
	complete := true
	for _, ref := range e.Items {
		it, ok := items[ref.Value]
		switch {
		case !ok:
			errs.Addf(ref.Pos, "Check the id against the items folder", "edition %s lists item %q, which does not exist", e.ID, ref.Value)
			complete = false
			continue
		case seen[ref.Value]:
			errs.Addf(ref.Pos, "Remove the second entry", "edition %s lists item %q twice", e.ID, ref.Value)
			continue
		}
		seen[ref.Value] = true
		switch it.Level {
		case Approaching:
			approaching++
		case Met:
			met++
		}
	}
	if !complete {
		// Counts of a list with missing items would only repeat the error.
		return
	}
	if e.Counts.Approaching != approaching {
		errs.Addf(e.Counts.Src.At("approaching"), "Correct the count, or the items' levels",
			"edition %s declares %d items for Approaching Standards, but %d of its items have level approaching",
			e.ID, e.Counts.Approaching, approaching)
	}
	if e.Counts.Met != approaching+met {
		errs.Addf(e.Counts.Src.At("met"), "Correct the count (it includes the Approaching Standards items), or the items' levels",
			"edition %s declares %d items for Standards Met, but its items at level approaching or met add up to %d",
			e.ID, e.Counts.Met, approaching+met)
	}
}

func checkLinks(errs *diag.List, links []Link) {
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Addf(l.Src.At("url"), "Use a full address starting with https://", "link %q is not a full https address", l.URL)
		}
	}
}

// Select returns the edition with the given id and fills each standard's
// Items with that edition's items, in order. It returns nil when there is
// no such edition.
func (d *Data) Select(id string) *Edition {
	var ed *Edition
	for _, e := range d.Editions {
		if e.ID == id {
			ed = e
			break
		}
	}
	if ed == nil {
		return nil
	}
	byID := map[string]*Item{}
	for _, it := range d.Items {
		byID[it.ID] = it
	}
	for _, s := range d.Standards {
		s.Items = nil
	}
	byNum := map[int]*Standard{}
	for _, s := range d.Standards {
		byNum[s.Number] = s
	}
	for _, ref := range ed.Items {
		if it := byID[ref.Value]; it != nil && byNum[it.Standard] != nil {
			s := byNum[it.Standard]
			s.Items = append(s.Items, it)
		}
	}
	for _, s := range d.Standards {
		slices.SortFunc(s.Items, CompareItems)
	}
	slices.SortFunc(d.Standards, func(a, b *Standard) int { return a.Number - b.Number })
	return ed
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
