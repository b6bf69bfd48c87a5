package generator

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// moduleGraph answers which scripts a page should preload: the modules
// its module script imports, found in the build's own script files (a
// site's that override the theme's among them), so the browser asks for
// the whole graph at once instead of finding it one import at a time.
//
// Only static imports (import ... from, export ... from) are followed. A
// module started with import() is preloaded only where a layout says the
// page starts it (see modulePreload); app.js chooses those by the page's
// elements, and e2e/scripts.test.mjs checks every layout's page preloads
// exactly what it loads before it is ready.
//
// Each file is parsed once per build, the first time a page asks, by
// whichever page's goroutine gets there first.
type moduleGraph struct {
	// files lists the build's scripts by the path they are published
	// at, such as js/app.js, each with the function that reads it; it is
	// called once, when the first page asks, after load has chosen them.
	files func() map[string]func() ([]byte, error)

	mu      sync.Mutex
	byPath  map[string]func() ([]byte, error)
	imports map[string][]string // a module's static imports, in order, by path
}

// staticImports returns the paths of the site's modules that p imports
// statically, in the order the file names them.
//
// Preloading only saves time, so it never stops a build: a script that
// cannot be read or parsed has its imports left unfollowed, and an import
// of a file the site does not have is left out. The browser reports
// either in its console, and the portable copy's bundler (portable.go)
// reports them at the file.
func (g *moduleGraph) staticImports(p string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.list()
	if imps, ok := g.imports[p]; ok {
		return imps
	}
	var imps []string
	if read, ok := g.byPath[p]; ok {
		if src, err := read(); err == nil {
			all, _ := moduleImports(p, src)
			for _, imp := range all {
				if _, ok := g.byPath[imp]; ok {
					imps = append(imps, imp)
				}
			}
		}
	}
	g.imports[p] = imps
	return imps
}

// has says whether the site has a script at p.
func (g *moduleGraph) has(p string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.list()
	_, ok := g.byPath[p]
	return ok
}

// list lists the scripts on first use; g.mu is held.
func (g *moduleGraph) list() {
	if g.byPath == nil {
		g.byPath = g.files()
		g.imports = map[string][]string{}
	}
}

// preload returns the paths to preload for a page whose module script is
// entry and which starts the modules started: without started, every
// module entry imports (not entry itself, which the script element
// loads); with started, those modules and what they import beyond what
// entry does, for a layout to add. The order is breadth first, in the
// order the files name their imports, so it is the same on every build.
// A module the site does not have is left out.
func (g *moduleGraph) preload(entry string, started ...string) []string {
	closure := func(roots []string, skip map[string]bool) ([]string, map[string]bool) {
		seen := map[string]bool{}
		var order []string
		queue := roots
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if seen[p] || skip[p] || !g.has(p) {
				continue
			}
			seen[p] = true
			order = append(order, p)
			queue = append(queue, g.staticImports(p)...)
		}
		return order, seen
	}
	base, inBase := closure([]string{entry}, nil)
	if len(started) == 0 {
		if len(base) == 0 {
			return nil
		}
		return base[1:]
	}
	more, _ := closure(started, inBase)
	return more
}

// moduleImports returns the paths of the modules that the module at p
// imports statically and that are files of the site: those named by an
// address relative to p (./x.js, ../x.js). Bare names and full addresses
// are not the site's files, and there is nothing of the site's to preload
// for them.
func moduleImports(p string, src []byte) ([]string, error) {
	ast, err := js.Parse(parse.NewInputBytes(bytes.Clone(src)), js.Options{})
	if err != nil {
		if pe, ok := err.(*parse.Error); ok {
			return nil, fmt.Errorf("%s:%d:%d: %s", p, pe.Line, pe.Column, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var out []string
	for _, st := range ast.List {
		var module []byte
		switch s := st.(type) {
		case *js.ImportStmt:
			module = s.Module
		case *js.ExportStmt:
			module = s.Module
		}
		if len(module) < 2 {
			continue
		}
		spec := string(module[1 : len(module)-1]) // without its quotes
		if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
			out = append(out, path.Join(path.Dir(p), spec))
		}
	}
	return out, nil
}

// modulePreload is the template function: the addresses to preload for a
// page whose module script is entry (such as "/js/app.js") and which
// starts the modules started, as moduleGraph.preload says.
func (b *builder) modulePreload(g *moduleGraph) func(entry string, started ...string) []string {
	return func(entry string, started ...string) []string {
		trim := func(p string) string { return strings.TrimPrefix(p, "/") }
		mods := make([]string, len(started))
		for i, s := range started {
			mods[i] = trim(s)
		}
		paths := g.preload(trim(entry), mods...)
		urls := make([]string, len(paths))
		for i, p := range paths {
			urls[i] = b.relURL("/" + p)
		}
		return urls
	}
}

// preloads is modulePreload for this build: the graph is made on the
// first page's call, once load has chosen the build's scripts, and
// shared by the pages rendered at the same time.
func (b *builder) preloads(entry string, started ...string) []string {
	b.preloadOnce.Do(func() { b.preload = b.modulePreload(&moduleGraph{files: b.scriptFiles}) })
	return b.preload(entry, started...)
}

// scriptFiles lists the build's scripts, as published, by path.
func (b *builder) scriptFiles() map[string]func() ([]byte, error) {
	out := map[string]func() ([]byte, error){}
	for _, f := range b.static {
		if path.Ext(f.path) == ".js" {
			out[f.path] = f.read
		}
	}
	return out
}
