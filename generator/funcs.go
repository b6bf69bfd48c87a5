package generator

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// PageData is what a layout is executed with.
type PageData struct {
	Site *Site
	Page *Page
}

// binding is the build that a theme's functions read. A parsed theme
// keeps the functions it was parsed with; the dev server's builds reuse one
// theme (see Cache) by pointing its binding at each build in turn.
type binding struct{ b *builder }

// funcs are the functions templates may call. They read the builder's
// site, which exists by the time any template runs.
func (b *builder) funcs() template.FuncMap { return (&binding{b}).funcs() }

// funcs are the functions templates may call, reading whichever build bd
// is bound to when they run.
func (bd *binding) funcs() template.FuncMap {
	return template.FuncMap{
		// url turns a site address into the address to link to, under
		// the base path.
		"url": func(u string) string { return bd.b.relURL(u) },
		// absURL gives the full address, for the sitemap and metadata.
		"absURL": func(u string) string { return bd.b.absURL(u) },
		// asset gives the address of a file in the theme's assets folder,
		// with its content hash in the name.
		"asset": func(name string) (string, error) {
			a, ok := bd.b.theme.Asset(name)
			if !ok {
				return "", fmt.Errorf("no asset %q in the theme's assets folder", name)
			}
			return bd.b.relURL("/" + a.Path), nil
		},
		// brandStylesheet gives the address of the stylesheet made from
		// readykit.yaml's brand colours, or "" when none is set: base.html
		// links it after site.css, whose colours it replaces.
		"brandStylesheet": func() string {
			if bd.b.cfg.Brand.Colours.palette().stylesheet() == nil {
				return ""
			}
			a, ok := bd.b.theme.Asset(brandCSS)
			if !ok {
				return ""
			}
			return bd.b.relURL("/" + a.Path)
		},
		// offlineWorker gives the address of the offline worker for
		// base.html to name, or "" when offline use is off, so the pages
		// register none.
		"offlineWorker": func() string {
			if !bd.b.offlineOn() {
				return ""
			}
			return bd.b.relURL("/" + workerPath)
		},
		// portableZip gives the address of the portable copy's .zip, or
		// "" when readykit.yaml turns it off; portableSize its size in
		// words, filled in once the .zip is made (see portable.go).
		"portableZip": func() string {
			if !bd.b.cfg.Options.portableOn() {
				return ""
			}
			return bd.b.relURL("/" + bd.b.portableZipPath())
		},
		"portableSize": func() string { return portableSizeMark },
		// modulePreload gives the addresses of the scripts a page's
		// module script will import, for base.html and the layouts to
		// preload (see scripts.go). It asks the build the theme is bound
		// to now, since a parsed theme outlives the build it was made in.
		"modulePreload": func(entry string, started ...string) []string { return bd.b.preloads(entry, started...) },
		"itemURL":       func(id string) string { return bd.b.relURL(itemURL(id)) },
		"standardURL":   func(n int) string { return bd.b.relURL(standardURL(n)) },
		// date formats a date the British way: 30 June 2025.
		"date": func(d any) string {
			switch d := d.(type) {
			case content.Date:
				if d.IsZero() {
					return ""
				}
				return words.Date(d.Time)
			case time.Time:
				return words.Date(d)
			}
			return fmt.Sprint(d)
		},
		// dayMonth gives the day and month only: 30 June.
		"dayMonth": func(d content.Date) string {
			if d.IsZero() {
				return ""
			}
			return words.DayMonth(d.Time)
		},
		"plural": func(n int, one, many string) string {
			return words.Count(n, one, many)
		},
		// status and checkMark give the words the reports, the CSV files
		// and the browser (through toolkit.json) use too, from their one
		// home in Go.
		"status":    toolkit.StatusName,
		"checkMark": func() string { return plan.CheckMark },
		// registerColumns are the evidence register's column names, as
		// its CSV files and readykit report have them.
		"registerColumns": func() []string { return plan.RegisterColumns },
		// groupColumns are the group view's, as group.js's GROUP_COLUMNS
		// (the shared vectors hold them to it).
		"groupColumns": func() []string { return plan.GroupColumns },
		"add":          func(a, b int) int { return a + b },
		"sub":          func(a, b int) int { return a - b },
		// dict builds a map from pairs, to pass several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs pairs of names and values")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict names must be text")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"join":  strings.Join,
		"lower": strings.ToLower,
		// partialCached renders a partial once per build for each key
		// (see theme.Partial): for the text of the page only, with a
		// key that names everything the partial shows of the page. The
		// theme finds its calls by this name.
		"partialCached": func(name string, data any, key string) (template.HTML, error) {
			return bd.b.theme.Partial(name, data, key)
		},
		"navKey": navKey,
	}
}

// navKey is the key of what a menu of links shows of page p: for each
// link in turn, "c" when it is p, "a" when p is in it (Page.IsIn), "-"
// otherwise; then, when also is an address, "c" or "-" for whether p is
// at it. The header marks the current page's entry and the one it is in
// by these, and has a search box on every page but the search page; a
// partialCached of it keyed by navKey .Page .Site.Menu "/search/" renders
// once for each different marking, not once a page.
func navKey(p *Page, links []*Page, also string) string {
	k := make([]byte, len(links), len(links)+1)
	for i, l := range links {
		switch {
		case l.URL == p.URL:
			k[i] = 'c'
		case p.IsIn(l.URL):
			k[i] = 'a'
		default:
			k[i] = '-'
		}
	}
	switch {
	case also == "":
	case also == p.URL:
		k = append(k, 'c')
	default:
		k = append(k, '-')
	}
	return string(k)
}

func (b *builder) relURL(u string) string {
	return b.cfg.base + strings.TrimPrefix(u, "/")
}

func (b *builder) absURL(u string) string {
	if b.cfg.BaseURL == "" {
		return b.relURL(u)
	}
	return b.cfg.BaseURL + strings.TrimPrefix(u, "/")
}
