package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Text is the document's words as a reader sees them on the page, without
// markup: one line per paragraph, heading, list item or table row, with
// runs of spaces made one. Escapes and entities are resolved and quotes
// are the typographer's, as in HTML; raw HTML, which a page may not show,
// and addresses hidden behind link text are left out. The search index is
// made of it, so it is read from the tree Parse keeps until the page is
// rendered rather than from a second parse.
func (p *Parsed) Text() string {
	var b strings.Builder
	src := p.doc.Source
	// Entities and backslash escapes are resolved as the HTML renderer
	// resolves them.
	plain := func(v []byte) []byte {
		return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() == east.KindTableCell {
			// A table's row is one line, its cells apart.
			b.WriteByte(' ')
			return ast.WalkContinue, nil
		}
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(src)
			if !n.IsRaw() {
				v = plain(v)
			}
			b.Write(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsCode() || n.IsRaw() {
				b.Write(n.Value)
			} else {
				b.Write(plain(n.Value))
			}
		case *ast.AutoLink:
			b.Write(n.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument {
			// A block starts on a line of its own even when the one
			// before it left nothing.
			b.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	return Tidy(b.String())
}

// Tidy makes each run of white space (as unicode.IsSpace has it) one
// space, trims each line and drops empty lines: the text Text gives, and
// how the search index joins the other texts it holds. It is one pass
// that copies each word once, since it runs over every page's words.
func Tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	// A space or a line break owed before the next word: nothing is
	// written for white space until a word follows it on the same line
	// (a space) or on a later one (a line break).
	inLine, space, newline := false, false, false
	word := func(w string) {
		switch {
		case newline:
			b.WriteByte('\n')
		case space:
			b.WriteByte(' ')
		}
		b.WriteString(w)
		inLine, space, newline = true, false, false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\n':
				newline = newline || inLine
				inLine, space = false, false
			case '\t', '\v', '\f', '\r', ' ':
				space = inLine
			default:
				// A run of plain bytes is one word, copied at once.
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace(s[j]) {
					j++
				}
				word(s[i:j])
				i = j
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = inLine
		} else {
			word(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}
