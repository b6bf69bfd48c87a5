package generator

import (
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/workers"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/toolkit"
)

// standardURL and itemURL are the addresses of the pages generated from
// the data.
func standardURL(n int) string  { return "/standards/" + strconv.Itoa(n) + "/" }
func itemURL(id string) string  { return "/items/" + id + "/" }
func worksheetURL(n int) string { return standardURL(n) + "worksheet/" }

// aliasPattern is what an alias may be: an address from the site's root
// in characters that need no escaping in a URL or in Netlify's _redirects,
// whose rules are split at spaces.
var aliasPattern = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*$`)

// isMenu reports whether a page may name menu: none, main or footer.
func isMenu(menu string) bool { return menu == "" || menu == "main" || menu == "footer" }

// check validates the site as a whole: the data, each page's layout, menu
// and address, every Markdown link, and files that would be published at
// the same path. It reads and reports, and changes nothing of the model:
// what it works out to judge by (the edition's items, the site's
// addresses) is its own, and assemble works it out again to build with.
// The one thing it keeps is the Markdown it parsed to check the links,
// rendered (see convert), since keeping the trees costs more than all
// else.
func (b *builder) check() error {
	var errs diag.List

	errs.Add(b.checkData()...)
	errs.Add(b.checkStatic()...)
	e := b.data.Edition(b.cfg.Edition)
	if e == nil {
		if b.data.Unread.Editions[b.cfg.Edition] {
			// The edition's file could not be read; the load stage said why.
			return errs.Err()
		}
		hint := "Use one of: " + strings.Join(b.data.EditionIDs(), ", ")
		if s := content.Suggest(b.cfg.Edition, b.data.EditionIDs()); s != "" {
			hint = fmt.Sprintf("Did you mean %q?", s)
		}
		errs.Addf(b.cfg.Src.At("edition"), hint, "there is no edition %q", b.cfg.Edition)
		return errs.Err()
	}

	view := b.data.View(e)
	for _, p := range b.pages {
		if b.theme != nil && !b.theme.Has(p.Layout) {
			errs.Addf(p.src.At("layout"), "Use one of the theme's layouts ("+strings.Join(b.theme.Layouts(), ", ")+"), or add layouts/"+p.Layout+".html to your theme",
				"unknown layout %q", p.Layout)
		}
		if !isMenu(p.Menu) {
			errs.Addf(p.src.At("menu"), "Use main or footer, or remove the line", "unknown menu %q", p.Menu)
		}
	}
	urls, uerrs := b.addresses(view)
	errs.Add(uerrs...)
	errs.Add(b.convert(urls, view)...)
	return errs.Err()
}

// body is what later stages need of a page's or an item's Markdown: its
// HTML (or why it could not be made, which render reports) and its text
// for the search index.
type body struct {
	html template.HTML
	err  error
	text string // markdown.Tidy's lines, as joinLines joins them
}

// convert parses the Markdown of every page and of the edition's items,
// checks their links against urls, and, for each without a problem,
// resolves the links, links the glossary's terms on item guidance and
// renders it, keeping only the body (pageBodies, itemBodies). Each tree
// is dropped as soon as its body is made. The work is spread over the
// CPUs; problems keep the order of the pages, then the items.
func (b *builder) convert(urls map[string]string, view *toolkit.View) []error {
	terms := b.glossaryTerms()
	n, items := len(b.pages), view.Items
	bodies := make([]*body, n+len(items))
	perrs := make([][]error, len(bodies))
	workers.Each(len(bodies), func(i int, _ *struct{}) {
		if i < n {
			p := b.pages[i]
			bodies[i], perrs[i] = b.convertDoc(p.doc, b.resolver(urls, p.URL, path.Dir(p.file)), nil)
			return
		}
		it := items[i-n]
		if doc, ok := b.itemDocs[it.ID]; ok {
			bodies[i], perrs[i] = b.convertDoc(doc, b.resolver(urls, itemURL(it.ID), itemsDir), terms)
		}
	})
	var errs []error
	for _, e := range perrs {
		errs = append(errs, e...)
	}
	b.pageBodies = bodies[:n]
	b.itemBodies = make(map[string]*body, len(items))
	for i, it := range items {
		if bd := bodies[n+i]; bd != nil {
			b.itemBodies[it.ID] = bd
		}
	}
	return errs
}

// convertDoc parses doc and checks its links with resolve; with none
// wrong, it links terms (when given) and renders the document.
func (b *builder) convertDoc(doc markdown.Doc, resolve markdown.Resolver, terms []markdown.Term) (*body, []error) {
	parsed := b.md.Parse(doc)
	if errs := parsed.Links(resolve); len(errs) > 0 {
		// The build stops at check, so nothing of this is rendered.
		return nil, errs
	}
	if len(terms) > 0 {
		parsed.LinkTerms(terms)
	}
	html, err := parsed.HTML()
	// Strings of their own size: the renderer's buffer has room to spare,
	// and a site holds every page's body until its pages are rendered.
	return &body{html: template.HTML(html), err: err, text: parsed.Text()}, nil
}

// addresses lists every address the site will have, with what makes it,
// for links to be checked and resolved against; and the problems of pages
// and aliases whose address is taken or not allowed. check reports the
// problems; assemble, which runs only when there are none, uses the list.
func (b *builder) addresses(view *toolkit.View) (map[string]string, []error) {
	var errs diag.List
	urls := map[string]string{}
	hasItems := map[int]bool{}
	for _, it := range view.Items {
		hasItems[it.Standard] = true
	}
	for _, s := range b.data.Standards {
		urls[standardURL(s.Number)] = "the standards data"
		if hasItems[s.Number] {
			urls[worksheetURL(s.Number)] = "the standards data"
		}
	}
	for _, it := range view.Items {
		urls[itemURL(it.ID)] = "the item data"
	}
	// Links to what could not be read are not reported as well.
	for id := range b.data.Unread.Items {
		urls[itemURL(id)] = "an item that could not be read"
	}
	for _, u := range b.unreadPages {
		urls[u] = "a page that could not be read"
	}
	for _, p := range b.pages {
		if prev, ok := urls[p.URL]; ok {
			errs.Addf(diag.Pos{File: p.file, Line: 1, Col: 1}, "Rename or move the file",
				"this page's address %s is already used by %s", p.URL, prev)
			continue
		}
		urls[p.URL] = p.file
	}
	for _, f := range b.static {
		if _, ok := urls["/"+f.path]; !ok {
			urls["/"+f.path] = "the static file " + f.src
		}
	}
	for _, p := range b.pages {
		for _, a := range p.aliases {
			switch {
			case !aliasPattern.MatchString(a.Value) || strings.Contains(a.Value, "//") || slices.Contains(strings.Split(a.Value, "/"), ".."):
				errs.Addf(a.Pos, "Write an address within the site, such as /old-name/, using letters, digits and - _ . ~ only",
					"alias %q is not a site address", a.Value)
			case a.Value == "/" || strings.HasPrefix(a.Value, "/assets/") || strings.HasPrefix(a.Value, "/_readykit/"):
				errs.Addf(a.Pos, "Choose an old address that is not the home page or under /assets/", "alias %s is an address readykit needs for itself", a.Value)
			case urls[a.Value] != "":
				errs.Addf(a.Pos, "Remove the alias, or move the page that has that address", "alias %s is already the address of %s", a.Value, urls[a.Value])
			default:
				urls[a.Value] = p.file
			}
		}
	}
	return urls, errs.Unwrap()
}

// checkStatic reports files that would be published at the same path when
// neither replaces the other (see replaces), at the one beside the pages,
// which is the one to move.
func (b *builder) checkStatic() []error {
	var errs diag.List
	first := map[string]staticFile{}
	for _, f := range b.static {
		prev, ok := first[f.path]
		if !ok {
			first[f.path] = f
			continue
		}
		at, other := f, prev
		if prev.from == fromContent {
			at, other = prev, f
		}
		what, hint := other.src, "Remove one of them, or rename this one and the links to it"
		if other.from == fromTheme {
			what = "the theme's file " + other.src
			hint = "Rename or move this file; to replace the theme's file, put yours at " + staticDir + "/" + f.path
		}
		errs.Addf(diag.Pos{File: at.src}, hint, "this and %s would both be published as %s", what, f.path)
	}
	return errs.Unwrap()
}

// resolver checks links written on the page at pageURL, whose source is in
// srcDir, against the site's addresses urls, and turns them into addresses
// under the base path. Links may be site addresses (/checklist/), relative
// ones (../about/) or the Markdown file of another page (about.md).
func (b *builder) resolver(urls map[string]string, pageURL, srcDir string) markdown.Resolver {
	base := b.cfg.base
	return func(dest string) (string, error) {
		u, err := url.Parse(dest)
		if err != nil {
			return "", &diag.FileError{Msg: fmt.Sprintf("link %q is not a valid address", dest), Hint: "Check the link for spaces or stray characters"}
		}
		if u.Scheme != "" || u.Host != "" || u.Path == "" {
			// Another site, an email address, or a place on this page.
			return dest, nil
		}
		target := u.Path
		switch {
		case strings.HasSuffix(target, ".md"):
			target = sourceURL(path.Join(srcDir, target))
		case !strings.HasPrefix(target, "/"):
			dir := pageURL
			if !strings.HasSuffix(dir, "/") {
				dir = path.Dir(dir) + "/"
			}
			target = path.Join(dir, target)
			if strings.HasSuffix(u.Path, "/") && !strings.HasSuffix(target, "/") {
				target += "/"
			}
		}
		if urls[target] == "" && urls[target+"/"] != "" {
			target += "/"
		}
		if urls[target] == "" {
			return "", missingPage(urls, dest, target)
		}
		u.Path = base + strings.TrimPrefix(target, "/")
		return u.String(), nil
	}
}

// sourceURL gives the address of the page whose source is file, a path
// relative to the site folder.
func sourceURL(file string) string {
	rel, ok := strings.CutPrefix(file, contentDir+"/")
	if !ok {
		return "/" + file
	}
	return pageURL(rel)
}

// missingPage is the problem of a link to target, written as dest, that
// is none of the addresses urls, with the nearest of them as a hint.
func missingPage(urls map[string]string, dest, target string) error {
	hint := "Check the address, or create the page"
	known := slices.Sorted(maps.Keys(urls))
	if s := content.Suggest(target, known); s != "" {
		hint = fmt.Sprintf("Did you mean %s?", s)
	}
	return &diag.FileError{Msg: fmt.Sprintf("link to %q goes to no page of this site", dest), Hint: hint}
}
