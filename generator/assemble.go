package generator

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/toolkit"
)

// calendarURL is where a site with fixed programme dates publishes them
// as an iCalendar file.
const calendarURL = "/dspt-programme.ics"

// assemble puts the site together: the edition's standards and items, a
// page for each, the links between pages (parents, menus), and every
// Markdown body that check rendered, with its links resolved to the
// addresses they lead to. It runs only on what check found sound, so it
// has nothing to report.
func (b *builder) assemble() error {
	b.view = b.data.Select(b.cfg.Edition)
	for i, p := range b.pages {
		// The Markdown is check's to read, and so are the positions of
		// the front matter's keys; the page keeps what check made.
		p.body, p.doc, p.src = b.pageBodies[i], markdown.Doc{}, content.Source{}
	}
	s := &Site{
		Config:       b.cfg,
		Edition:      b.view.Edition,
		Standards:    b.data.Standards,
		Items:        b.view.Items,
		Glossary:     b.data.Glossary,
		History:      b.data.History(),
		Rules:        b.rules,
		DefaultRules: b.model().DefaultRules,
		Programme:    &b.prog,
		byURL:        map[string]*Page{},
		byItem:       map[string]*Page{},
		byStandard:   map[int]*Page{},
	}
	if pd := b.cfg.Programme; pd.Set() {
		sch := programme.Plan(programme.Input{Start: pd.Start.Time, Deadline: pd.Deadline.Time,
			EditionDeadline: s.Edition.Deadline.Time, YearlyDeadline: s.Edition.Deadline.Time, Weeks: b.prog.Weeks, MinWeeks: b.prog.MinWeeks})
		s.Schedule = &sch
		s.CalendarURL = calendarURL
	}
	pages := slices.Clone(b.pages)
	if !slices.ContainsFunc(pages, func(p *Page) bool { return p.URL == "/404.html" }) {
		// Every site gets a page for addresses that lead nowhere.
		pages = append(pages, &Page{Title: "Page not found", URL: "/404.html", Layout: "404"})
	}
	for _, st := range s.Standards {
		sp := &Page{
			Title:       fmt.Sprintf("Standard %d: %s", st.Number, st.Name),
			LinkTitle:   fmt.Sprintf("Standard %d", st.Number),
			Description: st.Summary,
			URL:         standardURL(st.Number),
			Layout:      "standard",
			Weight:      st.Number,
			Standard:    st,
		}
		s.byStandard[st.Number] = sp
		pages = append(pages, sp)
		if len(st.Items) > 0 {
			// A blank sheet to print for workshops; it needs no script.
			pages = append(pages, &Page{
				Title:       fmt.Sprintf("Worksheet: standard %d, %s", st.Number, st.Name),
				LinkTitle:   "Worksheet",
				Description: "A blank worksheet to print for standard " + strconv.Itoa(st.Number) + ".",
				URL:         worksheetURL(st.Number),
				Layout:      "worksheet",
				Standard:    st,
				Parent:      sp,
			})
		}
		for _, it := range st.Items {
			ip := &Page{
				Title:       it.Title,
				LinkTitle:   it.Reference(),
				Description: it.Asks,
				URL:         itemURL(it.ID),
				Layout:      "item",
				Standard:    st,
				Item:        it,
				Parent:      sp,
				body:        b.itemBodies[it.ID],
			}
			s.byItem[it.ID] = ip
			pages = append(pages, ip)
		}
	}
	link(s.Standards, func(st *toolkit.Standard) *Page { return s.byStandard[st.Number] })
	link(s.Items, func(it *toolkit.Item) *Page { return s.byItem[it.ID] })
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
	for _, p := range pages {
		s.byURL[p.URL] = p
	}
	for _, p := range pages {
		if p.Parent == nil && p.URL != "/" && p.URL != "/404.html" {
			p.Parent = s.parentOf(p.URL)
		}
	}
	s.Pages = pages
	s.Menu = menu(pages, "main")
	s.Footer = menu(pages, "footer")
	b.site = s
	return nil
}

// glossaryTerms are the glossary's terms, to link from item pages to their
// explanations on the page with the glossary layout. A site without such a
// page links nothing.
func (b *builder) glossaryTerms() []markdown.Term {
	var page string
	for _, p := range b.pages {
		if p.Layout == "glossary" {
			page = p.URL
			break
		}
	}
	if page == "" {
		return nil
	}
	terms := make([]markdown.Term, len(b.data.Glossary))
	for i, t := range b.data.Glossary {
		terms[i] = markdown.Term{Words: t.Words(), Href: b.relURL(page) + "#" + t.ID}
	}
	return terms
}

// parentOf finds the nearest page above url: /standards/1/ sits under
// /standards/ if there is such a page, and every page under the home page.
func (s *Site) parentOf(url string) *Page {
	for dir := path.Dir(strings.TrimSuffix(url, "/")); ; dir = path.Dir(dir) {
		if dir == "/" {
			return s.byURL["/"]
		}
		if p := s.byURL[dir+"/"]; p != nil {
			return p
		}
	}
}

// link sets Prev and Next on the pages of a sequence.
func link[T any](seq []T, page func(T) *Page) {
	for i := range seq {
		p := page(seq[i])
		if i > 0 {
			p.Prev = page(seq[i-1])
		}
		if i+1 < len(seq) {
			p.Next = page(seq[i+1])
		}
	}
}

func menu(pages []*Page, name string) []*Page {
	var out []*Page
	for _, p := range pages {
		if p.Menu == name {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.Name(), b.Name()))
	})
	return out
}
