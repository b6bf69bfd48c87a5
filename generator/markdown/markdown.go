// Package markdown turns a page's Markdown into HTML with goldmark, and
// checks and rewrites its links on the way.
//
// The setup is fixed so every site renders alike: GitHub-flavoured tables,
// task lists, strikethrough and autolinks; ids on headings so sections can
// be linked to; typographic quotes and dashes written as characters. Raw
// HTML is left out unless a site turns it on, since a content author should
// not be able to add scripts to a page by accident.
package markdown

import (
	"bytes"
	"errors"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/readykit/readykit/generator/diag"
)

// Options configure a Converter.
type Options struct {
	// Unsafe lets raw HTML in Markdown through to the page.
	Unsafe bool
}

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter with readykit's goldmark setup.
func New(opts Options) *Converter {
	var rendererOpts []goldmark.Option
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(
			extension.GFM,
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
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)...)
	return &Converter{md: md}
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
	c     *Converter
	doc   Doc
	root  ast.Node
	lines []int // byte offset of each line start in Source
}

// Parse parses doc. Markdown has no syntax errors, so this cannot fail.
func (c *Converter) Parse(doc Doc) *Parsed {
	root := c.md.Parser().Parse(text.NewReader(doc.Source))
	lines := []int{0}
	for i, b := range doc.Source {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &Parsed{c: c, doc: doc, root: root, lines: lines}
}

// Resolver maps a link destination as written to the address to put in
// the page. It returns a *diag.FileError (without a position) when the
// destination leads nowhere.
type Resolver func(dest string) (string, error)

// Links checks every link and image in the document with resolve, rewriting
// destinations to what it returns, and reports every one that leads
// nowhere at its position in the file.
func (p *Parsed) Links(resolve Resolver) []error {
	var errs []error
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		href, err := resolve(string(*dest))
		if err != nil {
			fe := &diag.FileError{Msg: err.Error()}
			errors.As(err, &fe)
			out := *fe
			out.Pos = p.position(n)
			errs = append(errs, &out)
			return ast.WalkSkipChildren, nil
		}
		*dest = []byte(href)
		return ast.WalkContinue, nil
	})
	return errs
}

// position finds where a link or image starts: the "[" (or "![") before its
// first piece of text, or failing that the start of its paragraph.
func (p *Parsed) position(n ast.Node) diag.Pos {
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
	if off < 0 {
		return diag.Pos{File: p.doc.File, Line: p.doc.Line, Col: 1}
	}
	line := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	col := len([]rune(string(p.doc.Source[p.lines[line]:off]))) + 1
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
