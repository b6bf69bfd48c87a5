package generator

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
)

// searchIndexURL is where the search page's script reads the index from.
const searchIndexURL = "/data/search.json"

// searchJSON is /data/search.json: the words of every item, glossary term
// and page, so the search page (search.js, searchpage.js) can search the
// site in the browser with no server, and go on working offline once it
// has loaded. Each text is kept once, as the reader sees it on the page;
// the script makes its own lower-case, accent-free words from it, so the
// file carries no second copy. Its shape is the contract with those
// scripts, and testdata/search/index.json is an example of it.
type searchJSON struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Levels names each level key the items use.
	Levels map[string]string `json:"levels"`
	// RefToCheck stands for the reference of an item with no number.
	RefToCheck string `json:"refToCheck"`
	// CheckMark goes beside an item whose number, level or wording is not
	// confirmed (Check), as on every other page.
	CheckMark string       `json:"checkMark"`
	Items     []searchItem `json:"items"`
	// Terms are empty when the site has no glossary page to link to.
	Terms []searchTerm `json:"terms"`
	Pages []searchPage `json:"pages"`
}

// searchItem is one item of the edition. Ref is "" when the toolkit's
// number is not known. Text is what it asks, its examples of evidence
// and its guidance, a line for each paragraph.
type searchItem struct {
	ID       string `json:"id"`
	Ref      string `json:"ref"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Level    string `json:"level"`
	Standard int    `json:"standard"`
	Check    bool   `json:"check"`
	Text     string `json:"text"`
}

// searchTerm is one entry of the glossary; Words are its full form and
// its aliases, and URL its entry on the glossary page.
type searchTerm struct {
	ID         string   `json:"id"`
	Term       string   `json:"term"`
	Words      []string `json:"words,omitempty"`
	Definition string   `json:"definition"`
	URL        string   `json:"url"`
}

// searchPage is a page of the site's own (content/*.md) or a standard's.
type searchPage struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Text  string `json:"text"`
}

// searchIndex renders /data/search.json. It reads the Markdown's text
// from what check kept of each page (body.text), so nothing is parsed
// twice. It is written without indentation or HTML
// escapes, since every byte is fetched by a reader's browser.
func (b *builder) searchIndex() []byte {
	s := b.site
	out := searchJSON{Format: "readykit-search", Version: 1, Levels: map[string]string{}, RefToCheck: (&toolkit.Item{}).Reference(),
		CheckMark: plan.CheckMark, Items: []searchItem{}, Terms: []searchTerm{}, Pages: []searchPage{}}
	for _, l := range []toolkit.Level{toolkit.Approaching, toolkit.Met, toolkit.Optional} {
		out.Levels[l.Key()] = l.Name()
	}
	for _, it := range s.Items {
		lines := append([]string{it.Asks}, it.Evidence...)
		if bd := b.itemBodies[it.ID]; bd != nil {
			lines = append(lines, bd.text)
		}
		out.Items = append(out.Items, searchItem{ID: it.ID, Ref: it.Ref, Title: it.Title, URL: b.relURL(itemURL(it.ID)),
			Level: it.Level.Key(), Standard: it.Standard, Check: it.Confidence.NeedsCheck(), Text: joinLines(lines)})
	}
	// glossaryTerms links a term only when the site has a glossary page,
	// in the glossary's order.
	for i, t := range b.glossaryTerms() {
		g := b.data.Glossary[i]
		out.Terms = append(out.Terms, searchTerm{ID: g.ID, Term: g.Term, Words: t.Words[1:], Definition: g.Definition, URL: t.Href})
	}
	var buf bytes.Buffer
	buf.Grow(b.searchSize())
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	encode := func(v any) {
		if err := enc.Encode(v); err != nil {
			panic(err) // plain values always marshal
		}
		buf.Truncate(buf.Len() - 1) // the newline Encode ends with
	}
	// The pages, the last field and most of the index, are written one at
	// a time into the place the rest leaves for them, so that no page's
	// text is copied but into the index itself.
	encode(out)
	buf.Truncate(buf.Len() - len("]}"))
	n := 0
	for _, p := range s.Pages {
		var page searchPage
		switch {
		case p.Standard != nil && p.Layout == "standard":
			page = searchPage{Title: p.Title, URL: b.relURL(p.URL), Text: joinLines([]string{p.Standard.Summary, p.Standard.Why})}
		case p.body != nil && p.Item == nil && p.URL != "/404.html" && p.Layout != "search":
			page = searchPage{Title: p.Title, URL: b.relURL(p.URL), Text: joinJoined(joinLines([]string{p.Description}), p.body.text)}
		default:
			continue
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		encode(page)
	}
	buf.WriteString("]}\n")
	// Not copied into a buffer of its exact size: at 10,000 pages the
	// copy of its 18 MB took longer than making the index, for the few
	// megabytes searchSize's estimate leaves over.
	return buf.Bytes()
}

// searchSize guesses the index's size, a little over, so that its buffer
// grows once.
func (b *builder) searchSize() int {
	n := 4096
	for _, p := range b.site.Pages {
		n += 256 + len(p.Title) + len(p.Description)
		if p.body != nil {
			n += len(p.body.text) * 9 / 8
		}
	}
	return n
}

// joinJoined is joinLines of two texts that joinLines has joined, without
// going over their words again.
func joinJoined(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// joinLines joins the lines of the texts that are not blank, with their
// runs of spaces made one (markdown.Tidy's lines).
func joinLines(texts []string) string {
	var out []string
	for _, t := range texts {
		if t = markdown.Tidy(t); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n")
}
