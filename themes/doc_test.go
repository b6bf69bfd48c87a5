package themes_test

import (
	"context"
	"go/ast"
	"go/doc"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// manual is the package doc of themes, read the way go doc reads it: its
// text, and the lines of its code blocks under each heading.
type manual struct {
	text string
	code map[string][]string // heading -> code lines, in order
}

func readManual(t *testing.T) manual {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "github.com/readykit/readykit/themes")
	if err != nil {
		t.Fatal(err)
	}
	m := manual{text: pkg.Doc, code: map[string][]string{}}
	heading := ""
	for _, b := range pkg.Parser().Parse(pkg.Doc).Content {
		switch b := b.(type) {
		case *comment.Heading:
			heading = plain(b.Text)
		case *comment.Code:
			m.code[heading] = append(m.code[heading], strings.Split(strings.TrimSuffix(b.Text, "\n"), "\n")...)
		}
	}
	if len(m.code) == 0 {
		t.Fatal("the package doc has no code blocks: is the manual still in doc.go?")
	}
	return m
}

func plain(text []comment.Text) string {
	var b strings.Builder
	for _, t := range text {
		switch t := t.(type) {
		case comment.Plain:
			b.WriteString(string(t))
		case comment.Italic:
			b.WriteString(string(t))
		case *comment.Link:
			b.WriteString(plain(t.Text))
		case *comment.DocLink:
			b.WriteString(plain(t.Text))
		}
	}
	return b.String()
}

// section returns the code lines under a heading, failing if there are
// none, so a renamed heading is not mistaken for an empty list.
func (m manual) section(t *testing.T, heading string) []string {
	t.Helper()
	lines := m.code[heading]
	if len(lines) == 0 {
		t.Fatalf("the manual has no code block under the heading %q", heading)
	}
	return lines
}

// examples are the {{ ... }} examples of the manual's code blocks, one per
// line: from a line's first {{ to its last }}.
func (m manual) examples() []string {
	var out []string
	for _, lines := range m.code {
		for _, l := range lines {
			i, j := strings.Index(l, "{{"), strings.LastIndex(l, "}}")
			if i >= 0 && j > i {
				out = append(out, l[i:j+2])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// funcEntry is a function's line under Functions: its Go signature.
var funcEntry = regexp.MustCompile(`^([A-Za-z]\w*)\(`)

func (m manual) funcs(t *testing.T) []string {
	var out []string
	for _, l := range m.section(t, "Functions") {
		if f := funcEntry.FindStringSubmatch(l); f != nil {
			out = append(out, f[1])
		}
	}
	slices.Sort(out)
	return out
}

// funcMapNames reads the keys of the template.FuncMap literals in the
// engine's source. Build gives the FuncMap to the theme and no exported
// name lists it, so the source is the one place that does.
func funcMapNames(t *testing.T) []string {
	t.Helper()
	var out []string
	fset := token.NewFileSet()
	for _, dir := range []string{"../generator", "../generator/theme"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok || !isFuncMap(lit.Type) {
					return true
				}
				for _, e := range lit.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if k, ok := kv.Key.(*ast.BasicLit); ok && k.Kind == token.STRING {
						name, err := strconv.Unquote(k.Value)
						if err != nil {
							t.Fatal(err)
						}
						out = append(out, name)
					}
				}
				return true
			})
		}
	}
	if len(out) == 0 {
		t.Fatal("found no template.FuncMap in generator or generator/theme: if the theme's functions moved, read them from their new home")
	}
	slices.Sort(out)
	return out
}

func isFuncMap(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		return e.Sel.Name == "FuncMap"
	case *ast.Ident:
		return e.Name == "FuncMap"
	}
	return false
}

// TestManualFunctions: every function templates may call has a line in
// the manual, and the manual names no function templates cannot call.
func TestManualFunctions(t *testing.T) {
	m := readManual(t)
	documented, real := m.funcs(t), funcMapNames(t)
	for _, name := range real {
		if !slices.Contains(documented, name) {
			t.Errorf("template function %s is not in the manual: add its signature and an example under Functions in themes/doc.go", name)
		}
	}
	for _, name := range documented {
		if !slices.Contains(real, name) {
			t.Errorf("the manual names template function %s, which templates cannot call: remove it from themes/doc.go", name)
		}
	}
}

// fieldsAndMethods lists the exported fields of a struct type and the
// exported methods of a pointer to it: all a template can reach.
func fieldsAndMethods(v any) []string {
	typ := reflect.TypeOf(v)
	var out []string
	for f := range typ.Fields() {
		if f.IsExported() {
			out = append(out, f.Name)
		}
	}
	for m := range reflect.PointerTo(typ).Methods() {
		out = append(out, m.Name)
	}
	slices.Sort(out)
	return out
}

// TestManualFields: every exported field and method of Site and Page, and
// of the PageData a layout is given, has an example in the manual, and the
// manual documents none they do not have.
func TestManualFields(t *testing.T) {
	m := readManual(t)
	for _, c := range []struct {
		heading string
		value   any
		ref     *regexp.Regexp // the name an example documents
	}{
		{"Site", generator.Site{}, regexp.MustCompile(`^{{ (?:\w+ )?\.Site\.(\w+)`)},
		{"Page", generator.Page{}, regexp.MustCompile(`^{{ (?:\w+ )?\.Page\.(\w+)`)},
		{"What a layout is given", generator.PageData{}, regexp.MustCompile(`^{{ \.(\w+) }}`)},
	} {
		var documented []string
		for _, l := range m.section(t, c.heading) {
			if r := c.ref.FindStringSubmatch(l); r != nil {
				documented = append(documented, r[1])
			}
		}
		real := fieldsAndMethods(c.value)
		for _, name := range real {
			if !slices.Contains(documented, name) {
				t.Errorf("%s.%s is not in the manual: add an example for it under %q in themes/doc.go", reflect.TypeOf(c.value).Name(), name, c.heading)
			}
		}
		for _, name := range documented {
			if !slices.Contains(real, name) {
				t.Errorf("the manual documents %s.%s under %q, which does not exist", reflect.TypeOf(c.value).Name(), name, c.heading)
			}
		}
	}
}

// themeFiles reads every template of the default theme, by path.
func themeFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(themes.Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		out[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var defined = regexp.MustCompile(`{{-?\s*(?:define|block)\s+"([^"]+)"`)

// TestManualTemplates: every file in the theme's layouts folder has an
// entry under Layouts or Partials, every entry is a file, and every
// template the files define or call as a block is named in the manual.
func TestManualTemplates(t *testing.T) {
	m := readManual(t)
	files := themeFiles(t)
	entries := map[string]bool{}
	for _, heading := range []string{"Layouts", "Partials"} {
		for _, l := range m.section(t, heading) {
			if strings.HasPrefix(l, "layouts/") {
				entries[strings.TrimSpace(l)] = true
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if !entries[p] {
			t.Errorf("%s is not in the manual: add a line for it under Layouts or Partials in themes/doc.go", p)
		}
		for _, d := range defined.FindAllStringSubmatch(files[p], -1) {
			if !strings.Contains(m.text, strconv.Quote(d[1])) {
				t.Errorf("%s defines the template %q, which the manual does not name", p, d[1])
			}
		}
	}
	for p := range entries {
		if _, ok := files[p]; !ok {
			t.Errorf("the manual describes %s, which the theme does not have", p)
		}
	}
}

var (
	hook    = regexp.MustCompile(`data-rk-[a-z0-9-]+`)
	dataset = regexp.MustCompile(`dataset\.rk([A-Z]\w*)`)
	upper   = regexp.MustCompile(`[A-Z]`)
)

// scriptHooks lists the data-rk-* attributes the theme's scripts use, by
// selector or through dataset.
func scriptHooks(t *testing.T) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(themes.Default(), "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		out = append(out, hook.FindAllString(string(data), -1)...)
		for _, m := range dataset.FindAllStringSubmatch(string(data), -1) {
			out = append(out, "data-rk"+upper.ReplaceAllStringFunc(m[1], func(c string) string { return "-" + strings.ToLower(c) }))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("found no data-rk-* attribute in the theme's scripts")
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestManualHooks: the attributes the scripts find their parts of a page
// by are listed under each template that has them, and only those.
func TestManualHooks(t *testing.T) {
	m := readManual(t)
	listed := map[string][]string{}
	file := ""
	for _, l := range m.section(t, "Script hooks") {
		if strings.HasPrefix(l, "layouts/") {
			file = strings.TrimSpace(l)
			listed[file] = nil
			continue
		}
		listed[file] = append(listed[file], hook.FindAllString(l, -1)...)
	}
	used := scriptHooks(t)
	inTemplate := map[string][]string{}
	for p, src := range themeFiles(t) {
		inTemplate[p] = hook.FindAllString(src, -1)
	}
	for _, p := range slices.Sorted(maps.Keys(inTemplate)) {
		for _, a := range inTemplate[p] {
			if slices.Contains(used, a) && !slices.Contains(listed[p], a) {
				t.Errorf("%s has the script hook %s, which the manual does not list for it under Script hooks", p, a)
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(listed)) {
		for _, a := range listed[p] {
			switch {
			case !slices.Contains(inTemplate[p], a):
				t.Errorf("the manual lists the script hook %s for %s, which does not have it", a, p)
			case !slices.Contains(used, a):
				t.Errorf("the manual lists %s for %s, but no script uses it", a, p)
			}
		}
	}
}

// TestManualExamples builds the default site with every example of the
// manual in the item layout, with the real functions: an example that
// names a field, method or function that does not exist, or calls one
// wrongly, stops the build. The site fixes its programme's dates, so the
// examples reach Site.Schedule too.
func TestManualExamples(t *testing.T) {
	m := readManual(t)
	var layout, top strings.Builder
	layout.WriteString(`{{ define "main" }}` + "\n")
	examples := m.examples()
	for _, ex := range examples {
		if strings.HasPrefix(ex, "{{ define ") {
			top.WriteString(ex + "\n")
			continue
		}
		layout.WriteString(ex + "\n")
	}
	// A function's name alone is parsed but never run: a name the real
	// FuncMap does not have fails the parse.
	for _, f := range m.funcs(t) {
		layout.WriteString("{{ if false }}{{ " + f + " }}{{ end }}\n")
	}
	layout.WriteString("{{ end }}\n")
	layout.WriteString(top.String())

	src := fstest.MapFS{}
	err := fs.WalkDir(readykit.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(readykit.Starter(), p)
		src[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(src[generator.ConfigFile].Data)
	src[generator.ConfigFile].Data = []byte(cfg + "\nprogramme:\n  start: 2027-04-12\n  client: Oak House Care\n")
	src["themes/default/layouts/item.html"] = &fstest.MapFile{Data: []byte(layout.String())}

	var mem publish.Memory
	opts := generator.Options{Source: src, Theme: themes.Default(), BaseURL: "https://example.org/dspt/"}
	if _, err := generator.Build(context.Background(), opts, &mem); err != nil {
		var listing strings.Builder
		for i, l := range strings.Split(layout.String(), "\n") {
			listing.WriteString(strconv.Itoa(i+1) + "\t" + l + "\n")
		}
		t.Fatalf("an example in the manual (themes/doc.go) does not run: %v\n\nthe item layout made from the examples:\n%s", err, listing.String())
	}
	if len(examples) < 100 {
		t.Errorf("found only %d examples in the manual; is it read whole?", len(examples))
	}
	// The examples ran on item pages: one shows the schedule's dates.
	page, ok := mem.Get("items/1.1.1/index.html")
	if !ok {
		t.Fatal("the build made no page for item 1.1.1")
	}
	for _, want := range []string{
		"Oak House Care",                         // the schedule's client
		"/dspt/items/1.1.1/",                     // an address under the base path
		`<meta name="robots" content="noindex">`, // the layout's "head"
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the item page made from the examples has no %s:\n%s", want, page)
		}
	}
}
