package generator

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"runtime"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/workers"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/publish"
)

// output is a file the build publishes: its data, or, for a page, its
// index in site.Pages, since pages are rendered only as they are
// published, so that no more of them are held at once than are on their
// way to the sink.
type output struct {
	path string
	data []byte
	page int // -1 when data is the file
	// lazy, when set, makes the file's data: a file readykit writes
	// itself that is costly to make (the search index), which publish
	// makes on its workers, alongside the pages, rather than render
	// alone on one CPU before them.
	lazy func() []byte
}

// render lists every file the site publishes, sorted by path: the pages
// (made later, by renderPage), assets, static files, redirects for
// aliases, the sitemap and robots.txt. It reports files that would be
// published at the same path, and every page's problems with them.
func (b *builder) render() error {
	var errs diag.List
	out := map[string]output{}
	from := map[string]string{} // output path -> the file that made it, for clashes
	made := map[string]bool{}   // the files readykit writes itself, not from a file of the site's
	claim := func(path, src string, o output) {
		if prev, ok := from[path]; ok {
			if made[path] {
				errs.Addf(diag.Pos{File: src}, "Remove this file or give it another name: readykit makes "+path+" itself", "this would be published as %s, which is %s", path, prev)
			} else {
				errs.Addf(diag.Pos{File: src}, "Rename or move one of them", "this would be published as %s, which %s is already published as", path, prev)
			}
			return
		}
		o.path = path
		out[path] = o
		from[path] = src
	}
	add := func(path, src string, data []byte) { claim(path, src, output{data: data, page: -1}) }
	// addMade adds a file readykit writes itself.
	addMade := func(path, what string, data []byte) {
		add(path, what, data)
		made[path] = true
	}
	// makeLater adds a file readykit writes itself, made by publish.
	makeLater := func(path, what string, lazy func() []byte) {
		claim(path, what, output{page: -1, lazy: lazy})
		made[path] = true
	}

	errs.Add(b.setContent())
	for i, p := range b.site.Pages {
		claim(p.outPath(), cmp.Or(p.file, p.URL), output{page: i})
	}
	for _, a := range b.theme.Assets() {
		add(a.Path, "the theme's assets", a.Data)
	}

	// The files readykit writes itself come before the site's static
	// files, so that a clash is reported at the site's file, which is the
	// one that can move.
	makeLater("data/toolkit.json", "the toolkit data", b.toolkitData)
	makeLater(strings.TrimPrefix(searchIndexURL, "/"), "the search index", func() []byte {
		data := b.searchIndex()
		b.dropBodies()
		return data
	})
	if s := b.site.Schedule; s != nil {
		makeLater(strings.TrimPrefix(calendarURL, "/"), "the programme's calendar", func() []byte { return []byte(b.calendar(*s)) })
	}
	// offline writes sw.js once the files are final; it is claimed here
	// so that a site's own sw.js is reported as a clash.
	addMade(workerPath, "the offline worker", nil)
	if b.cfg.BaseURL != "" {
		makeLater("sitemap.xml", "the sitemap", b.sitemap)
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

	// Every file a page can depend on has been read: the memo of pages
	// (incremental.go) sums them now, before any page is rendered.
	b.freezeMemo()
	if redirects := b.aliases(add); len(redirects) > 0 {
		// A site's own _redirects file keeps its rules; the aliases follow.
		o := out["_redirects"]
		o.path, o.page, o.data = "_redirects", -1, append(o.data, redirects...)
		out["_redirects"] = o
	}
	if err := errs.Err(); err != nil {
		// The pages' own problems come first, as they would in a build
		// without the clashes.
		var all diag.List
		all.Add(b.pageErrors()...)
		all.Add(errs.Unwrap()...)
		return all.Err()
	}
	delete(out, workerPath)
	b.outputs = make([]output, 0, len(out))
	for _, p := range slices.Sorted(maps.Keys(out)) {
		b.outputs = append(b.outputs, out[p])
	}
	return nil
}

// setContent gives each page its Markdown's HTML, which check made, before
// any page is rendered, since a template may read any page's content.
func (b *builder) setContent() error {
	var errs []error
	for _, p := range b.site.Pages {
		if p.body == nil {
			continue
		}
		if err := p.body.err; err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", cmp.Or(p.file, p.URL), err))
		}
		p.Content = p.body.html
	}
	return errors.Join(errs...)
}

// dropBodies lets go of what check made of each Markdown body for the
// search index, once the index is made: a page's HTML stays, as its
// Content, for the pages still to be rendered. Nothing else reads the
// bodies by then, so this is safe while other pages render.
func (b *builder) dropBodies() {
	for _, p := range b.site.Pages {
		p.body = nil
	}
	b.pageBodies, b.itemBodies = nil, nil
}

// renderPage runs site.Pages[i] through its layout, in buf, and returns
// a copy of the page.
func (b *builder) renderPage(i int, buf *bytes.Buffer) ([]byte, error) {
	buf.Reset()
	if err := b.execute(buf, i); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// pageErrors renders every page for its problems only, in the order of
// the pages, keeping none of them.
func (b *builder) pageErrors() []error {
	errs := make([]error, len(b.site.Pages))
	workers.Each(len(errs), func(i int, buf *bytes.Buffer) {
		_, errs[i] = b.renderPage(i, buf)
	})
	return errs
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

// inFlight is how many files, per CPU, may be made and not yet handed
// to the sink: enough to keep every CPU busy while the sink writes, few
// enough that a site of any size holds about as much as a small one.
const inFlight = 16

// window is how many files publish may have made and not yet handed to
// the sink: inFlight per CPU, and room for the pages the other CPUs
// render while one makes the search index, which comes early in the
// order of paths and costs about as much as rendering a tenth of the
// pages. Without that room the sink would wait on the index with every
// other CPU idle, as if render still made it alone. The pages held
// meanwhile are minified, and fewer bytes than the index itself.
func (b *builder) window() int {
	return inFlight*runtime.GOMAXPROCS(0) + len(b.site.Pages)/8
}

// made is one output file as publish makes it: its final bytes, or the
// problem of rendering its page or of transforming it.
type made struct {
	data    []byte
	pageErr error
	err     error
}

// publish renders the pages, runs every file through the transform chain
// and hands it to sink as it is ready, in order of path, with a bounded
// number of files in flight; the offline worker, made from every file's
// path and bytes, comes last. The portable copy needs every page at once,
// so a build that makes it keeps the files until the end, as copyAll says.
func (b *builder) publish(sink publish.Sink) error {
	copying := b.cfg.Options.portableOn() && !b.opts.NoPortable
	if !b.cfg.Options.portableOn() {
		// portable says why --portable cannot be had.
		if err := b.portable(); err != nil {
			return fmt.Errorf("portable copy: %w", err)
		}
	}
	var tmpl []byte
	var keep *keeper
	if !copying {
		var err error
		if tmpl, err = b.workerTemplate(); err != nil {
			return fmt.Errorf("offline worker: %w", err)
		}
		keep = b.newKeeper(tmpl)
	}
	batch, err := publish.Begin(sink)
	if err != nil {
		return err
	}
	put := func(f publish.File) error {
		b.published.files++
		b.published.bytes += int64(len(f.Data))
		if copying {
			b.files = append(b.files, f)
			return nil
		}
		keep.add(f.Path, f.Data)
		return batch.Put(f)
	}
	// A dev server's pages, which have no copy, say how one is made.
	fill := b.cfg.Options.portableOn() && b.opts.NoPortable
	chain := b.chain()
	// The minifier, first in the chain, writes every page anew, so a page
	// is minified from the worker's buffer, not from a copy of it.
	inPlace := b.opts.Minify
	outs := b.outputs
	pageErrs := make([]error, len(b.site.Pages))
	failed := false
	var firstErr error
	workers.Ordered(len(outs), b.window(), func(i int, buf *bytes.Buffer) made {
		o := outs[i]
		data := o.data
		if o.lazy != nil {
			data = o.lazy()
		}
		if o.page >= 0 {
			var err error
			if inPlace {
				buf.Reset()
				err = b.execute(buf, o.page)
				data = buf.Bytes()
			} else {
				data, err = b.renderPage(o.page, buf)
			}
			if err != nil {
				return made{pageErr: err}
			}
		}
		data, err := publish.Chain(o.path, data, chain...)
		if err == nil && fill {
			data = fillPortableSize(o.path, data, "made by readykit build")
		}
		return made{data: data, err: err}
	}, func(i int, m made) {
		switch {
		case m.pageErr != nil:
			pageErrs[outs[i].page] = m.pageErr
			failed = true
		case failed || firstErr != nil:
			// Pages are still rendered, to report all their problems.
		case m.err != nil:
			firstErr = m.err
		default:
			firstErr = put(publish.File{Path: outs[i].path, Data: m.data})
		}
	})
	if failed {
		batch.Abort()
		var errs diag.List
		errs.Add(pageErrs...)
		return &StageError{Stage: "render", Err: errs.Err()}
	}
	if firstErr != nil {
		batch.Abort()
		return firstErr
	}
	if copying {
		return b.copyAll(batch)
	}
	w, err := b.worker(tmpl, keep)
	if err != nil {
		batch.Abort()
		return fmt.Errorf("offline worker: %w", err)
	}
	b.published.files++
	b.published.bytes += int64(len(w.Data))
	if err := batch.Put(w); err != nil {
		batch.Abort()
		return err
	}
	return batch.Commit()
}

// copyAll makes the portable copy and the offline worker from the files
// publish kept, all of them, since the copy's size is written into every
// page only once it is made, and hands them to batch.
func (b *builder) copyAll(batch publish.Batch) error {
	// The portable copy leaves the worker out, and the worker keeps no
	// .zip, so neither depends on the other's file.
	if err := b.portable(); err != nil {
		batch.Abort()
		return fmt.Errorf("portable copy: %w", err)
	}
	if err := b.offline(); err != nil {
		batch.Abort()
		return fmt.Errorf("offline worker: %w", err)
	}
	b.published.files, b.published.bytes = 0, 0
	for _, f := range b.files {
		b.published.files++
		b.published.bytes += int64(len(f.Data))
		if err := batch.Put(f); err != nil {
			batch.Abort()
			return err
		}
	}
	b.files = nil
	return batch.Commit()
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
