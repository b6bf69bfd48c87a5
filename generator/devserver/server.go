// Package devserver previews a site while it is being edited: it builds
// into memory, serves the result on a local address, watches the site's
// folders, rebuilds on every save and tells open pages to reload over
// server-sent events.
//
// A failed rebuild keeps the last good site in memory; pages show the
// problems instead, and the next good save clears them. A good build's
// warnings head every page it serves. The server never
// reads the disk to answer a request: it serves only what the build put in
// memory, so no address can reach a file outside the built site. It
// answers only requests that name a host it is bound to, so that other
// web sites cannot read the preview through the visitor's browser.
package devserver

import (
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
)

// Paths the server keeps for itself, outside any site's addresses.
const (
	eventsPath = "/_readykit/events"
	scriptPath = "/_readykit/reload.js"
	stylePath  = "/_readykit/errors.css"
	// warnStylePath styles the warnings banner inside the site's own
	// pages, apart from errors.css, whose rules would restyle the page.
	warnStylePath = "/_readykit/warnings.css"
)

// window is how long to wait after a change for the rest of the same save
// (an editor's write, rename and delete come within a millisecond or two),
// so that a save rebuilds once. It is counted from the first change, not
// the last, so a stream of changes cannot put a rebuild off.
const window = 5 * time.Millisecond

// BuildFunc builds the site into sink, running the extra transforms on
// every file, and returns the problems that did not stop the build
// (warnings) or the error that did. The server calls it for the first
// build and every rebuild.
type BuildFunc func(ctx context.Context, extra []publish.Transform, sink publish.Sink) ([]*diag.FileError, error)

// Options configure a Server.
type Options struct {
	Build BuildFunc
	// Root is the site folder to watch, recursively.
	Root string
	// Skip lists folder names under Root that are never watched, such as
	// the output folder.
	Skip []string
	// Log receives a line per rebuild.
	Log io.Writer
	// Hosts are the host names the server answers for besides localhost,
	// names ending in .localhost and IP addresses: the name it is bound
	// to and any the user allows. A name starting with a dot stands for
	// itself and its subdomains. Requests for any other host are refused.
	Hosts []string
	// Fetched names files that pages fetch only when the reader asks,
	// such as a search index, each with the addresses of the pages that
	// fetch it: a change to one reloads those pages. A change to any
	// other file but a page reloads every page.
	Fetched map[string][]string
}

// Server is a dev server for one site.
type Server struct {
	opts Options
	site publish.Memory

	mu   sync.Mutex
	errs error // the last build's error, nil after a good build
	// warns are the last good build's warnings, shown at the top of every
	// page so that they are not missed in a terminal left behind a window.
	warns   []*diag.FileError
	version int // counts builds, good or bad
	clients map[chan int]struct{}
	// history is what the last builds changed, oldest first, so an event
	// stream that missed a build (a client is woken once for several)
	// names everything since the last event it sent.
	history []change
}

// change is what one build changed, for the pages open in browsers.
type change struct {
	version int
	pages   []string // addresses of the pages whose files changed
	all     bool     // every page must reload: see Server.Rebuild
}

// maxHistory is how many builds' changes the server remembers; a stream
// further behind reloads every page.
const maxHistory = 64

// New returns a server that has not built anything yet.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, clients: map[chan int]struct{}{}}
}

// Rebuild builds the site. A good build replaces the site being served; a
// failed one leaves it and is shown in the browser instead. Either way,
// open pages are told what changed: the addresses of the pages whose
// files changed, or every page when a file they share changed (a
// stylesheet, a script, data), when the build failed or the one before it
// did (pages show the error page in place of theirs) or when the warnings
// every page shows changed. It returns the build's error.
func (s *Server) Rebuild(ctx context.Context) error {
	start := time.Now()
	before := s.site.Snapshot()
	warns, err := s.opts.Build(ctx, []publish.Transform{publish.Reload(scriptPath)}, &s.site)
	if ctx.Err() != nil {
		return err
	}
	var files []string
	if err == nil {
		files = publish.Changed(before, s.site.Snapshot())
	}
	s.mu.Lock()
	c := change{all: err != nil || s.errs != nil || err == nil && !sameWarnings(s.warns, warns)}
	if !c.all {
		c.pages, c.all = s.pagesOf(files)
	}
	s.errs = err
	if err == nil {
		s.warns = warns
	}
	s.version++
	c.version = s.version
	s.history = append(s.history, c)
	if len(s.history) > maxHistory {
		s.history = slices.Delete(s.history, 0, len(s.history)-maxHistory)
	}
	v := s.version
	for c := range s.clients {
		select {
		case c <- v:
		default: // the client has a reload pending already
		}
	}
	s.mu.Unlock()
	if err != nil {
		fes := diag.FileErrors(err)
		fmt.Fprintf(s.opts.Log, "Rebuild failed with %s; still serving the last good site\n", problems(len(fes), err))
		diag.Print(s.opts.Log, fes, "  ", "")
	} else {
		fmt.Fprintf(s.opts.Log, "Rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
		// Marked as readykit build marks them, file:line:col first.
		diag.Print(s.opts.Log, warns, "  ", "warning: ")
	}
	return err
}

// pagesOf gives the addresses of the pages that changed files show, or
// all when a file every page may use changed.
func (s *Server) pagesOf(files []string) (pages []string, all bool) {
	for _, f := range files {
		switch {
		case path.Ext(f) == ".html":
			pages = append(pages, "/"+strings.TrimSuffix(f, "index.html"))
		case s.opts.Fetched[f] != nil:
			pages = append(pages, s.opts.Fetched[f]...)
		default:
			return nil, true
		}
	}
	slices.Sort(pages)
	return slices.Compact(pages), false
}

// since gives the current version and what changed after version sent.
func (s *Server) since(sent int) change {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := change{version: s.version}
	if len(s.history) == 0 || s.history[0].version > sent+1 {
		out.all = true
		return out
	}
	for _, c := range s.history {
		if c.version <= sent {
			continue
		}
		out.all = out.all || c.all
		out.pages = append(out.pages, c.pages...)
	}
	if out.all {
		out.pages = nil
	}
	slices.Sort(out.pages)
	out.pages = slices.Compact(out.pages)
	return out
}

// sameWarnings reports whether two builds warned alike.
func sameWarnings(a, b []*diag.FileError) bool {
	return slices.EqualFunc(a, b, func(x, y *diag.FileError) bool { return x.Error() == y.Error() })
}

// state returns the current build's version and error.
func (s *Server) state() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, s.errs
}

// warnings returns the warnings of the site being served.
func (s *Server) warnings() []*diag.FileError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.warns
}

func (s *Server) subscribe() chan int {
	c := make(chan int, 1)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	return c
}

func (s *Server) unsubscribe(c chan int) {
	s.mu.Lock()
	delete(s.clients, c)
	s.mu.Unlock()
}

func problems(n int, err error) string {
	if n == 0 {
		return "an error: " + err.Error()
	}
	return words.Count(n, "problem", "problems")
}
