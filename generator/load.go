package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/plan"
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
	src := b.opts.Source
	cerrs, ok := b.loadConfig()
	errs.Add(cerrs...)
	if !ok {
		// Without settings nothing else can be read sensibly.
		return errs.Err()
	}
	b.md = markdown.New(markdown.Options{Unsafe: b.cfg.Options.RawHTML})

	var siteTheme fs.FS
	if dir := "themes/" + b.cfg.Theme; exists(src, dir) {
		siteTheme, _ = fs.Sub(src, dir)
	}
	overlay := theme.NewOverlay(
		theme.Layer{FS: siteTheme, Prefix: "themes/" + b.cfg.Theme + "/"},
		theme.Layer{FS: b.opts.Theme, Prefix: "themes/default/"},
	)
	t, terrs := theme.Load(overlay, b.funcs())
	errs.Add(terrs...)
	b.theme = t

	errs.Add(b.loadData()...)
	errs.Add(b.loadPages()...)
	errs.Add(b.loadStatic(overlay)...)
	return errs.Err()
}

// loadConfig reads readykit.yaml. It reports false when there is no file
// to read.
func (b *builder) loadConfig() ([]error, bool) {
	var errs diag.List
	data, err := fs.ReadFile(b.opts.Source, ConfigFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Addf(diag.Pos{File: ConfigFile}, "Run the command in a site folder, pass --source, or start a site with readykit new",
				"there is no %s here", ConfigFile)
			return errs.Unwrap(), false
		}
		return []error{err}, false
	}
	errs.Add(content.DecodeYAML(ConfigFile, data, 1, &b.cfg)...)
	if b.opts.BaseURL != "" {
		// The command line checks the flag's value before it gets here.
		b.cfg.BaseURL = b.opts.BaseURL
	}
	b.cfg.normalise(&errs)
	return errs.Unwrap(), true
}

func (b *builder) loadData() []error {
	var errs diag.List
	src := b.opts.Source

	if data, ok := readOptional(src, standardsFile, &errs); ok {
		errs.Add(content.DecodeYAML(standardsFile, data, 1, &b.data.Standards)...)
	} else {
		errs.Addf(diag.Pos{File: standardsFile}, "Add the standards file; readykit new writes one to start from", "the standards file is missing")
	}
	if data, ok := readOptional(src, programmeFile, &errs); ok {
		errs.Add(content.DecodeYAML(programmeFile, data, 1, &b.prog)...)
	} else {
		errs.Addf(diag.Pos{File: programmeFile}, "Add the programme file; readykit new writes one to start from", "the programme file is missing")
	}

	if data, ok := readOptional(src, glossaryFile, &errs); ok {
		errs.Add(content.DecodeYAML(glossaryFile, data, 1, &b.data.Glossary)...)
	}

	err := walk(src, dataDir, func(p string) error {
		if p == standardsFile || p == programmeFile || p == glossaryFile {
			return nil
		}
		switch dir, ext := path.Dir(p), path.Ext(p); {
		case dir == editionsDir && ext == ".yaml":
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			e := &toolkit.Edition{}
			errs.Add(content.DecodeYAML(p, data, 1, e)...)
			b.data.Editions = append(b.data.Editions, e)
		case dir == plansDir && ext == ".yaml":
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			r := &plan.Rules{}
			errs.Add(content.DecodeYAML(p, data, 1, r)...)
			b.rules = append(b.rules, r)
		case dir == itemsDir && ext == ".md":
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			doc, err := content.Split(p, data)
			if err != nil {
				errs.Add(err)
				return nil
			}
			it := &toolkit.Item{Body: doc.Body, BodyLine: doc.BodyLine}
			errs.Add(content.DecodeYAML(p, doc.FrontMatter, doc.FMLine, it)...)
			b.data.Items = append(b.data.Items, it)
		default:
			errs.Addf(diag.Pos{File: p}, "Data files are "+standardsFile+", "+programmeFile+", "+glossaryFile+", "+editionsDir+"/*.yaml, "+plansDir+"/*.yaml and "+itemsDir+"/*.md; move or remove this file",
				"readykit does not know what this data file is for")
		}
		return nil
	})
	if err != nil {
		errs.Add(err)
	}
	if len(b.data.Editions) == 0 && !exists(src, editionsDir) {
		errs.Addf(diag.Pos{File: editionsDir}, "Add an edition file; readykit new writes one to start from", "there are no editions")
	}
	return errs.Unwrap()
}

func (b *builder) loadPages() []error {
	var errs diag.List
	src := b.opts.Source
	var files []string
	err := walk(src, contentDir, func(p string) error {
		switch {
		case strings.HasPrefix(p, dataDir+"/"):
		case path.Ext(p) == ".md":
			files = append(files, p)
		default:
			// Images and documents beside the pages are published as they are.
			b.static = append(b.static, staticFile{
				path: strings.TrimPrefix(p, contentDir+"/"),
				src:  p,
				read: func() ([]byte, error) { return fs.ReadFile(src, p) },
			})
		}
		return nil
	})
	errs.Add(err)

	// Reading, decoding and parsing are most of a large site's load time,
	// so pages are loaded on every CPU; results keep the walk's order.
	pages := make([]*Page, len(files))
	perrs := make([][]error, len(files))
	each(len(files), func(i int, _ *bytes.Buffer) {
		pages[i], perrs[i] = b.loadPage(files[i])
	})
	for i := range files {
		errs.Add(perrs[i]...)
		if pages[i] != nil {
			b.pages = append(b.pages, pages[i])
		}
	}
	return errs.Unwrap()
}

// loadPage reads one Markdown page. It returns no page for a draft when
// drafts are not wanted.
func (b *builder) loadPage(p string) (*Page, []error) {
	data, err := fs.ReadFile(b.opts.Source, p)
	if err != nil {
		return nil, []error{err}
	}
	doc, err := content.Split(p, data)
	if err != nil {
		return nil, []error{err}
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
		parsed: b.md.Parse(markdown.Doc{File: p, Line: doc.BodyLine, Source: doc.Body}),
	}
	if pg.Layout == "" {
		pg.Layout = defaultLayout(pg.URL)
	}
	return pg, errs
}

// loadStatic lists the theme's static files, then the site's, which win.
func (b *builder) loadStatic(overlay *theme.Overlay) []error {
	var errs diag.List
	src := b.opts.Source
	if b.theme != nil {
		names, err := b.theme.Static()
		errs.Add(err)
		for _, n := range names {
			b.static = append(b.static, staticFile{
				path: n,
				src:  overlay.Origin("static/" + n),
				read: func() ([]byte, error) { return b.theme.ReadStatic(n) },
			})
		}
	}
	err := walk(src, staticDir, func(p string) error {
		b.static = append(b.static, staticFile{
			path: strings.TrimPrefix(p, staticDir+"/"),
			src:  p,
			read: func() ([]byte, error) { return fs.ReadFile(src, p) },
		})
		return nil
	})
	errs.Add(err)
	return errs.Unwrap()
}

// walk calls fn for every file under dir, in lexical order, passing over
// the names content.Skip rejects (dot files, editor leftovers). A missing
// dir has no files.
func walk(fsys fs.FS, dir string, fn func(path string) error) error {
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
		return fn(p)
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

// readOptional reads a file that may be missing; other read errors are
// recorded.
func readOptional(fsys fs.FS, name string, errs *diag.List) ([]byte, bool) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Add(err)
		}
		return nil, false
	}
	return data, true
}
