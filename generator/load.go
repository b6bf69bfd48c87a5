package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/workers"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/sitefs"
	"github.com/readykit/readykit/generator/theme"
	"github.com/readykit/readykit/generator/toolkit"
)

// Where a site keeps its data, relative to the site folder.
const (
	contentDir    = "content"
	dataDir       = "content/data"
	standardsFile = "content/data/standards.yaml"
	glossaryFile  = "content/data/glossary.yaml"
	programmeFile = "content/data/programme.yaml"
	editionsDir   = "content/data/editions"
	itemsDir      = "content/data/items"
	plansDir      = "content/data/plans"
	staticDir     = "static"
)

// frontMatter is what a page may say about itself.
type frontMatter struct {
	Title       string         `yaml:"title,required"`
	LinkTitle   string         `yaml:"linkTitle"`
	Description string         `yaml:"description"`
	Weight      int            `yaml:"weight"`
	Layout      string         `yaml:"layout"`
	Menu        string         `yaml:"menu"`
	Draft       bool           `yaml:"draft"`
	Aliases     []content.Text `yaml:"aliases"`
	Src         content.Source
}

// load reads everything the site is made of. It reads every file even
// after a problem, so all of them are reported at once.
func (b *builder) load() error {
	var errs diag.List
	cerrs, ok := b.loadConfig()
	errs.Add(cerrs...)
	b.cfgRead = ok
	if !ok {
		// Without settings nothing else can be read sensibly.
		return errs.Err()
	}
	b.md = markdown.New(markdown.Options{Unsafe: b.cfg.Options.RawHTML, AllowedHosts: b.cfg.Options.Hosts()})

	overlay := b.themeOverlay()
	t, terrs := b.loadTheme(overlay)
	errs.Add(terrs...)
	b.theme = t

	errs.Add(b.loadData()...)
	b.parseItems()
	errs.Add(b.loadPages()...)
	errs.Add(b.loadStatic(overlay)...)
	b.static = winners(b.static)
	// The logo is looked for among the files that won, a client's own
	// static folder included; the brand's stylesheet joins the assets
	// before anything is rendered.
	errs.Add(b.brand()...)
	return errs.Err()
}

// parseItems keeps each item's guidance to be parsed by check, as a
// page's text is. Items share their guidance with every edition that lists
// them, so they are keyed by id, the last of a duplicated id winning as it
// does in a view.
func (b *builder) parseItems() {
	b.itemDocs = make(map[string]markdown.Doc, len(b.data.Items))
	for _, it := range b.data.Items {
		b.itemDocs[it.ID] = markdown.Doc{File: it.Src.Pos.File, Line: it.BodyLine, Source: it.Body}
	}
}

// staticFile is a file published as it is, from the site or the theme.
type staticFile struct {
	path string // output path
	src  string // where it comes from, for messages
	from origin
	read func() ([]byte, error)
}

// origin is the folder a file published as it is comes from.
type origin int

const (
	fromTheme   origin = iota // static/ of the theme, the site's theme folder over the built-in one
	fromStatic                // the site's static/
	fromContent               // beside the pages in content/
)

// replaces says whether a file from src takes the place of one from old
// that would be published at the same path. With themeOverlay, just
// below, it is the one place that says which file wins; the README's
// "Which file wins" says the same to users.
//
// A site changes its theme's files by putting its own of the same name in
// themes/<theme>/ (themeOverlay), or, for static files, in static/ (here).
// A file beside the pages in content/ is the pages' own, such as an image
// a page shows: it replaces nothing and nothing replaces it, so a theme
// file of the same name cannot silently take its place; check reports the
// clash with both paths. Pages, the theme's assets and the files readykit
// writes itself replace nothing and are replaced by nothing either; render
// reports those clashes.
func replaces(src, old origin) bool {
	return src == fromStatic && old == fromTheme
}

// themeOverlay is the theme the site uses: its own theme folder, if it has
// one, over the built-in theme, file by file, for layouts and assets as
// well as static files.
func (b *builder) themeOverlay() *theme.Overlay {
	var siteTheme fs.FS
	if dir := "themes/" + b.cfg.Theme; exists(b.opts.Source, dir) {
		siteTheme, _ = fs.Sub(b.opts.Source, dir)
	}
	return theme.NewOverlay(
		theme.Layer{FS: siteTheme, Prefix: "themes/" + b.cfg.Theme + "/"},
		theme.Layer{FS: b.opts.Theme, Prefix: "themes/default/"},
	)
}

// winners drops each file that another at the same output path replaces,
// keeping the order. Files at the same path of which neither replaces the
// other are both kept, for check to report.
func winners(files []staticFile) []staticFile {
	byPath := map[string][]origin{}
	for _, f := range files {
		byPath[f.path] = append(byPath[f.path], f.from)
	}
	var out []staticFile
	for _, f := range files {
		if !slices.ContainsFunc(byPath[f.path], func(o origin) bool { return replaces(o, f.from) }) {
			out = append(out, f)
		}
	}
	return out
}

// loadConfig reads readykit.yaml. It reports false when there is no file
// to read.
func (b *builder) loadConfig() ([]error, bool) {
	var errs diag.List
	data, err := sitefs.ReadFile(b.rootFS(), ConfigFile, content.MaxText)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Addf(diag.Pos{File: ConfigFile}, "Run the command in a site folder, pass --source, or start a site with readykit new",
				"there is no %s here", ConfigFile)
			return errs.Unwrap(), false
		}
		return []error{err}, false
	}
	if b.opts.Client != "" {
		return b.loadClientConfig(data)
	}
	if content.Blank(data) {
		errs.Addf(diag.Pos{File: ConfigFile, Line: 1, Col: 1}, "Give the site a title and an edition at least; readykit new writes a starting file", "the settings file is empty")
		return errs.Unwrap(), false
	}
	cerrs := content.DecodeYAML(ConfigFile, data, 1, &b.cfg)
	errs.Add(cerrs...)
	if content.IsUnread(cerrs...) {
		return errs.Unwrap(), false
	}
	return b.finishConfig(&errs), true
}

// rootFS is the folder the build was given: a portfolio's for a client.
func (b *builder) rootFS() fs.FS {
	if b.root != nil {
		return b.root
	}
	return b.opts.Source
}

// loadClientConfig reads a client's settings over the portfolio's shared
// ones, shared, either of which may be empty.
func (b *builder) loadClientConfig(shared []byte) ([]error, bool) {
	var errs diag.List
	file := clientConfig(b.opts.Client)
	own, err := sitefs.ReadFile(b.rootFS(), file, content.MaxText)
	if err != nil {
		return []error{err}, false
	}
	var layers []content.Layer
	for _, l := range []content.Layer{{File: ConfigFile, Data: shared, Line: 1}, {File: file, Data: own, Line: 1}} {
		if l.Data = bytes.TrimPrefix(l.Data, []byte("\ufeff")); !content.Blank(l.Data) {
			layers = append(layers, l)
		}
	}
	if len(layers) == 0 {
		errs.Addf(diag.Pos{File: file, Line: 1, Col: 1}, "Give the client a title, and the portfolio or the client an edition", "the settings files are empty")
		return errs.Unwrap(), false
	}
	cerrs := content.DecodeYAMLOver(layers, &b.cfg)
	errs.Add(cerrs...)
	if content.IsUnread(cerrs...) {
		return errs.Unwrap(), false
	}
	if b.cfg.ProgressKey == "" {
		// Each client's progress is kept apart from the others' in a
		// browser that opens several of them.
		b.cfg.ProgressKey = b.opts.Client
	}
	return b.finishConfig(&errs), true
}

// finishConfig applies the command line's settings and checks the rest.
func (b *builder) finishConfig(errs *diag.List) []error {
	if b.opts.BaseURL != "" {
		// The command line checks the flag's value before it gets here.
		b.cfg.BaseURL = b.opts.BaseURL
	}
	b.cfg.normalise(errs)
	return errs.Unwrap()
}

func (b *builder) loadData() []error {
	var errs diag.List
	src := b.opts.Source
	b.data.Unread = toolkit.Unread{Items: map[string]bool{}, Editions: map[string]bool{}}

	// Without any standard every item would be reported as naming a
	// missing one; the standards file's own problem says it all.
	before := len(errs.Unwrap())
	switch ok, found := b.decodeFile(standardsFile, &b.data.Standards, &errs); {
	case !found:
		errs.Addf(diag.Pos{File: standardsFile}, "Add the standards file; readykit new writes one to start from", "the standards file is missing")
		b.data.Unread.Standards = true
	case !ok:
		b.data.Unread.Standards = true
	case len(b.data.Standards) == 0:
		if len(errs.Unwrap()) == before {
			errs.Addf(diag.Pos{File: standardsFile, Line: 1, Col: 1}, "List the standards, each starting with \"- number:\"", "the standards file lists no standards")
		}
		b.data.Unread.Standards = true
	}
	ok, found := b.decodeFile(programmeFile, &b.prog, &errs)
	if ok {
		b.prog.SetDefaults()
	}
	if !found {
		errs.Addf(diag.Pos{File: programmeFile}, "Add the programme file; readykit new writes one to start from", "the programme file is missing")
	}
	// A programme without its length cannot be checked; the missing or
	// broken "weeks" is reported already.
	b.progUnread = !ok || b.prog.Weeks == 0
	b.decodeFile(glossaryFile, &b.data.Glossary, &errs)

	err := walk(src, dataDir, func(p string, d fs.DirEntry) error {
		if p == standardsFile || p == programmeFile || p == glossaryFile {
			return nil
		}
		id := strings.TrimSuffix(path.Base(p), path.Ext(p))
		switch dir, ext := path.Dir(p), path.Ext(p); {
		case dir == editionsDir && ext == ".yaml":
			e := &toolkit.Edition{}
			// An edition without its id cannot be told apart from the
			// others; its file's own problems say why.
			if ok, _ := b.decodeFound(p, d, e, &errs); ok && e.ID != "" {
				b.data.Editions = append(b.data.Editions, e)
			} else {
				b.data.Unread.Editions[id] = true
			}
		case dir == plansDir && ext == ".yaml":
			r := &plan.Rules{}
			if ok, _ := b.decodeFound(p, d, r, &errs); ok {
				b.rules = append(b.rules, r)
			}
		case dir == itemsDir && ext == ".md":
			data, err := b.readText(p, d)
			it := &toolkit.Item{}
			if err == nil && b.opts.Cache.load(p, data, it) {
				b.data.Items = append(b.data.Items, it)
				return nil
			}
			doc, ok := b.parseDoc(p, data, err, &errs)
			if ok && doc.FrontMatter == nil {
				errs.Addf(diag.Pos{File: p, Line: 1, Col: 1}, "Start the file with a line of ---, then the item's facts, then another line of ---, as in the other item files",
					"this item file has no front matter")
				ok = false
			}
			if !ok {
				b.data.Unread.Items[id] = true
				return nil
			}
			it.Body, it.BodyLine = doc.Body, doc.BodyLine
			ierrs := content.DecodeYAML(p, doc.FrontMatter, doc.FMLine, it)
			errs.Add(ierrs...)
			if content.IsUnread(ierrs...) || it.ID == "" {
				b.data.Unread.Items[id] = true
				return nil
			}
			if len(ierrs) == 0 {
				// Only an item without problems is kept, so a build
				// from the cache reports what one without it would.
				b.opts.Cache.store(p, data, it)
			}
			b.data.Items = append(b.data.Items, it)
		default:
			errs.Addf(diag.Pos{File: p}, "Data files are "+standardsFile+", "+programmeFile+", "+glossaryFile+", "+editionsDir+"/*.yaml, "+plansDir+"/*.yaml and "+itemsDir+"/*.md; move or remove this file",
				"readykit does not know what this data file is for")
		}
		return nil
	})
	errs.Add(err)
	// Rule sets are kept in order of id, whatever their files are called,
	// so the newest is last; a duplicated id keeps the files' order, so
	// check names the first as the other.
	slices.SortStableFunc(b.rules, func(x, y *plan.Rules) int { return strings.Compare(x.ID, y.ID) })
	if len(b.data.Editions) == 0 && len(b.data.Unread.Editions) == 0 && !exists(src, editionsDir) {
		errs.Addf(diag.Pos{File: editionsDir}, "Add an edition file; readykit new writes one to start from", "there are no editions")
	}
	return errs.Unwrap()
}

// readText reads a YAML or Markdown file of the site, within the size
// limit for text, without its byte order mark. d is the file's entry in
// its folder's listing when a walk found it, or nil.
func (b *builder) readText(p string, d fs.DirEntry) ([]byte, error) {
	var data []byte
	var err error
	if d != nil {
		data, err = sitefs.ReadFound(b.opts.Source, p, d, content.MaxText)
	} else {
		data, err = sitefs.ReadFile(b.opts.Source, p, content.MaxText)
	}
	if err != nil {
		return nil, err
	}
	return noMark(data), nil
}

// noMark drops a text file's byte order mark. The mark goes here so an
// empty file with one is still empty; the UTF-8 check is left to
// content.Split and DecodeYAML, which mark a file that fails it as unread.
func noMark(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\ufeff"))
}

// decodeFile reads the YAML file p into v. found is false when there is no
// such file; ok is false when nothing could be read from it (it is
// unreadable, empty or not YAML), so that what depends on it is not
// blamed as well. Every problem goes to errs.
func (b *builder) decodeFile(p string, v any, errs *diag.List) (ok, found bool) {
	return b.decodeFound(p, nil, v, errs)
}

// decodeFound is decodeFile for a file with its entry d in its folder's
// listing (see readText).
func (b *builder) decodeFound(p string, d fs.DirEntry, v any, errs *diag.List) (ok, found bool) {
	data, err := b.readText(p, d)
	if err == nil && b.opts.Cache.load(p, data, v) {
		return true, true
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, false
	case err != nil:
		errs.Add(err)
		return false, true
	case content.Blank(data):
		errs.Addf(diag.Pos{File: p, Line: 1, Col: 1}, "Fill it in; readykit new writes an example of each data file",
			"the file is empty")
		return false, true
	}
	derrs := content.DecodeYAML(p, data, 1, v)
	errs.Add(derrs...)
	if len(derrs) == 0 {
		b.opts.Cache.store(p, data, v)
	}
	return !content.IsUnread(derrs...), true
}

// parseDoc splits a Markdown file with front matter, read with error
// err. ok is false when the file could not be read or split, or is empty.
func (b *builder) parseDoc(p string, data []byte, err error, errs *diag.List) (content.Document, bool) {
	if err != nil {
		errs.Add(err)
		return content.Document{}, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Addf(diag.Pos{File: p, Line: 1, Col: 1}, "Write it (front matter between two --- lines, then Markdown), or remove the file",
			"the file is empty")
		return content.Document{}, false
	}
	doc, err := content.Split(p, data)
	if err != nil {
		errs.Add(err)
		return content.Document{}, false
	}
	return doc, true
}

func (b *builder) loadPages() []error {
	var errs diag.List
	src := b.opts.Source
	var files []string
	var entries []fs.DirEntry
	err := walk(src, contentDir, func(p string, d fs.DirEntry) error {
		switch {
		case strings.HasPrefix(p, dataDir+"/"):
		case path.Ext(p) == ".md":
			files = append(files, p)
			entries = append(entries, d)
		default:
			// Images and documents beside the pages are published as they are.
			if err := sitefs.Check(src, p); err != nil {
				errs.Add(err)
				return nil
			}
			b.static = append(b.static, staticFile{
				path: strings.TrimPrefix(p, contentDir+"/"),
				src:  p,
				from: fromContent,
				read: func() ([]byte, error) { return fs.ReadFile(src, p) },
			})
		}
		return nil
	})
	errs.Add(err)

	// Reading and decoding are most of a large site's load time, so pages
	// are loaded on every CPU; results keep the walk's order.
	pages := make([]*Page, len(files))
	perrs := make([][]error, len(files))
	dirs := sitefs.OpenFolders(src, files)
	defer dirs.Close()
	workers.Each(len(files), func(i int, _ *bytes.Buffer) {
		pages[i], perrs[i] = b.loadPage(dirs, files[i], entries[i])
	})
	for i := range files {
		errs.Add(perrs[i]...)
		switch {
		case pages[i] != nil:
			b.pages = append(b.pages, pages[i])
		case len(perrs[i]) > 0:
			b.unreadPages = append(b.unreadPages, pageURL(strings.TrimPrefix(files[i], contentDir+"/")))
		}
	}
	return errs.Unwrap()
}

// loadPage reads one Markdown page, d its entry in its folder's listing,
// from dirs. It returns no page for a draft when drafts are not wanted.
func (b *builder) loadPage(dirs *sitefs.Folders, p string, d fs.DirEntry) (*Page, []error) {
	var derrs diag.List
	data, err := dirs.ReadFound(p, d, content.MaxText)
	doc, ok := b.parseDoc(p, noMark(data), err, &derrs)
	if !ok {
		return nil, derrs.Unwrap()
	}
	var fm frontMatter
	errs := content.DecodeYAML(p, doc.FrontMatter, doc.FMLine, &fm)
	if fm.Draft && !b.opts.Drafts {
		return nil, errs
	}
	rel := strings.TrimPrefix(p, contentDir+"/")
	pg := &Page{
		Title: fm.Title, LinkTitle: fm.LinkTitle, Description: fm.Description,
		URL: pageURL(rel), Layout: fm.Layout, Weight: fm.Weight, Menu: fm.Menu, Draft: fm.Draft,
		file: p, aliases: fm.Aliases, src: fm.Src,
		doc: markdown.Doc{File: p, Line: doc.BodyLine, Source: doc.Body},
	}
	if pg.Layout == "" {
		pg.Layout = defaultLayout(pg.URL)
	}
	return pg, errs
}

// loadStatic lists the theme's static files, then the site's; winners,
// in load, keeps the ones that are published.
func (b *builder) loadStatic(overlay *theme.Overlay) []error {
	var errs diag.List
	src := b.opts.Source
	if b.theme != nil {
		names, err := b.theme.Static()
		errs.Add(err)
		for _, n := range names {
			if err := sitefs.Check(overlay, "static/"+n); err != nil {
				errs.Add(err)
				continue
			}
			b.static = append(b.static, staticFile{
				path: n,
				src:  overlay.Origin("static/" + n),
				from: fromTheme,
				read: func() ([]byte, error) { return b.theme.ReadStatic(n) },
			})
		}
	}
	err := walk(src, staticDir, func(p string, _ fs.DirEntry) error {
		if err := sitefs.Check(src, p); err != nil {
			errs.Add(err)
			return nil
		}
		b.static = append(b.static, staticFile{
			path: strings.TrimPrefix(p, staticDir+"/"),
			src:  p,
			from: fromStatic,
			read: func() ([]byte, error) { return fs.ReadFile(src, p) },
		})
		return nil
	})
	errs.Add(err)
	return errs.Unwrap()
}

// walk calls fn for every file under dir, with its entry in its folder's
// listing, in lexical order, passing over the names content.Skip rejects
// (dot files, editor leftovers). A missing dir has no files.
func walk(fsys fs.FS, dir string, fn func(path string, d fs.DirEntry) error) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == dir && errors.Is(err, fs.ErrNotExist):
			return fs.SkipDir
		case err != nil:
			return err
		case p != dir && content.Skip(d.Name()):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		return fn(p, d)
	})
}

// pageURL gives the address of the page in content file rel.
func pageURL(rel string) string {
	rel = strings.TrimSuffix(rel, ".md")
	switch {
	case rel == "index":
		return "/"
	case rel == "404":
		return "/404.html"
	case path.Base(rel) == "index":
		return "/" + path.Dir(rel) + "/"
	}
	return "/" + rel + "/"
}

func defaultLayout(url string) string {
	switch url {
	case "/":
		return "home"
	case "/404.html":
		return "404"
	}
	return "page"
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}
