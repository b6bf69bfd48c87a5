package markdown

import (
	"bytes"
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Term is a glossary entry to link: the ways it is written, and where it
// is explained.
type Term struct {
	Words []string
	Href  string
}

// LinkTerms links the first use of each term in the document's running
// text to its explanation. Words match whole and with the same case, so
// "ICO" is linked but "iconic" is not; the longest word wins where two
// start at the same place ("Cyber Essentials Plus" over "Cyber
// Essentials"). Text that is already a link, a heading or code is left
// alone.
func (p *Parsed) LinkTerms(terms []Term) {
	type word struct {
		text string
		term int
	}
	var words []word
	for i, t := range terms {
		for _, w := range t.Words {
			if w != "" {
				words = append(words, word{w, i})
			}
		}
	}
	slices.SortStableFunc(words, func(a, b word) int { return cmp.Compare(len(b.text), len(a.text)) })
	linked := make([]bool, len(terms))

	var texts []*ast.Text
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindHeading, ast.KindCodeSpan,
			ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})

	src := p.doc.Source
	for _, t := range texts {
		for {
			seg := t.Segment.Value(src)
			at, w := -1, word{}
			for _, cand := range words {
				if linked[cand.term] {
					continue
				}
				if i := indexWord(seg, cand.text); i >= 0 && (at < 0 || i < at) {
					at, w = i, cand
				}
			}
			if at < 0 {
				break
			}
			linked[w.term] = true
			t = split(t, at, len(w.text), terms[w.term].Href)
			if t == nil {
				break
			}
		}
	}
}

// split wraps bytes [at, at+n) of t's text in a link to href and returns
// the text node after the link, or nil if the link ends the text.
func split(t *ast.Text, at, n int, href string) *ast.Text {
	parent := t.Parent()
	seg := t.Segment
	before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+at))
	inner := ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+at+n))
	link := ast.NewLink()
	link.Destination = []byte(href)
	link.AppendChild(link, inner)
	if at > 0 {
		parent.InsertBefore(parent, t, before)
	}
	parent.InsertBefore(parent, t, link)
	// t keeps what follows the term, perhaps nothing, and with it any line
	// break that ends the text.
	t.Segment = text.NewSegment(seg.Start+at+n, seg.Stop)
	if t.Segment.Len() == 0 {
		return nil
	}
	return t
}

// indexWord finds w in s as a whole word: not part of a longer run of
// letters and digits.
func indexWord(s []byte, w string) int {
	for off := 0; off < len(s); {
		i := bytes.Index(s[off:], []byte(w))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(w)
		r, _ := utf8.DecodeLastRune(s[:i])
		next, _ := utf8.DecodeRune(s[end:])
		if (i == 0 || !isWordRune(r)) && (end == len(s) || !isWordRune(next)) {
			return i
		}
		off = i + 1
	}
	return -1
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
