package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// workerPath is where the offline worker is published, at the site's root
// so that its scope is the whole site.
const workerPath = "sw.js"

// workerPlaceholder is what the theme's worker holds where the build puts
// its settings (see themes/default/worker/sw.js).
const workerPlaceholder = "__READYKIT_OFFLINE__"

// offlineOn says whether the pages register the offline worker: on unless
// readykit.yaml's options.offline is false or the dev server asked for it
// off.
func (b *builder) offlineOn() bool {
	o := b.cfg.Options.Offline
	return !b.opts.NoOffline && (o == nil || *o)
}

// workerSettings are what the worker is told about this build.
type workerSettings struct {
	Off      bool     `json:"off,omitempty"`
	Scope    string   `json:"scope"`
	Version  string   `json:"version,omitempty"`
	Keep     []string `json:"keep,omitempty"`
	NotFound string   `json:"notFound,omitempty"`
}

// offline adds sw.js to the finished files (b.files), as worker makes it.
func (b *builder) offline() error {
	tmpl, err := b.workerTemplate()
	if err != nil {
		return err
	}
	keep := b.newKeeper(tmpl)
	files := slices.Clone(b.files)
	slices.SortFunc(files, func(x, y publish.File) int { return strings.Compare(x.Path, y.Path) })
	for _, f := range files {
		keep.add(f.Path, f.Data)
	}
	f, err := b.worker(tmpl, keep)
	if err != nil {
		return err
	}
	b.files = append(b.files, f)
	return nil
}

// workerTemplate reads the theme's worker, which must hold the
// placeholder for the build's settings once.
func (b *builder) workerTemplate() ([]byte, error) {
	tmpl, origin, err := b.theme.Worker()
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: origin}, "Restore the theme's worker/sw.js, or remove the site's copy", "the offline worker could not be read: %v", err)
	}
	if n := bytes.Count(tmpl, []byte(workerPlaceholder)); n != 1 {
		return nil, diag.Errorf(diag.Pos{File: origin, Line: 1, Col: 1}, "Write "+workerPlaceholder+" once, where the build's settings go, as the built-in worker/sw.js does",
			"the offline worker holds %s %d times, not once", workerPlaceholder, n)
	}
	return tmpl, nil
}

// worker makes sw.js: the theme's worker tmpl with the list of every
// address of the build to keep and a version made from their bytes (from
// keep, which has been given every file, in order of path), so the same
// files give the same worker and any change a new one, which browsers then
// fetch. With offline use off it is still written, as a worker that
// releases the browsers that installed an earlier one. It is made from the
// files as published, after the transforms.
func (b *builder) worker(tmpl []byte, keep *keeper) (publish.File, error) {
	at := bytes.Index(tmpl, []byte(workerPlaceholder))
	s := workerSettings{Scope: b.cfg.base}
	if b.offlineOn() {
		s.Keep, s.Version = keep.list()
		if slices.Contains(s.Keep, b.relURL("/404.html")) {
			s.NotFound = b.relURL("/404.html")
		}
	} else {
		s.Off = true
	}
	settings, err := json.Marshal(s)
	if err != nil {
		panic(err) // strings and lists of strings always marshal
	}
	var out bytes.Buffer
	out.Write(tmpl[:at])
	out.Write(settings)
	out.Write(tmpl[at+len(workerPlaceholder):])
	// The worker goes through the chain the other files went through
	// (the minifier), after them, since it is made from what they became.
	data, err := publish.Chain(workerPath, out.Bytes(), b.chain()...)
	return publish.File{Path: workerPath, Data: data}, err
}

// keptOffline says whether the file at p is one the worker keeps: not the
// worker itself, nor what only a host or a search engine reads, nor the
// portable copy's .zip, which is large and for downloading.
func keptOffline(p string) bool {
	switch p {
	case workerPath, "_headers", "_redirects", "robots.txt", "sitemap.xml":
		return false
	}
	return !strings.EqualFold(path.Ext(p), ".zip")
}

// keeper works out, a file at a time, the address of every file the
// worker keeps and the build's version: a short hash of the worker's
// template, the scope, and every kept file's path and bytes. Files must
// come in order of path; only their hash and address are kept.
type keeper struct {
	base string
	h    hash.Hash
	keep []string
}

func (b *builder) newKeeper(tmpl []byte) *keeper {
	k := &keeper{base: b.cfg.base, h: sha256.New()}
	k.field(tmpl)
	k.field([]byte(b.cfg.base))
	return k
}

func (k *keeper) field(data []byte) {
	k.h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(data))))
	k.h.Write(data)
}

// add counts the file at p, if the worker keeps it.
func (k *keeper) add(p string, data []byte) {
	if !keptOffline(p) {
		return
	}
	k.field([]byte(p))
	k.field(data)
	k.keep = append(k.keep, fileURL(k.base, p))
}

// list gives the addresses kept, sorted, and the version.
func (k *keeper) list() (keep []string, version string) {
	keep = slices.Sorted(slices.Values(k.keep))
	return keep, hex.EncodeToString(k.h.Sum(nil)[:6])
}

// fileURL is the address a published file is asked for at: a page by its
// folder ("/checklist/" for checklist/index.html, the base for the home
// page), any other file by its path; escaped as a browser writes it.
func fileURL(base, p string) string {
	switch {
	case p == "index.html":
		p = ""
	case strings.HasSuffix(p, "/index.html"):
		p = strings.TrimSuffix(p, "index.html")
	}
	return (&url.URL{Path: base + p}).EscapedPath()
}
