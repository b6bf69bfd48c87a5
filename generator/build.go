package generator

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/sitefs"
	"github.com/readykit/readykit/generator/theme"
	"github.com/readykit/readykit/generator/toolkit"
)

// Options say what to build and how.
type Options struct {
	// Source is the site folder.
	Source fs.FS
	// Theme is the embedded theme that the site's theme folder overrides.
	Theme fs.FS
	// BaseURL, when set, replaces the base URL in readykit.yaml.
	BaseURL string
	// Drafts includes pages marked draft.
	Drafts bool
	// Minify minifies HTML, CSS, JavaScript, JSON, SVG and XML.
	Minify bool
	// Transforms run on every output file after minifying; the dev server
	// adds its reload script this way.
	Transforms []publish.Transform
	// Today is the date that warnings about passed deadlines are judged
	// against. The engine never reads the clock, so a build is the same on
	// any day and tests can choose the day; zero gives no such warnings.
	// The pages never depend on it.
	Today time.Time
	// Client, when set, builds that client of the portfolio at Source: the
	// folder clients/<Client> lies over the shared site (see Clients).
	Client string
	// Cache, when set, keeps what builds of the same site can share:
	// readykit serve keeps one from NewRebuildCache across its rebuilds
	// (BuildPortfolio makes its own for its clients). Builds with and
	// without it give the same files.
	Cache *Cache
	// NoOffline turns offline use off whatever readykit.yaml says, as
	// options.offline: false does; the dev server sets it, so the
	// preview is never answered by a worker holding an older build.
	NoOffline bool
	// NoPortable skips the portable copy, as the dev server does: its
	// pages carry the dev server's reload script.
	NoPortable bool
	// Portable, when set, is also given the portable copy's files, as
	// they are in the .zip's folder, for readykit build --portable.
	Portable publish.Sink
}

// Result describes a finished build.
type Result struct {
	Pages int   // HTML pages written
	Files int   // all files written
	Bytes int64 // total size of the files
	// Warnings are problems that did not stop the build, such as an
	// edition whose deadline has passed, by position.
	Warnings []*diag.FileError
}

// StageError is the error of a build stage: its name and what went wrong,
// often a diag.Errors list.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// builder holds one build's state as it passes through the stages.
type builder struct {
	opts Options
	// root is the guarded folder the build was given; for a client it is
	// the portfolio's, and opts.Source the client's view of it.
	root fs.FS
	// origin names the real file of a problem (a client's own or the
	// shared one); nil for a plain site.
	origin func(string) string

	cfg     Config
	cfgRead bool // the settings were read, so the other stages can run
	theme   *theme.Theme
	md      *markdown.Converter
	data    toolkit.Data
	prog    programme.Programme
	// progUnread is set when the programme file could not be read, so
	// its checks would only repeat the load stage's problem.
	progUnread bool
	rules      []*plan.Rules // rule sets improvement plans are judged by

	pages       []*Page
	unreadPages []string // addresses of pages whose files could not be read
	static      []staticFile
	itemDocs    map[string]markdown.Doc // each item's guidance, by id, as read

	// pageBodies (like pages) and itemBodies (by id) are the Markdown as
	// check rendered it. check parses each page to check its links, and
	// makes what later stages need of it there and then, so that no
	// page's syntax tree outlives its check: at thousands of pages the
	// trees were most of a build's memory. They are check's findings, not
	// the model; assemble gives them to the pages.
	pageBodies []*body
	itemBodies map[string]*body

	view *toolkit.View // the selected edition, from assemble

	site *Site
	// outputs are every file render found the site publishes, by path.
	outputs []output
	// files are the finished files, kept only for a portable copy.
	files []publish.File
	// published counts what publish handed to the sink.
	published struct {
		files int
		bytes int64
	}
	// minify is whether the build minifies, as asked: a build with a
	// Cache minifies through its transforms instead of opts.Minify.
	minify bool
	// release gives back what the build borrowed from its Cache (the
	// parsed theme), once it is done.
	release []func()
	// memo says how the build's pages are found in its Cache's memo of
	// pages rendered before (see execute); nil without a Cache.
	memo *pageState
	// preload is modulePreload's lists for this build, made once
	// (preloads in scripts.go).
	preloadOnce sync.Once
	preload     func(entry string, started ...string) []string
}

// Build builds the site described by opts and hands the finished files to
// sink. It returns a *StageError naming the stage that failed.
func Build(ctx context.Context, opts Options, sink publish.Sink) (*Result, error) {
	reads := track(&opts)
	b, err := newBuilder(opts)
	if err != nil {
		return nil, &StageError{Stage: "load", Err: err}
	}
	b.memo = &pageState{reads: reads}
	defer b.done()
	res, err := b.build(ctx, sink)
	if b.origin != nil {
		relocate(err, b.origin)
		if res != nil {
			for _, w := range res.Warnings {
				relocate(w, b.origin)
			}
		}
	}
	return res, err
}

// newBuilder starts a build of opts: of the site, or of one client of a
// portfolio, whose view of the folder is the client's over the shared.
func newBuilder(opts Options) (*builder, error) {
	opts.Source = sitefs.Guard(opts.Source)
	minify := opts.Minify
	if opts.Cache != nil && opts.Minify {
		// The same minifier, first in the chain as publish puts it, with
		// the files all clients share minified once.
		opts.Minify = false
		opts.Transforms = append([]publish.Transform{opts.Cache.minify.Remember(publish.Minifier(), ".html")}, opts.Transforms...)
	}
	b := &builder{opts: opts, root: opts.Source, minify: minify}
	if opts.Client != "" {
		if err := checkClient(b.root, opts.Client); err != nil {
			return nil, err
		}
		cfs := newClientFS(b.root, opts.Client)
		b.opts.Source = sitefs.Guard(cfs)
		b.origin = cfs.Origin
	}
	return b, nil
}

func (b *builder) build(ctx context.Context, sink publish.Sink) (*Result, error) {
	stages := []struct {
		name string
		run  func() error
	}{
		{"load", b.load},
		{"check", b.check},
		{"assemble", b.assemble},
		{"render", b.render},
		{"publish", func() error { return b.publish(sink) }},
	}
	res := &Result{}
	var loadErr error
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return nil, &StageError{Stage: s.name, Err: err}
		}
		err := s.run()
		switch {
		case s.name == "load" && err != nil && b.cfgRead:
			// The check stage still runs on what loaded, so one run
			// lists as much as it can; what could not be loaded is
			// marked, so its knock-on effects are not reported too.
			loadErr = err
			continue
		case loadErr != nil:
			return nil, causeFirst(loadErr, err)
		case err != nil:
			var se *StageError
			if errors.As(err, &se) {
				// publish renders the pages, and says so of their problems.
				return nil, se
			}
			return nil, &StageError{Stage: s.name, Err: err}
		}
	}
	res.Files, res.Bytes = b.published.files, b.published.bytes
	res.Pages = len(b.site.Pages)
	res.Warnings = b.warn()
	return res, nil
}

// causeFirst joins the load stage's problems and those the check stage
// then found, the load's first: a file that could not be read explains
// what follows from it.
func causeFirst(loadErr, checkErr error) error {
	if checkErr == nil {
		return &StageError{Stage: "load", Err: loadErr}
	}
	var list diag.Errors
	errors.As(loadErr, &list)
	var more diag.Errors
	if !errors.As(checkErr, &more) {
		return &StageError{Stage: "load", Err: errors.Join(loadErr, checkErr)}
	}
	return &StageError{Stage: "load and check", Err: append(slices.Clip(list), more...)}
}
