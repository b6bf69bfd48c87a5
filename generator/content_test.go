package generator_test

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/toolkit"
)

// The default content pack: the repository's own site.
func defaultData(t *testing.T) *toolkit.Data {
	t.Helper()
	m, err := generator.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("the default data does not load: %v", err)
	}
	return m.Data
}

// TestEditionCounts loads each edition and counts its mandatory items by
// level, as the toolkit's published totals say they must be.
func TestEditionCounts(t *testing.T) {
	data := defaultData(t)
	want := map[string][2]int{ // approaching, met (met includes approaching)
		"dspt-2023-24-cat3": {26, 42},
		"dspt-2024-25-cat3": {26, 43},
		"dspt-2025-26-cat3": {26, 45},
		"dspt-2026-27-cat3": {26, 45},
	}
	if len(data.Editions) != len(want) {
		t.Errorf("%d editions, want %d", len(data.Editions), len(want))
	}
	for id, w := range want {
		e := data.Edition(id)
		if e == nil {
			t.Errorf("no edition %s", id)
			continue
		}
		var approaching, met int
		for _, it := range data.View(e).Items {
			switch it.Level {
			case toolkit.Approaching:
				approaching++
			case toolkit.Met:
				met++
			}
		}
		if approaching != w[0] || approaching+met != w[1] {
			t.Errorf("%s: %d for Approaching Standards and %d for Standards Met, want %d and %d", id, approaching, approaching+met, w[0], w[1])
		}
		if e.Counts.Approaching != w[0] || e.Counts.Met != w[1] {
			t.Errorf("%s declares %+v", id, e.Counts)
		}
	}
}

// TestEditionLists holds the editions to what facts.md section 9 says of
// them: the optional items 7.1.5, 7.1.6 and 8.3.8 came to Category 3 only
// in 2025-26; a provisional edition claims nothing as confirmed; and every
// edition says where its list comes from and when it was checked.
func TestEditionLists(t *testing.T) {
	data := defaultData(t)
	from := data.Edition("dspt-2025-26-cat3")
	if from == nil {
		t.Fatal("no 2025-26 edition")
	}
	for _, e := range data.Editions {
		if e.ListSource == "" || e.Checked.IsZero() {
			t.Errorf("%s: says where its list comes from %q, and when it was checked %q; want both", e.ID, e.ListSource, e.Checked)
		}
		view := data.View(e)
		for _, id := range []string{"7.1.5", "7.1.6", "8.3.8"} {
			want := !e.Deadline.Before(from.Deadline.Time)
			if got := view.Item(id) != nil; got != want {
				t.Errorf("%s lists %s: %v, want %v", e.ID, id, got, want)
			}
		}
	}
	e := data.Edition("dspt-2026-27-cat3")
	if e == nil {
		t.Fatal("no 2026-27 edition")
	}
	if e.Deadline.String() != "2027-06-30" || e.Previous != "dspt-2025-26-cat3" {
		t.Errorf("2026-27: deadline %s, previous %s", e.Deadline, e.Previous)
	}
	for _, other := range data.Editions {
		if other.Provisional != (other == e) {
			t.Errorf("%s: provisional is %v", other.ID, other.Provisional)
		}
	}
	if !strings.Contains(e.Note, "not yet checked") {
		t.Errorf("2026-27 note does not say it is not yet checked: %q", e.Note)
	}
	view := data.View(e)
	if len(view.Items) != len(data.View(from).Items) {
		t.Errorf("2026-27 has %d items, 2025-26 %d; it should carry them all over", len(view.Items), len(data.View(from).Items))
	}
	for _, it := range view.Items {
		if it.Confidence == toolkit.Confirmed {
			t.Errorf("2026-27 item %s is confirmed, but nobody has checked the edition", it.ID)
		}
	}
	if it := data.View(from).Item("passwords"); it == nil || it.Ref != "4.5.4" {
		t.Errorf("the password item should be numbered 4.5.4: %+v", it)
	}
	for _, id := range []string{"10.1.2", "4.3.1"} {
		if it := data.View(from).Item(id); it == nil || !it.NotApplicable {
			t.Errorf("item %s should allow not applicable", id)
		}
	}
	// Guidance is shared by every edition that lists the item, so a
	// sentence about one toolkit year belongs in that edition's changes.
	for _, it := range data.Items {
		if m := toolkitYear.Find(it.Body); m != nil {
			t.Errorf("%s: the shared guidance names the toolkit year %s", it.Src.Pos.File, m)
		}
	}
}

var toolkitYear = regexp.MustCompile(`\b20\d\d[-/]\d\d\b`)

// officialHosts are where the pack may link: the toolkit, NHS England's
// digital pages, Digital Care Hub, the ICO, the NCSC, and GOV.UK (which
// publishes the Records Management Code of Practice).
var officialHosts = []string{
	"www.dsptoolkit.nhs.uk", "digital.nhs.uk", "www.digitalcarehub.co.uk", "ico.org.uk", "www.ncsc.gov.uk", "www.gov.uk",
}

func checkLink(t *testing.T, where, link string) {
	t.Helper()
	u, err := url.Parse(link)
	switch {
	case err != nil:
		t.Errorf("%s: bad link %q", where, link)
	case u.Scheme == "" && u.Host == "":
		// Internal: the build fails on any that leads nowhere.
	case u.Scheme != "https" || !slices.Contains(officialHosts, u.Host):
		t.Errorf("%s: link %s is not to an official host over https", where, link)
	}
}

// landingPages are the official sites' front pages: a link there leaves
// the reader to search for the page that answers the item.
var landingPages = []string{
	"https://www.digitalcarehub.co.uk/dspt/", "https://www.dsptoolkit.nhs.uk/",
	"https://www.ncsc.gov.uk/collection/small-business-guide", "https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online",
	"https://www.ncsc.gov.uk/cyberessentials/overview", "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/",
}

// landingOnly are the mandatory items for which we have not yet found an
// official page that answers them, so they link only to front pages. The
// list may only shrink: give an item a deep link, then take it off.
var landingOnly = []string{"4.2.4", "7.3.2", "9.1.1", "10.2.1", "public-wifi"}

// TestDeepLinks: every mandatory item links to a page that answers it, not
// only to a site's front page, except the ones listed in landingOnly.
func TestDeepLinks(t *testing.T) {
	for _, it := range defaultData(t).Items {
		if it.Level == toolkit.Optional {
			continue
		}
		deep := slices.ContainsFunc(it.Links, func(l toolkit.Link) bool { return !slices.Contains(landingPages, l.URL) })
		switch listed := slices.Contains(landingOnly, it.ID); {
		case !deep && !listed:
			t.Errorf("item %s links only to front pages; link the page that answers it", it.ID)
		case deep && listed:
			t.Errorf("item %s has a deep link now; take it off landingOnly", it.ID)
		}
	}
}

var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)`)

// TestItemsComplete checks every item of every edition has every field
// filled in, ids are unique, and every link goes to an official host.
func TestItemsComplete(t *testing.T) {
	data := defaultData(t)
	seen := map[string]bool{}
	for _, it := range data.Items {
		where := it.Src.Pos.File
		if seen[it.ID] {
			t.Errorf("%s: duplicate id %s", where, it.ID)
		}
		seen[it.ID] = true
		switch {
		case it.Title == "", it.Asks == "", it.Basis == "", it.Confidence == "", it.Level == 0, it.Standard == 0, it.Week == 0:
			t.Errorf("%s: a field is empty: %+v", where, it)
		case len(it.Evidence) == 0 || len(it.Who) == 0:
			t.Errorf("%s: no evidence or no one who does it", where)
		case len(it.Links) < 1 || len(it.Links) > 3:
			t.Errorf("%s: %d links to official guidance, want 1 to 3", where, len(it.Links))
		}
		if it.Ref == "" && it.Confidence == toolkit.Confirmed {
			t.Errorf("%s: an item without a known reference cannot be confirmed", where)
		}
		words := len(strings.Fields(string(it.Body)))
		if min, max := 100, 250; it.Level == toolkit.Optional && words < 80 || it.Level != toolkit.Optional && (words < min || words > max) {
			t.Errorf("%s: guidance of %d words, want %d to %d", where, words, min, max)
		}
		for _, l := range it.Links {
			checkLink(t, where, l.URL)
		}
		for _, m := range markdownLink.FindAllStringSubmatch(string(it.Body), -1) {
			checkLink(t, where, m[1])
		}
	}
	for _, s := range data.Standards {
		for _, l := range s.Links {
			checkLink(t, fmt.Sprintf("standard %d", s.Number), l.URL)
		}
	}
	for _, g := range data.Glossary {
		for _, l := range g.Links {
			checkLink(t, "glossary "+g.ID, l.URL)
		}
	}
}

// score is a text's Flesch reading ease and average sentence length.
type score struct {
	name     string
	ease     float64
	sentence float64
}

// TestPlainEnglish holds every item's guidance (its question and body),
// every standard page's text, and the glossary to a plain-English bar:
// Flesch reading ease of at least 60 and sentences of at most 20 words on
// average. Run with -v to see the lowest scores.
func TestPlainEnglish(t *testing.T) {
	data := defaultData(t)
	md := markdown.New(markdown.Options{})
	var scores []score
	measure := func(name string, texts ...string) {
		ease, sentence := readability(strings.Join(texts, "\n\n"))
		scores = append(scores, score{name, ease, sentence})
		if ease < 60 || sentence > 20 {
			t.Errorf("%s: reading ease %.1f (want at least 60), %.1f words a sentence (want at most 20)", name, ease, sentence)
		}
	}
	for _, it := range data.Items {
		body, err := md.Parse(markdown.Doc{Source: it.Body}).HTML()
		if err != nil {
			t.Fatal(err)
		}
		measure(it.Src.Pos.File, it.Asks, plainText(string(body)))
	}
	for _, s := range data.Standards {
		measure(fmt.Sprintf("standard %d", s.Number), s.Summary, s.Why)
	}
	for _, g := range data.Glossary {
		measure("glossary "+g.ID, g.Definition)
	}
	slices.SortFunc(scores, func(a, b score) int { return int(a.ease*10) - int(b.ease*10) })
	for _, s := range scores[:min(8, len(scores))] {
		t.Logf("lowest: %-40s reading ease %5.1f, %4.1f words a sentence", s.name, s.ease, s.sentence)
	}
	slices.SortFunc(scores, func(a, b score) int { return int(b.sentence*10) - int(a.sentence*10) })
	t.Logf("longest sentences on average: %s, %.1f words", scores[0].name, scores[0].sentence)
}

var (
	blockEnd   = regexp.MustCompile(`</(p|li|h[1-6]|dt|dd|td|th)>`)
	tag        = regexp.MustCompile(`<[^>]*>`)
	sentences  = regexp.MustCompile(`[.!?]+["”’)]*(\s+|$)|\n\s*\n`)
	wordRegexp = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’%-]*`)
	vowels     = regexp.MustCompile(`[aeiouy]+`)
)

// plainText turns rendered HTML into text, with a blank line after each
// block so list items and headings count as sentences of their own.
func plainText(h string) string {
	h = blockEnd.ReplaceAllString(h, "\n\n")
	return html.UnescapeString(tag.ReplaceAllString(h, ""))
}

// readability computes the Flesch reading ease of text,
// 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words),
// and the average number of words in a sentence.
func readability(text string) (ease, wordsPerSentence float64) {
	var words, syllables, count int
	for _, s := range sentences.Split(text, -1) {
		ws := wordRegexp.FindAllString(s, -1)
		if len(ws) == 0 {
			continue
		}
		count++
		words += len(ws)
		for _, w := range ws {
			syllables += syllableCount(w)
		}
	}
	if words == 0 {
		return 100, 0
	}
	wps := float64(words) / float64(count)
	return 206.835 - 1.015*wps - 84.6*float64(syllables)/float64(words), wps
}

// syllableCount estimates the syllables in an English word: groups of
// vowels, less a silent final e. Numbers and abbreviations count as read
// aloud roughly: a syllable each.
func syllableCount(w string) int {
	w = strings.ToLower(strings.Trim(w, "'’%-"))
	if len(w) <= 3 {
		return 1
	}
	if strings.ToUpper(w) == w { // digits only
		return 1
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") {
		w = strings.TrimSuffix(w, "e")
	} else if strings.HasSuffix(w, "es") || strings.HasSuffix(w, "ed") {
		w = w[:len(w)-2]
	}
	return max(1, len(vowels.FindAllString(w, -1)))
}

func TestReadabilityFormula(t *testing.T) {
	for _, c := range []struct {
		text      string
		ease, wps float64
	}{
		{"The cat sat on the mat.", 116.1, 6},
		{"Keep it short. Use plain words.", 119.2, 3},
		{"Organisational responsibilities necessitate comprehensive documentation.", -221.2, 5},
	} {
		ease, wps := readability(c.text)
		if fmt.Sprintf("%.1f %.1f", ease, wps) != fmt.Sprintf("%.1f %.1f", c.ease, c.wps) {
			t.Errorf("%q: ease %.1f, %.1f words a sentence; want %.1f, %.1f", c.text, ease, wps, c.ease, c.wps)
		}
	}
}
