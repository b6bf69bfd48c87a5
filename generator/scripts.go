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
	// files returns the script published at a path, such as js/app.js,
	// and whether the site has one.
	files func() map[string]func() ([]byte, error)

	mu      sync.Mutex
	byPath  map[string]func() ([]byte, error)
	imports map[string][]string // a module's static imports, in order, by path
}

// staticImports returns the paths of the modules p imports statically, in
// the order the file names them.
func (g *moduleGraph) staticImports(p string) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byPath == nil {
		g.byPath = g.files()
		g.imports = map[string][]string{}
	}
	if imps, ok := g.imports[p]; ok {
		return imps, nil
	}
	read, ok := g.byPath[p]
	if !ok {
		return nil, fmt.Errorf("the site has no script %s", p)
	}
	src, err := read()
	if err != nil {
		return nil, err
	}
	imps, err := moduleImports(p, src)
	if err != nil {
		return nil, err
	}
	for _, imp := range imps {
		if _, ok := g.byPath[imp]; !ok {
			return nil, fmt.Errorf("%s imports %s, which the site does not have", p, imp)
		}
	}
	g.imports[p] = imps
	return imps, nil
}

// preload returns the paths to preload for a page whose module script is
// entry and which starts the modules started: without started, every
// module entry imports (not entry itself, which the script element
// loads); with started, those modules and what they import beyond what
// entry does, for a layout to add. The order is breadth first, in the
// order the files name their imports, so it is the same on every build.
func (g *moduleGraph) preload(entry string, started ...string) ([]string, error) {
	closure := func(roots []string, skip map[string]bool) ([]string, map[string]bool, error) {
		seen := map[string]bool{}
		var order []string
		queue := roots
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if seen[p] || skip[p] {
				continue
			}
			seen[p] = true
			order = append(order, p)
			imps, err := g.staticImports(p)
			if err != nil {
				return nil, nil, err
			}
			queue = append(queue, imps...)
		}
		return order, seen, nil
	}
	base, inBase, err := closure([]string{entry}, nil)
	if err != nil {
		return nil, err
	}
	if len(started) == 0 {
		return base[1:], nil
	}
	more, _, err := closure(started, inBase)
	return more, err
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
func (b *builder) modulePreload(g *moduleGraph) func(entry string, started ...string) ([]string, error) {
	return func(entry string, started ...string) ([]string, error) {
		trim := func(p string) string { return strings.TrimPrefix(p, "/") }
		mods := make([]string, len(started))
		for i, s := range started {
			mods[i] = trim(s)
		}
		paths, err := g.preload(trim(entry), mods...)
		if err != nil {
			return nil, err
		}
		urls := make([]string, len(paths))
		for i, p := range paths {
			urls[i] = b.relURL("/" + p)
		}
		return urls, nil
	}
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
