// Package theme loads a site's templates and assets from an overlay of the
// site's own theme folder over the theme embedded in readykit.
//
// A theme is three folders:
//
//	layouts/base.html        the page shell; defines "base" and calls "main"
//	layouts/partials/*.html  shared pieces, available to every layout; each
//	                         file defines one template, named as its path
//	                         (layouts/partials/x.html defines
//	                         "partials/x.html")
//	layouts/<name>.html      one per layout; defines "main" (and may define
//	                         "head"), nothing else
//	assets/                  files published under /assets/ with a content
//	                         hash in their name, so they can be cached forever
//	static/                  files published as they are
//
// One template per file is what lets a site replace any piece of a theme
// by writing a file of the same path: a template defined in some other
// file could not be found, or would be replaced along with its neighbours.
//
// Template errors are reported as FileErrors at the template's line and,
// where Go's template packages say, column.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/readykit/readykit/generator/diag"
)

// Theme is a parsed theme: one template set per layout.
type Theme struct {
	fs      *Overlay
	layouts map[string]*template.Template
	names   map[string]string // template name -> file for messages
	assets  map[string]Asset  // source name under assets/ -> asset
	key     [sha256.Size]byte // the layout files parsed, see layoutsKey
	parts   partials          // what Partial renders from
	// memo is what Partial rendered in this build. A Theme is made per
	// build (a reused Parsed is not), so the memo never outlives one.
	memo struct {
		mu   sync.RWMutex
		html map[memoKey]template.HTML
	}
}

// Parsed is a theme's templates, which a later load of the same layout
// files can take instead of parsing them again (see LoadReusing). The
// dev server parses once and rebuilds on every save: parsing, cloning a
// set per layout and html/template's escaping, which is done on a
// template's first run, were an eighth of a rebuild.
type Parsed struct {
	key     [sha256.Size]byte
	layouts map[string]*template.Template
	names   map[string]string
	parts   partials
}

// Parsed returns t's templates, for LoadReusing.
func (t *Theme) Parsed() *Parsed {
	return &Parsed{key: t.key, layouts: t.layouts, names: t.names, parts: t.parts}
}

// Asset is a file published under /assets/ with a fingerprinted name.
type Asset struct {
	Path string // output path, such as assets/site.1a2b3c4d.css
	Data []byte
}

// Load parses every template in fsys and reads its assets. funcs holds
// every function the templates may call; since a theme is loaded per
// build, they can close over that build's site.
func Load(fsys *Overlay, funcs template.FuncMap) (*Theme, []error) {
	return LoadReusing(fsys, funcs, nil)
}

// LoadReusing is Load, but takes prev's templates when fsys's layout files
// are, name, origin and bytes, the ones prev was parsed from. The templates
// keep the functions prev was parsed with: the caller makes those read the
// build at hand, and runs one build at a time on them.
func LoadReusing(fsys *Overlay, funcs template.FuncMap, prev *Parsed) (*Theme, []error) {
	t := &Theme{fs: fsys, layouts: map[string]*template.Template{}, names: map[string]string{}, assets: map[string]Asset{}}
	var errs diag.List

	files, err := fsys.Files("layouts")
	if err != nil {
		return nil, []error{err}
	}
	key, kerr := layoutsKey(fsys, files)
	if kerr == nil && prev != nil && prev.key == key {
		t.layouts, t.names, t.key, t.parts = prev.layouts, prev.names, prev.key, prev.parts
		errs.Add(t.loadAssets()...)
		return t, errs.Unwrap()
	}
	t.key = key
	var partials, layouts []string
	for _, f := range files {
		if path.Ext(f) != ".html" {
			continue
		}
		t.names[f] = fsys.Origin(f)
		switch {
		case strings.HasPrefix(f, "layouts/partials/"):
			partials = append(partials, f)
		case f == "layouts/base.html":
		case path.Dir(f) == "layouts":
			layouts = append(layouts, f)
		}
	}
	if _, ok := t.names["layouts/base.html"]; !ok {
		errs.Addf(diag.Pos{File: "layouts/base.html"}, "Add layouts/base.html to the theme, or remove the theme override that hides it", "the theme has no base layout")
		return nil, errs.Unwrap()
	}

	for _, f := range append(append([]string{"layouts/base.html"}, partials...), layouts...) {
		errs.Add(t.checkDefines(f)...)
	}
	if errs.Len() > 0 {
		return nil, errs.Unwrap()
	}

	base := template.New("layouts/base.html").Funcs(funcs)
	for _, f := range append([]string{"layouts/base.html"}, partials...) {
		if err := t.parse(base, f); err != nil {
			errs.Add(err)
		}
	}
	if errs.Len() > 0 {
		return nil, errs.Unwrap()
	}
	for _, f := range layouts {
		lt, err := base.Clone()
		if err != nil {
			errs.Add(err)
			continue
		}
		if err := t.parse(lt, f); err != nil {
			errs.Add(err)
			continue
		}
		t.layouts[strings.TrimSuffix(path.Base(f), ".html")] = lt
	}
	// base was only cloned, never run, so it can still be escaped on
	// its own: Partial runs the partials from it.
	t.parts = findPartials(fsys, base, t.layouts)
	if kerr != nil {
		// Never taken for another theme's templates.
		t.key = [sha256.Size]byte{}
	}
	errs.Add(t.loadAssets()...)
	return t, errs.Unwrap()
}

// layoutsKey identifies the templates parsed from files: every file under
// layouts/ by name, origin and bytes, since which files there are decides
// which are parsed and how their problems are reported.
func layoutsKey(fsys *Overlay, files []string) ([sha256.Size]byte, error) {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	for _, f := range files {
		data, err := fsys.ReadFile(f)
		if err != nil {
			return [sha256.Size]byte{}, err
		}
		field([]byte(f))
		field([]byte(fsys.Origin(f)))
		field(data)
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k, nil
}

// loadAssets reads the files under assets/.
func (t *Theme) loadAssets() []error {
	var errs diag.List
	assets, err := t.fs.Files("assets")
	if err != nil {
		errs.Add(err)
	}
	for _, name := range assets {
		data, err := t.fs.ReadFile(name)
		if err != nil {
			errs.Add(err)
			continue
		}
		t.AddAsset(strings.TrimPrefix(name, "assets/"), data)
	}
	return errs.Unwrap()
}

// AddAsset publishes data under /assets/ as if it were the theme's file
// assets/name, with its content hash in its name; it takes the place of
// a theme file of that name. It is for files the build makes from the
// site's settings, such as the brand's stylesheet, and must be called
// before any page is rendered.
func (t *Theme) AddAsset(name string, data []byte) Asset {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	a := Asset{
		Path: "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext,
		Data: data,
	}
	t.assets[name] = a
	return a
}

// layoutTemplates are the templates a layout (or base.html) may define.
var layoutTemplates = map[string]bool{"main": true, "head": true}

// checkDefines reports a template defined in a file other than its own: a
// partial file defines exactly the template named as its path, and a
// layout only "main" and "head". Anything else is reported at its
// {{define}}, so the theme's author knows what to move.
func (t *Theme) checkDefines(f string) []error {
	src, err := t.fs.ReadFile(f)
	if err != nil {
		return []error{err}
	}
	// Function names are not known here; parse only finds the defines.
	// A file that does not parse is reported when it is parsed for real.
	trees := map[string]*parse.Tree{}
	tr := parse.New(f)
	tr.Mode = parse.SkipFuncCheck
	if _, err := tr.Parse(string(src), "", "", trees); err != nil {
		return nil
	}
	own := strings.TrimPrefix(f, "layouts/")
	partial := strings.HasPrefix(f, "layouts/partials/")
	var errs diag.List
	names := make([]string, 0, len(trees))
	for name := range trees {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if name == f || partial && name == own || !partial && layoutTemplates[name] {
			continue
		}
		pos := t.definePos(f, src, trees[name])
		var hint string
		if strings.HasPrefix(name, "partials/") && strings.HasSuffix(name, ".html") {
			hint = fmt.Sprintf("Move it into its own file, layouts/%s, named as it is called", name)
		} else {
			hint = fmt.Sprintf("Move it into its own file, layouts/partials/%s.html, and call it as \"partials/%s.html\"", name, name)
		}
		if partial {
			errs.Addf(pos, hint, "this partial also defines %q, but a partial file defines only the template named as its path, %q", name, own)
		} else {
			errs.Addf(pos, hint, "this layout also defines %q, but a layout defines only \"main\" and \"head\"", name)
		}
	}
	if partial && trees[own] == nil {
		errs.Addf(diag.Pos{File: t.names[f], Line: 1, Col: 1}, fmt.Sprintf("Wrap the file in {{define %q}} ... {{end}}", own),
			"this partial does not define %q, the template named as its path", own)
	}
	return errs.Unwrap()
}

// definePos finds the {{define}} (or {{block}}) that starts tree: the last
// "{{" before its body.
func (t *Theme) definePos(f string, src []byte, tree *parse.Tree) diag.Pos {
	off := 0
	if tree != nil && tree.Root != nil {
		off = strings.LastIndex(string(src[:min(int(tree.Root.Pos), len(src))]), "{{")
		if off < 0 {
			off = 0
		}
	}
	before := string(src[:off])
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1
	return diag.Pos{File: t.names[f], Line: line, Col: col}
}

func (t *Theme) parse(into *template.Template, name string) error {
	src, err := t.fs.ReadFile(name)
	if err != nil {
		return err
	}
	var tmpl *template.Template
	if into.Name() == name {
		tmpl = into
	} else {
		tmpl = into.New(name)
	}
	if _, err := tmpl.Parse(string(src)); err != nil {
		return t.fileError(err, src)
	}
	return nil
}

// Layouts lists the layouts the theme has, sorted.
func (t *Theme) Layouts() []string {
	out := make([]string, 0, len(t.layouts))
	for name := range t.layouts {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Has reports whether the theme has a layout.
func (t *Theme) Has(layout string) bool { return t.layouts[layout] != nil }

// Asset returns the published form of a file under assets/.
func (t *Theme) Asset(name string) (Asset, bool) {
	a, ok := t.assets[name]
	return a, ok
}

// Assets returns every asset, sorted by path.
func (t *Theme) Assets() []Asset {
	out := make([]Asset, 0, len(t.assets))
	for _, a := range t.assets {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Asset) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Static lists files under static/, to be published as they are, with
// their paths relative to static/.
func (t *Theme) Static() ([]string, error) {
	files, err := t.fs.Files("static")
	for i, f := range files {
		files[i] = strings.TrimPrefix(f, "static/")
	}
	return files, err
}

// ReadStatic reads a file listed by Static.
func (t *Theme) ReadStatic(name string) ([]byte, error) {
	return t.fs.ReadFile("static/" + name)
}

// workerFile is the theme's service worker, which the build fills in and
// publishes as /sw.js. It is not under static/, which is published as it
// is.
const workerFile = "worker/sw.js"

// Worker reads the theme's service worker, and names the file it came
// from, for messages.
func (t *Theme) Worker() (data []byte, origin string, err error) {
	data, err = t.fs.ReadFile(workerFile)
	return data, t.fs.Origin(workerFile), err
}

// Execute renders layout with data, adding to buf. It may be called from
// several goroutines at once, each with its own buf. A failed page adds
// nothing.
func (t *Theme) Execute(buf *bytes.Buffer, layout string, data any) error {
	lt := t.layouts[layout]
	if lt == nil {
		return fmt.Errorf("no layout %q", layout)
	}
	n := buf.Len()
	if err := lt.ExecuteTemplate(buf, "layouts/base.html", data); err != nil {
		buf.Truncate(n)
		// A partial that Partial ran reports its own line, not the
		// line that called it.
		var fe *diag.FileError
		if errors.As(err, &fe) {
			return fe
		}
		return t.fileError(err, nil)
	}
	return nil
}

// Template errors look like
//
//	template: layouts/item.html:12: function "x" not defined
//	template: layouts/item.html:12:5: executing "main" at <.X>: ...
//	html/template:layouts/item.html:12:5: ...
var (
	templateErr = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)
	quoted      = regexp.MustCompile(`"([^"]+)"`)
)

// fileError turns an error from html/template into a FileError naming the
// real file. Parse errors carry no column; where the message quotes a
// name, the column is found by looking for it on the line.
func (t *Theme) fileError(err error, src []byte) error {
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	name, msg := m[1], m[4]
	file := t.names[name]
	if file == "" {
		file = name
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	if col == 0 {
		col = 1
		if src != nil {
			if q := quoted.FindStringSubmatch(msg); q != nil {
				lines := strings.Split(string(src), "\n")
				if line-1 < len(lines) {
					if i := strings.Index(lines[line-1], q[1]); i >= 0 {
						col = len([]rune(lines[line-1][:i])) + 1
					}
				}
			}
		}
	}
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col},
		"Fix the template; the Go html/template documentation describes the syntax",
		"template error: %s", msg)
}
