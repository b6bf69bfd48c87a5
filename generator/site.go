package generator

import (
	"html/template"
	"strings"
	"time"

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

// ItemsInWeeks returns the edition's items scheduled in weeks from to to.
func (s *Site) ItemsInWeeks(from, to int) []*toolkit.Item {
	var out []*toolkit.Item
	for _, it := range s.Items {
		if it.Week >= from && it.Week <= to {
			out = append(out, it)
		}
	}
	return out
}

// LatestStart is the last Monday the programme can start on and still
// finish by the edition's deadline.
func (s *Site) LatestStart() time.Time {
	return programme.LatestStart(s.Edition.Deadline.Time, s.Programme.Weeks)
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
	parsed  *markdown.Parsed
}

// File is the source file the page came from, or "" when it was generated
// from data.
func (p *Page) File() string { return p.file }

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
