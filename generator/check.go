package generator

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/markdown"
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

// check validates the site as a whole and resolves every Markdown link.
func (b *builder) check() error {
	var errs diag.List

	errs.Add(b.checkData()...)
	b.view = b.data.Select(b.cfg.Edition)
	if b.view == nil {
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

	// Every address the site will have, and what makes it.
	b.urls = map[string]string{}
	for _, s := range b.data.Standards {
		b.urls[standardURL(s.Number)] = "the standards data"
		if len(s.Items) > 0 {
			b.urls[worksheetURL(s.Number)] = "the standards data"
		}
	}
	for _, it := range b.view.Items {
		b.urls[itemURL(it.ID)] = "the item data"
	}
	// Links to what could not be read are not reported as well.
	for id := range b.data.Unread.Items {
		b.urls[itemURL(id)] = "an item that could not be read"
	}
	for _, u := range b.unreadPages {
		b.urls[u] = "a page that could not be read"
	}
	for _, p := range b.pages {
		if b.theme != nil && !b.theme.Has(p.Layout) {
			errs.Addf(p.src.At("layout"), "Use one of the theme's layouts ("+strings.Join(b.theme.Layouts(), ", ")+"), or add layouts/"+p.Layout+".html to your theme",
				"unknown layout %q", p.Layout)
		}
		if !isMenu(p.Menu) {
			errs.Addf(p.src.At("menu"), "Use main or footer, or remove the line", "unknown menu %q", p.Menu)
		}
		if prev, ok := b.urls[p.URL]; ok {
			errs.Addf(diag.Pos{File: p.file, Line: 1, Col: 1}, "Rename or move the file",
				"this page's address %s is already used by %s", p.URL, prev)
			continue
		}
		b.urls[p.URL] = p.file
	}
	for _, f := range b.static {
		if _, ok := b.urls["/"+f.path]; !ok {
			b.urls["/"+f.path] = "the static file " + f.src
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
			case b.urls[a.Value] != "":
				errs.Addf(a.Pos, "Remove the alias, or move the page that has that address", "alias %s is already the address of %s", a.Value, b.urls[a.Value])
			default:
				b.urls[a.Value] = p.file
			}
		}
	}

	for _, p := range b.pages {
		errs.Add(p.parsed.Links(b.resolver(p.URL, path.Dir(p.file)))...)
	}
	terms := b.glossaryTerms()
	b.itemDocs = map[string]*markdown.Parsed{}
	for _, it := range b.view.Items {
		doc := b.md.Parse(markdown.Doc{File: it.Src.Pos.File, Line: it.BodyLine, Source: it.Body})
		errs.Add(doc.Links(b.resolver(itemURL(it.ID), itemsDir))...)
		doc.LinkTerms(terms)
		b.itemDocs[it.ID] = doc
	}
	return errs.Err()
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

// resolver checks links written on the page at pageURL, whose source is in
// srcDir, and turns them into addresses under the base path. Links may be
// site addresses (/checklist/), relative ones (../about/) or the Markdown
// file of another page (about.md).
func (b *builder) resolver(pageURL, srcDir string) markdown.Resolver {
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
		if b.urls[target] == "" && b.urls[target+"/"] != "" {
			target += "/"
		}
		if b.urls[target] == "" {
			return "", b.missingPage(dest, target)
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

func (b *builder) missingPage(dest, target string) error {
	hint := "Check the address, or create the page"
	known := make([]string, 0, len(b.urls))
	for u := range b.urls {
		known = append(known, u)
	}
	slices.Sort(known)
	if s := content.Suggest(target, known); s != "" {
		hint = fmt.Sprintf("Did you mean %s?", s)
	}
	return &diag.FileError{Msg: fmt.Sprintf("link to %q goes to no page of this site", dest), Hint: hint}
}
