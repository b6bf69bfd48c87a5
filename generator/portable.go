package generator

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/workers"
	"github.com/readykit/readykit/generator/portable"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
)

// portableSizeMark is what the template function portableSize writes in
// place of the .zip's size, which is known only once the .zip is made;
// portable replaces it in every page.
const portableSizeMark = "{readykit:portable-size}"

// portableMarker is the attribute of the footer's element that offers the
// .zip; in the copy, a line saying where the copy came from replaces it.
const portableMarker = "data-portable"

// workerMarker is the attribute of <html> (base.html) that names the
// offline worker for offline.js to register; the copy has no worker, and
// pages opened from disk cannot have one.
const workerMarker = "data-rk-worker"

// notInCopy are the files of a build that the portable copy leaves out:
// the service worker and the files only a web server reads.
var notInCopy = map[string]bool{"sw.js": true, "_headers": true, "_redirects": true, "sitemap.xml": true, "robots.txt": true}

// portableZipPath is where the published site offers its portable copy.
func (b *builder) portableZipPath() string {
	return "download/" + b.cfg.ProgressKey + "-guide.zip"
}

// portable makes the portable copy from the finished files: a folder that
// works opened from disk, packed as a .zip that joins the site's files.
//
// The order keeps the size on the pages true. The copy is made from the
// pages before their size is filled in, and in the copy the element that
// offers the .zip (and holds the size) is replaced by a line saying where
// the copy came from; so the .zip's bytes do not depend on the size, and
// the size filled into the published pages afterwards is the real one.
func (b *builder) portable() error {
	if !b.cfg.Options.portableOn() {
		if b.opts.Portable != nil {
			return errors.New("readykit.yaml turns the portable copy off (options: portable: false); remove that line to write it")
		}
		return nil
	}
	if b.opts.NoPortable {
		b.fillPortableSize("made by readykit build")
		return nil
	}
	var copied []portable.File
	files := map[string][]byte{}
	for _, f := range b.files {
		if notInCopy[f.Path] || strings.HasSuffix(f.Path, ".zip") {
			continue
		}
		copied = append(copied, portable.File{Path: f.Path, Data: f.Data})
		files[f.Path] = f.Data
	}
	// The bundles are made from the scripts as written, not as minified:
	// esbuild minifies them better, and a problem's line and column are
	// the file's own.
	for _, f := range b.static {
		if path.Ext(f.path) == ".js" {
			data, err := f.read()
			if err != nil {
				return err
			}
			files[f.path] = data
		}
	}
	rw := portable.Rewriter{Base: b.cfg.base, Files: map[string]bool{}}
	for p := range files {
		rw.Files[p] = true
	}
	// Every module script a page loads (app.js; grouppage.js on the group
	// page) becomes a bundle, made once.
	page := portable.Page{Marker: portableMarker, Note: b.copyNote(), Bundles: map[string]string{}, Drop: []string{workerMarker}, DropLinks: []string{"modulepreload"}}
	for _, f := range copied {
		if path.Ext(f.Path) != ".html" {
			continue
		}
		for _, m := range rw.Modules(f.Data) {
			if _, done := page.Bundles[m]; done {
				continue
			}
			if _, ok := files[m]; !ok {
				return fmt.Errorf("%s loads the script %s, which the site does not have", f.Path, m)
			}
			name, script, err := portable.Bundle(files, m, b.cfg.base, b.minify)
			if err != nil {
				return b.scriptProblems(err)
			}
			page.Bundles[m] = name
			copied = append(copied, portable.File{Path: name, Data: script})
		}
	}
	workers.Each(len(copied), func(i int, _ *bytes.Buffer) {
		f := copied[i]
		switch path.Ext(f.Path) {
		case ".html":
			p := page
			p.Path = f.Path
			copied[i].Data = rw.HTML(p, f.Data)
		case ".css":
			copied[i].Data = rw.CSS(f.Path, f.Data)
		}
	})
	zip, err := portable.Zip(b.cfg.ProgressKey+"-guide", copied, b.copyTime())
	if err != nil {
		return err
	}
	b.files = append(b.files, publish.File{Path: b.portableZipPath(), Data: zip})
	slices.SortFunc(b.files, func(x, y publish.File) int { return cmp.Compare(x.Path, y.Path) })
	b.fillPortableSize(words.Size(int64(len(zip))))
	if b.opts.Portable != nil {
		out := make([]publish.File, len(copied))
		for i, f := range copied {
			out[i] = publish.File{Path: f.Path, Data: f.Data}
		}
		return b.opts.Portable.Publish(out)
	}
	return nil
}

// scriptProblems reports the bundler's problems at the site's or the
// theme's file, where they can be fixed.
func (b *builder) scriptProblems(err error) error {
	src := map[string]string{}
	for _, f := range b.static {
		src[f.path] = f.src
	}
	var errs diag.List
	for _, e := range unjoin(err) {
		var se *portable.ScriptError
		if !errors.As(e, &se) {
			errs.Add(e)
			continue
		}
		errs.Addf(diag.Pos{File: cmp.Or(src[se.Path], se.Path), Line: se.Line, Col: se.Col},
			"Fix the script: the portable copy makes one script of those the pages load. Or set portable: false under options: in readykit.yaml to make no copy",
			"%s", se.Msg)
	}
	return errs.Err()
}

// unjoin returns the errors errors.Join joined, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fillPortableSize writes the .zip's size into every page that offers it.
func (b *builder) fillPortableSize(size string) {
	for i, f := range b.files {
		b.files[i].Data = fillPortableSize(f.Path, f.Data, size)
	}
}

// fillPortableSize writes size into the file at p, if it is a page that
// offers the .zip.
func fillPortableSize(p string, data []byte, size string) []byte {
	mark := []byte(portableSizeMark)
	if strings.HasSuffix(p, ".html") && bytes.Contains(data, mark) {
		return bytes.ReplaceAll(data, mark, []byte(html.EscapeString(size)))
	}
	return data
}

// copyNote is the copy's footer line in place of the offer to download it:
// where the copy came from and where the latest is. It names no date of
// making, which the build does not know (it never reads the clock), but
// the date the list of items was last checked, which the copy keeps.
func (b *builder) copyNote() []byte {
	var s strings.Builder
	s.WriteString(`<p class="site-footer__portable">This is a copy of this guide, saved to use without the internet`)
	if e := b.site.Edition; e != nil && !e.Checked.IsZero() {
		s.WriteString(", with the list of items as last checked on " + html.EscapeString(words.Date(e.Checked.Time)))
	}
	s.WriteString(".")
	if u := b.cfg.BaseURL; u != "" {
		s.WriteString(` The latest version is at <a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + `</a>.`)
	}
	s.WriteString("</p>")
	return []byte(s.String())
}

// copyTime is the time the .zip gives its files: from the content, so the
// same site makes the same .zip on any day.
func (b *builder) copyTime() time.Time {
	if e := b.site.Edition; e != nil && !e.Checked.IsZero() {
		return e.Checked.Time
	}
	return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
}
