package generator

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/workers"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/publish"
)

// render turns every page into HTML and adds the site's other files:
// assets, static files, redirects for aliases, the sitemap and robots.txt.
func (b *builder) render() error {
	var errs diag.List
	out := map[string][]byte{}
	from := map[string]string{} // output path -> the file that made it, for clashes
	made := map[string]bool{}   // the files readykit writes itself, not from a file of the site's
	add := func(path, src string, data []byte) {
		if prev, ok := from[path]; ok {
			if made[path] {
				errs.Addf(diag.Pos{File: src}, "Remove this file or give it another name: readykit makes "+path+" itself", "this would be published as %s, which is %s", path, prev)
			} else {
				errs.Addf(diag.Pos{File: src}, "Rename or move one of them", "this would be published as %s, which %s is already published as", path, prev)
			}
			return
		}
		out[path] = data
		from[path] = src
	}
	// addMade adds a file readykit writes itself.
	addMade := func(path, what string, data []byte) {
		add(path, what, data)
		made[path] = true
	}

	html, perrs := b.renderPages()
	errs.Add(perrs...)
	for i, p := range b.site.Pages {
		if html[i] != nil {
			add(p.outPath(), cmp.Or(p.file, p.URL), html[i])
		}
	}
	for _, a := range b.theme.Assets() {
		add(a.Path, "the theme's assets", a.Data)
	}

	// The files readykit writes itself come before the site's static
	// files, so that a clash is reported at the site's file, which is the
	// one that can move.
	addMade("data/toolkit.json", "the toolkit data", b.toolkitData())
	addMade(strings.TrimPrefix(searchIndexURL, "/"), "the search index", b.searchIndex())
	if s := b.site.Schedule; s != nil {
		addMade(strings.TrimPrefix(calendarURL, "/"), "the programme's calendar", []byte(b.calendar(*s)))
	}
	// offline writes sw.js once the files are final; it is claimed here
	// so that a site's own sw.js is reported as a clash.
	addMade(workerPath, "the offline worker", nil)
	if b.cfg.BaseURL != "" {
		addMade("sitemap.xml", "the sitemap", b.sitemap())
		addMade("robots.txt", "the robots.txt file", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.absURL("/sitemap.xml")+"\n"))
	}

	// Load has already chosen one file for each path (see replaces in
	// load.go), so b.static has no two files at the same path.
	for _, f := range b.static {
		data, err := f.read()
		if err != nil {
			errs.Add(err)
			continue
		}
		add(f.path, f.src, data)
	}

	if redirects := b.aliases(add); len(redirects) > 0 {
		// A site's own _redirects file keeps its rules; the aliases follow.
		out["_redirects"] = append(out["_redirects"], redirects...)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	delete(out, workerPath)
	b.files = make([]publish.File, 0, len(out))
	for _, p := range slices.Sorted(maps.Keys(out)) {
		b.files = append(b.files, publish.File{Path: p, Data: out[p]})
	}
	return nil
}

// renderPages converts every page's Markdown, then runs every page through
// its layout. The two passes are apart so a template may read any page's
// content; each spreads its work over the CPUs, and results are indexed
// like site.Pages, so the order of work does not matter.
func (b *builder) renderPages() ([][]byte, []error) {
	pages := b.site.Pages
	errs := make([]error, len(pages))
	for i, p := range pages {
		if p.body == nil {
			continue
		}
		if err := p.body.err; err != nil {
			errs[i] = fmt.Errorf("%s: %w", cmp.Or(p.file, p.URL), err)
		}
		p.Content = template.HTML(p.body.html)
	}
	html := make([][]byte, len(pages))
	if err := errors.Join(errs...); err != nil {
		return html, []error{err}
	}
	workers.Each(len(pages), func(i int, buf *bytes.Buffer) {
		buf.Reset()
		if err := b.theme.Execute(buf, pages[i].Layout, PageData{Site: b.site, Page: pages[i]}); err != nil {
			errs[i] = err
			return
		}
		html[i] = bytes.Clone(buf.Bytes())
	})
	return html, errs
}

// aliases writes a small page at each old address that sends the reader
// on, and returns the same moves as Netlify redirect rules.
func (b *builder) aliases(add func(path, what string, data []byte)) []byte {
	var rules bytes.Buffer
	for _, p := range b.site.Pages {
		for _, a := range p.aliases {
			target := b.relURL(p.URL)
			var page bytes.Buffer
			if err := redirectPage.Execute(&page, map[string]string{
				"Lang": b.cfg.Language, "Title": p.Title, "URL": target, "Canonical": b.absURL(p.URL),
			}); err != nil {
				panic(err) // the template is fixed and its data always fits
			}
			out := strings.TrimPrefix(a.Value, "/")
			if !strings.HasSuffix(out, ".html") {
				out = strings.TrimSuffix(out, "/") + "/index.html"
			}
			add(out, p.file, page.Bytes())
			fmt.Fprintf(&rules, "%s %s 301\n", b.relURL(a.Value), target)
		}
	}
	return rules.Bytes()
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}} has moved</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
<link rel="canonical" href="{{.Canonical}}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>Go to <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// sitemap lists every page a search engine should know, by address.
func (b *builder) sitemap() []byte {
	type entry struct {
		Loc string `xml:"loc"`
	}
	var set struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []entry  `xml:"url"`
	}
	set.NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	for _, p := range b.site.Pages {
		if p.URL != "/404.html" {
			set.URLs = append(set.URLs, entry{b.absURL(p.URL)})
		}
	}
	data, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		panic(err) // plain strings always marshal
	}
	return append([]byte(xml.Header), append(data, '\n')...)
}

// chain is the transforms every published file goes through.
func (b *builder) chain() []publish.Transform {
	var chain []publish.Transform
	if b.opts.Minify {
		chain = append(chain, publish.Minifier())
	}
	return append(chain, b.opts.Transforms...)
}

// publish runs the transform chain over the files and hands them to sink.
func (b *builder) publish(sink publish.Sink) error {
	if err := publish.Apply(b.files, b.chain()...); err != nil {
		return err
	}
	// The portable copy leaves the worker out, and the worker keeps no
	// .zip, so neither depends on the other's file.
	if err := b.portable(); err != nil {
		return fmt.Errorf("portable copy: %w", err)
	}
	if err := b.offline(); err != nil {
		return fmt.Errorf("offline worker: %w", err)
	}
	return sink.Publish(b.files)
}

// calendar writes the fixed programme as iCalendar text. It is stamped
// with the programme's start rather than the time of the build, so the
// same site builds the same file.
func (b *builder) calendar(s programme.Schedule) string {
	url := ""
	if b.cfg.BaseURL != "" {
		for _, p := range b.site.Pages {
			if p.Layout == "programme" {
				url = b.absURL(p.URL)
				break
			}
		}
	}
	in := programme.EventsInput{Schedule: s, Phases: b.prog.Phases, Organisation: b.cfg.Programme.Client, ID: programme.CalendarID(b.cfg.ProgressKey, b.cfg.BaseURL), URL: url}
	return programme.NewCalendar(in, s.Start).ICS()
}
