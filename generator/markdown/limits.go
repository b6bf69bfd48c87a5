package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmark takes time that grows with the square of some constructs'
// size: emphasis marks that never pair up, link openers, unclosed code
// spans or HTML, and block quotes or lists nested thousands deep. The
// limits below keep any page of up to maxSource bytes within a known
// bound: converting it allocates at most 640 MiB in all and holds at most
// 320 MiB at once (TestLimitsBoundMemory), and takes about 2 s at worst
// (BenchmarkPathological: 1.8 s on a busy two-core machine; without the
// limits, several cases ran past 30 s). Real guidance pages stay far
// below them: the default site's largest paragraph has 10 marks.
const (
	// maxSource is the largest Markdown body, in bytes, that is parsed at
	// all. Readers of content files should refuse a larger file before
	// reading it whole.
	maxSource = 1 << 20

	// maxNesting is how deep block quotes and lists may be nested inside
	// each other. goldmark revisits every open level on every line, and a
	// reader cannot follow more than a handful of levels anyway.
	maxNesting = 16

	// maxBlockBytes is the longest paragraph, heading or table cell, in
	// bytes. An unclosed code span or link is searched for to the end of
	// its block, so the cost of one block grows with its length.
	maxBlockBytes = 16 << 10

	// maxBlockLines is how many lines one paragraph (or table) may have.
	// goldmark takes link reference definitions out of a paragraph in
	// time that grows with the square of its lines.
	maxBlockLines = 1000

	// maxBlockMarks is how many emphasis, code, link and tag marks (runs
	// of *, _, ~ or `, and each [, ] or <) one paragraph, heading or table
	// cell may hold. goldmark pairs them up in time that grows with the
	// square of their number.
	maxBlockMarks = 250

	// maxProblems is how many problems one document reports in full; the
	// rest are counted, so a broken generated file cannot bury the report.
	maxProblems = 100
)

// problem is something wrong found while parsing, at a byte offset in the
// document's source.
type problem struct {
	off       int
	msg, hint string
}

// state is what the parser hooks share while one document is parsed.
type state struct {
	problems []problem
	nested   bool            // the nesting problem has been reported
	ids      map[string]bool // heading ids given so far
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *state {
	if s, ok := pc.Get(stateKey).(*state); ok {
		return s
	}
	s := &state{ids: map[string]bool{}}
	pc.Set(stateKey, s)
	return s
}

func (s *state) add(off int, hint, format string, args ...any) {
	s.problems = append(s.problems, problem{off: off, msg: fmt.Sprintf(format, args...), hint: hint})
}

// nestingLimit refuses to open a block quote or list deeper than
// maxNesting. The line is then read as if the extra marker were text, so
// parsing goes on and the page still lists every other problem.
type nestingLimit struct {
	parser.BlockParser
	// list is set for the list parser, which goldmark also offers each
	// line inside a list, only to be refused: a list's children are items.
	list bool
}

func (n nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if n.list && parent.Kind() == ast.KindList {
		return n.BlockParser.Open(parent, reader, pc)
	}
	depth := 0
	for p := parent; p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote, ast.KindList:
			depth++
		}
	}
	if depth >= maxNesting {
		s := stateOf(pc)
		if !s.nested {
			s.nested = true
			_, seg := reader.PeekLine()
			s.add(seg.Start, "Use fewer levels: a reader cannot follow more than a few",
				"block quotes and lists are nested more than %d deep here", maxNesting)
		}
		return nil, parser.NoChildren
	}
	return n.BlockParser.Open(parent, reader, pc)
}

// blockLimit checks a block's inline text against maxBlockBytes and
// maxBlockMarks before goldmark parses it. A block over a limit is
// reported and emptied, so it costs nothing more. what names the block
// for the message.
func blockLimit(s *state, lines *text.Segments, source []byte, what string) bool {
	size, marks := 0, 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Len()
		marks += countMarks(seg.Value(source))
	}
	if size <= maxBlockBytes && marks <= maxBlockMarks {
		return true
	}
	off := 0
	if lines.Len() > 0 {
		off = lines.At(0).Start
	}
	if size > maxBlockBytes {
		s.add(off, "Split it, with a blank line between the parts",
			"this %s is %d bytes long, more than the limit of %d", what, size, maxBlockBytes)
	} else {
		s.add(off, "Split it, with a blank line between the parts, or use less formatting",
			"this %s has %d emphasis, code and link marks, more than the limit of %d", what, marks, maxBlockMarks)
	}
	lines.Clear()
	return false
}

// countMarks counts what maxBlockMarks limits: runs of *, _, ~ and `,
// and each [, ] and <.
func countMarks(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '*', '_', '~', '`':
			n++
			for i+1 < len(b) && b[i+1] == c {
				i++
			}
		case '[', ']', '<':
			n++
		}
	}
	return n
}

// lineLimit runs before goldmark's first paragraph transformer (link
// reference definitions) and limits a paragraph's lines.
type lineLimit struct{}

func (lineLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if n := node.Lines().Len(); n > maxBlockLines {
		stateOf(pc).add(node.Lines().At(0).Start, "Split it, with a blank line between the parts",
			"this paragraph or table has %d lines, more than the limit of %d", n, maxBlockLines)
		node.Lines().Clear()
		node.Parent().RemoveChild(node.Parent(), node)
	}
}

// paragraphLimit runs after the table transformer, so tables are judged
// cell by cell (by tableCells) and every other paragraph as a whole.
type paragraphLimit struct{}

func (paragraphLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if !blockLimit(stateOf(pc), node.Lines(), reader.Source(), "paragraph") && node.Parent() != nil {
		node.Parent().RemoveChild(node.Parent(), node)
	}
}

// tableCells wraps goldmark's table transformer. It checks each new
// table's cells against the block limits, and gives aligned cells a class
// instead of goldmark's inline style, which the site's
// Content-Security-Policy would block.
type tableCells struct {
	parser.ParagraphTransformer
}

func (t tableCells) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	parent, prev, next := node.Parent(), node.PreviousSibling(), node.NextSibling()
	t.ParagraphTransformer.Transform(node, reader, pc)
	// The tables, if any, now sit between what was before the paragraph
	// (or the paragraph itself, when lines before the table remain) and
	// what was after it.
	var first ast.Node
	switch {
	case node.Parent() != nil:
		first = node.NextSibling()
	case prev != nil:
		first = prev.NextSibling()
	default:
		first = parent.FirstChild()
	}
	s := stateOf(pc)
	for n := first; n != nil && n != next; n = n.NextSibling() {
		if n.Kind() != extast.KindTable {
			continue
		}
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			cell, ok := c.(*extast.TableCell)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			if cell.Alignment != extast.AlignNone {
				cell.SetAttributeString("class", []byte("align-"+cell.Alignment.String()))
			}
			blockLimit(s, cell.Lines(), reader.Source(), "table cell")
			return ast.WalkSkipChildren, nil
		})
	}
}
