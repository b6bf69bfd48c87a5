// Package markdown turns a page's Markdown into HTML with goldmark, and
// checks and rewrites its links on the way.
//
// The setup is fixed so every site renders alike: GitHub-flavoured tables,
// task lists, strikethrough and autolinks; ids on headings so sections can
// be linked to; typographic quotes and dashes written as characters. Raw
// HTML is left out unless a site turns it on, since a content author should
// not be able to add scripts to a page by accident.
//
// With raw HTML off, nothing in Markdown can break the site's promises: a
// heading may carry only an id and classes (no style or event handler),
// table alignment is written as a class rather than an inline style, and an
// image may load only from the site itself or from a host the site allows
// (Options.AllowedHosts). The limits in limits.go keep the time and memory
// a page takes in bounds. Each breach is reported at its position with
// what to do.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/words"
)

// Options configure a Converter.
type Options struct {
	// Unsafe lets raw HTML in Markdown through to the page.
	Unsafe bool
	// AllowedHosts names the hosts, such as "images.example.org", that
	// images may load from. Images from any other host are an error, since
	// a site promises that reading it sends nothing to anyone else.
	AllowedHosts []string
}

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md      goldmark.Markdown
	allowed map[string]bool
}

// New returns a Converter with readykit's goldmark setup.
func New(opts Options) *Converter {
	var rendererOpts []goldmark.Option
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(extensions(table{})...),
	)...)
	allowed := map[string]bool{}
	for _, h := range opts.AllowedHosts {
		allowed[strings.ToLower(h)] = true
	}
	return &Converter{md: md, allowed: allowed}
}

// extensions are readykit's goldmark extensions, with tables made by
// tables.
func extensions(tables goldmark.Extender) []goldmark.Extender {
	return []goldmark.Extender{
		extension.Linkify,
		extension.Strikethrough,
		extension.TaskList,
		tables,
		extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
			extension.LeftSingleQuote:  []byte("‘"),
			extension.RightSingleQuote: []byte("’"),
			extension.LeftDoubleQuote:  []byte("“"),
			extension.RightDoubleQuote: []byte("”"),
			extension.EnDash:           []byte("–"),
			extension.EmDash:           []byte("—"),
			extension.Ellipsis:         []byte("…"),
			extension.LeftAngleQuote:   []byte("«"),
			extension.RightAngleQuote:  []byte("»"),
			extension.Apostrophe:       []byte("’"),
		})),
	}
}

// Bare returns goldmark with readykit's extensions but none of its limits,
// link checks or class-aligned tables: the floor make bench compares
// builds with (tools/benchsite/floor), which must parse what readykit
// parses and do nothing more.
func Bare() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
		goldmark.WithExtensions(extensions(extension.Table)...),
	)
}

// newParser is goldmark's default parser with its heading, block quote and
// list parsers wrapped: headings to check their attributes and give them
// ids, block quotes and lists to limit how deep they nest. A paragraph is
// checked against the block limits after tables have been taken out of it.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(headings{parser.NewSetextHeadingParser(parser.WithHeadingAttribute())}, 100),
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(nestingLimit{parser.NewListParser(), true}, 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(headings{parser.NewATXHeadingParser(parser.WithHeadingAttribute())}, 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(nestingLimit{parser.NewBlockquoteParser(), false}, 800),
			util.Prioritized(parser.NewHTMLBlockParser(), 900),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(
			append(parser.DefaultParagraphTransformers(),
				util.Prioritized(lineLimit{}, 0), util.Prioritized(paragraphLimit{}, 1000))...),
	)
}

// table is goldmark's GFM table extension with the cells checked and
// aligned by class (see tableCells).
type table struct{}

func (table) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableCells{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(
		extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)), 500)))
}

// Doc is Markdown text and where it sits in its file.
type Doc struct {
	File   string
	Line   int // the file line of Source's first line
	Source []byte
}

// Parsed is a parsed document, ready to have its links checked and to be
// rendered.
type Parsed struct {
	c        *Converter
	doc      Doc
	root     ast.Node
	lines    []int // byte offset of each line start in Source
	problems []problem
}

// Parse parses doc. Markdown has no syntax errors, but what breaks a limit
// or a promise (see the package doc) is kept as a problem, which Links
// reports; the offending part is left out of the page.
func (c *Converter) Parse(doc Doc) *Parsed {
	lines := []int{0}
	for i, b := range doc.Source {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	p := &Parsed{c: c, doc: doc, lines: lines}
	if len(doc.Source) > maxSource {
		p.root = ast.NewDocument()
		p.problems = []problem{{off: 0, hint: "Split it into several pages",
			msg: fmt.Sprintf("this page's text is %d bytes long, more than the limit of %d", len(doc.Source), maxSource)}}
		return p
	}
	pc := parser.NewContext()
	s := stateOf(pc)
	p.root = c.md.Parser().Parse(text.NewReader(doc.Source), parser.WithContext(pc))
	p.problems = s.problems
	return p
}

// Resolver maps a link destination as written to the address to put in
// the page. It returns a *diag.FileError (without a position) when the
// destination leads nowhere.
type Resolver func(dest string) (string, error)

// Links checks every link and image in the document with resolve,
// rewriting destinations to what it returns, and reports every one that
// leads nowhere, and every image from another host, at its position in the
// file. It reports too what Parse found, so that one call gives every
// problem in the document; after maxProblems, the rest are counted.
func (p *Parsed) Links(resolve Resolver) []error {
	var errs []error
	more, first := 0, -1
	report := func(off int, fe diag.FileError) {
		if len(errs) == maxProblems {
			if more == 0 {
				first = off
			}
			more++
			return
		}
		fe.Pos = p.pos(off)
		errs = append(errs, &fe)
	}
	for _, pr := range p.problems {
		report(pr.off, diag.FileError{Msg: pr.msg, Hint: pr.hint})
	}
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			if msg, hint := p.c.foreign(n.Destination); msg != "" {
				report(p.start(n), diag.FileError{Msg: msg, Hint: hint})
				// The page is not built, but what is rendered must still
				// load nothing from elsewhere.
				n.Destination = nil
				return ast.WalkSkipChildren, nil
			}
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		href, err := resolve(string(*dest))
		if err != nil {
			fe := &diag.FileError{Msg: err.Error()}
			errors.As(err, &fe)
			report(p.start(n), *fe)
			// An image inside the link is still checked on its own.
			return ast.WalkContinue, nil
		}
		*dest = []byte(href)
		return ast.WalkContinue, nil
	})
	if more > 0 {
		errs = append(errs, &diag.FileError{Pos: p.pos(first),
			Msg:  fmt.Sprintf("%d more %s in this file", more, words.Plural(more, "problem", "problems")),
			Hint: "Fix the ones listed, then build again to see the rest"})
	}
	return errs
}

// foreign says what is wrong with an image at dest, if the browser would
// fetch it from anywhere but this site or an allowed host: its message
// and hint, or "" when it is fine. It judges dest as the page will give it
// to the browser, with entities and escapes resolved, and as browsers read
// it, with backslashes as slashes and tabs and line breaks dropped.
func (c *Converter) foreign(dest []byte) (msg, hint string) {
	raw := string(dest)
	u := string(util.URLEscape(dest, true))
	u = strings.Map(func(r rune) rune {
		switch r {
		case '\\':
			return '/'
		case '\t', '\n', '\r':
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	scheme, rest, hasScheme := "", u, false
	if i := strings.IndexByte(u, ':'); i > 0 && isScheme(u[:i]) {
		scheme, rest, hasScheme = strings.ToLower(u[:i]), u[i+1:], true
	}
	if !hasScheme && !strings.HasPrefix(u, "//") {
		return "", ""
	}
	local := "Put the picture in the site's static/ folder and give its address, such as /images/chart.png"
	if hasScheme && scheme != "https" && scheme != "http" {
		return fmt.Sprintf("image %q is not a file of this site", raw), local
	}
	host := ""
	if pu, err := url.Parse("https:" + "//" + strings.TrimLeft(rest, "/")); err == nil {
		host = strings.ToLower(pu.Hostname())
	}
	switch {
	case host == "":
		return fmt.Sprintf("image %q is not a file of this site", raw), local
	case !c.allowed[host]:
		return fmt.Sprintf("image %q loads from another site, %s, which the site promises never to do", raw, host),
			local + "; or, if the site may load from " + host + ", add it to " + allowedHostsSetting
	case scheme == "http":
		return fmt.Sprintf("image %q is not loaded securely", raw), "Write https:// instead of http://"
	}
	return "", ""
}

// allowedHostsSetting names, in hints, the site setting that fills
// Options.AllowedHosts.
const allowedHostsSetting = "options.allowedHosts in readykit.yaml"

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, +, - or . .
func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// start finds where a link or image starts: the "[" (or "![") before its
// first piece of text, or failing that the start of its paragraph.
func (p *Parsed) start(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		if i := bytes.LastIndexByte(p.doc.Source[:off], '['); i >= 0 {
			off = i
			if _, img := n.(*ast.Image); img && i > 0 && p.doc.Source[i-1] == '!' {
				off--
			}
		}
	} else {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				off = b.Lines().At(0).Start
				break
			}
		}
	}
	return off
}

// pos turns a byte offset in the document into a position in its file.
func (p *Parsed) pos(off int) diag.Pos {
	if off < 0 || off > len(p.doc.Source) {
		return diag.Pos{File: p.doc.File, Line: p.doc.Line, Col: 1}
	}
	line := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	col := utf8.RuneCount(p.doc.Source[p.lines[line]:off]) + 1
	return diag.Pos{File: p.doc.File, Line: line + 1, Col: col}.Shift(p.doc.Line)
}

// HTML renders the document.
func (p *Parsed) HTML() ([]byte, error) {
	var w direct
	w.Grow(len(p.doc.Source) * 2)
	if err := p.c.md.Renderer().Render(&w, p.doc.Source, p.root); err != nil {
		return nil, err
	}
	return w.Bytes(), nil
}

// direct is a bytes.Buffer that goldmark takes for a buffered writer, so
// it writes straight in instead of through a 4 KB buffer of its own.
type direct struct{ bytes.Buffer }

func (*direct) Buffered() int    { return 0 }
func (*direct) Flush() error     { return nil }
func (d *direct) Available() int { return d.Cap() - d.Len() }
