package generator

import (
	"html/template"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/toolkit"
)

// Site is everything templates can see of the site being built.
type Site struct {
	Config    Config
	Edition   *toolkit.Edition
	Standards []*toolkit.Standard
	// Items are the edition's items, in standard and reference order, as
	// the edition words them.
	Items []*toolkit.Item
	// Glossary explains the terms the guidance uses.
	Glossary []*toolkit.Term
	// History compares each edition with the one before it, newest first.
	History []toolkit.Diff
	// Rules are the rule sets improvement plans can be judged by, and
	// DefaultRules the one the site uses unless the reader picks another.
	Rules        []*plan.Rules
	DefaultRules *plan.Rules
	Programme    *programme.Programme
	// Schedule is the programme on the calendar when readykit.yaml fixes
	// its dates, and nil otherwise. It never depends on the day of the
	// build.
	Schedule *programme.Schedule
	// CalendarURL is the address of the programme's calendar file, which
	// is published when the schedule is fixed.
	CalendarURL string
	// Pages are every page of the site, sorted by address.
	Pages []*Page
	// Menu and Footer are the pages that asked to be in the main menu or
	// the footer, by weight then title.
	Menu   []*Page
	Footer []*Page

	byURL      map[string]*Page
	byItem     map[string]*Page
	byStandard map[int]*Page
}

// Params are readykit.yaml's params: free-form settings for a site's own
// templates, such as {{ .Site.Params.region }}. readykit reads none of
// them.
func (s *Site) Params() map[string]any { return s.Config.Params }

// Page returns the page at a site address such as "/checklist/", or nil.
func (s *Site) Page(url string) *Page { return s.byURL[url] }

// ItemPage returns the page of the item with the given id, or nil.
func (s *Site) ItemPage(id string) *Page { return s.byItem[id] }

// StandardPage returns the page of standard n, or nil.
func (s *Site) StandardPage(n int) *Page { return s.byStandard[n] }

// Optional returns the edition's optional items, which count towards no
// level.
func (s *Site) Optional() []*toolkit.Item {
	var out []*toolkit.Item
	for _, it := range s.Items {
		if it.Level == toolkit.Optional {
			out = append(out, it)
		}
	}
	return out
}

// ToCheck returns the edition's items whose details must be checked
// against the live toolkit.
func (s *Site) ToCheck() []*toolkit.Item {
	var out []*toolkit.Item
	for _, it := range s.Items {
		if it.Confidence.NeedsCheck() {
			out = append(out, it)
		}
	}
	return out
}

// WorksheetPage returns the worksheet page of standard n, or nil.
func (s *Site) WorksheetPage(n int) *Page { return s.byURL[worksheetURL(n)] }

// Week is one week of the programme: the phases it belongs to, the steps
// that are not toolkit items, and the items to work on.
type Week struct {
	N      int
	Phases []*programme.Phase
	Tasks  []string
	Items  []*toolkit.Item
	// Dates are the week's first and last day when the site fixes the
	// programme's dates, and nil when the reader's browser works them out.
	Dates *programme.Span
}

// Weeks lays the programme out week by week, so that every week has its
// concrete work.
func (s *Site) Weeks() []Week {
	weeks := make([]Week, s.Programme.Weeks)
	for i := range weeks {
		w := &weeks[i]
		w.N = i + 1
		for j := range s.Programme.Phases {
			if ph := &s.Programme.Phases[j]; ph.From <= w.N && w.N <= ph.To {
				w.Phases = append(w.Phases, ph)
			}
		}
		for _, t := range s.Programme.Tasks {
			if t.Week == w.N {
				w.Tasks = append(w.Tasks, t.Do)
			}
		}
		for _, it := range s.Items {
			if it.Week == w.N {
				w.Items = append(w.Items, it)
			}
		}
		if s.Schedule != nil {
			w.Dates = &s.Schedule.Weeks[i]
		}
	}
	return weeks
}

// PhaseDates gives a phase's first and last day when the site fixes the
// programme's dates, and nil otherwise.
func (s *Site) PhaseDates(ph programme.Phase) *programme.Span {
	if s.Schedule == nil {
		return nil
	}
	span := s.Schedule.Span(ph.From, ph.To)
	return &span
}

// StartBy is roughly when a programme must start to end a week before
// the edition's deadline, such as "mid-April": the year is the reader's,
// which a build cannot know.
func (s *Site) StartBy() string {
	d := programme.LatestStart(s.Edition.Deadline.Time, s.Programme.Weeks)
	part := "mid-"
	switch {
	case d.Day() <= 10:
		part = "early "
	case d.Day() > 20:
		part = "late "
	}
	return part + d.Format("January")
}

// Page is one HTML page of the site.
type Page struct {
	Title       string
	LinkTitle   string
	Description string
	// URL is the page's address within the site, such as "/about/".
	URL    string
	Layout string
	Weight int
	Menu   string
	Draft  bool
	// Parent is the page above this one, for breadcrumbs.
	Parent *Page
	// Content is the page's Markdown rendered to HTML.
	Content template.HTML
	// Standard and Item are set on the pages generated for them.
	Standard *toolkit.Standard
	Item     *toolkit.Item
	// Prev and Next link a standard or item page to its neighbours.
	Prev, Next *Page

	file    string // source file, "" for generated pages
	aliases []content.Text
	src     content.Source
	doc     markdown.Doc // the Markdown, as read; check parses it
	body    *body        // the Markdown rendered, from check; nil for pages without
}

// Name is the page's short name, for menus and breadcrumbs.
func (p *Page) Name() string {
	if p.LinkTitle != "" {
		return p.LinkTitle
	}
	return p.Title
}

// Ancestors lists the pages above this one, the home page first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append([]*Page{a}, out...)
	}
	return out
}

// outPath is the file the page is written to.
func (p *Page) outPath() string {
	if strings.HasSuffix(p.URL, ".html") {
		return strings.TrimPrefix(p.URL, "/")
	}
	return strings.TrimPrefix(p.URL, "/") + "index.html"
}

// IsHome reports whether the page is the home page.
func (p *Page) IsHome() bool { return p.URL == "/" }

// IsIn reports whether the page is the page at url or below it, for
// marking the current section in menus. Every page is below the home page,
// so only the home page itself is "in" it.
func (p *Page) IsIn(url string) bool {
	if p.URL == url {
		return true
	}
	if url == "/" {
		return false
	}
	for a := p.Parent; a != nil; a = a.Parent {
		if a.URL == url {
			return true
		}
	}
	return false
}
