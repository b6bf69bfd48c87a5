package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
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

// offline adds sw.js to the finished files: the theme's worker with the
// list of every address of the build to keep and a version made from
// their bytes, so the same files give the same worker and any change a
// new one, which browsers then fetch. With offline use off it is still
// written, as a worker that releases the browsers that installed an
// earlier one. It runs after the transforms, on the files as published.
func (b *builder) offline() error {
	tmpl, origin, err := b.theme.Worker()
	if err != nil {
		return diag.Errorf(diag.Pos{File: origin}, "Restore the theme's worker/sw.js, or remove the site's copy", "the offline worker could not be read: %v", err)
	}
	at := bytes.Index(tmpl, []byte(workerPlaceholder))
	if n := bytes.Count(tmpl, []byte(workerPlaceholder)); n != 1 {
		return diag.Errorf(diag.Pos{File: origin, Line: 1, Col: 1}, "Write "+workerPlaceholder+" once, where the build's settings go, as the built-in worker/sw.js does",
			"the offline worker holds %s %d times, not once", workerPlaceholder, n)
	}
	s := workerSettings{Scope: b.cfg.base}
	if b.offlineOn() {
		s.Keep, s.Version = b.keepList(tmpl)
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
	f := []publish.File{{Path: workerPath, Data: out.Bytes()}}
	if err := publish.Apply(f, b.chain()...); err != nil {
		return err
	}
	b.files = append(b.files, f...)
	return nil
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

// keepList gives the address of every file the worker keeps, sorted, and
// the build's version: a short hash of the worker's template, the scope,
// and every kept file's path and bytes.
func (b *builder) keepList(tmpl []byte) (keep []string, version string) {
	h := sha256.New()
	field := func(data []byte) {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(data))))
		h.Write(data)
	}
	field(tmpl)
	field([]byte(b.cfg.base))
	files := slices.Clone(b.files)
	slices.SortFunc(files, func(x, y publish.File) int { return strings.Compare(x.Path, y.Path) })
	for _, f := range files {
		if !keptOffline(f.Path) {
			continue
		}
		field([]byte(f.Path))
		field(f.Data)
		keep = append(keep, fileURL(b.cfg.base, f.Path))
	}
	slices.Sort(keep)
	return keep, hex.EncodeToString(h.Sum(nil)[:6])
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
