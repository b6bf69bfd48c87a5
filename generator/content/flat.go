package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// flat reads the YAML most front matter is: a few "key: value" lines, each
// value plain text on one line or quoted without escapes. It gives the
// mapping the YAML parser would give for the same text, as far as the
// decoder looks at it (the nodes' kinds, values and positions), and
// false for anything else, which the parser then reads. A page's front
// matter is read for every page of a site, and the parser takes ten
// times as long over it.
//
// It refuses more than it must: what it accepts FuzzFlat checks against
// the parser, values and problems alike, so anything doubtful is left to
// the parser.
func flat(data []byte) (*ast.MappingNode, bool) {
	if len(data) == 0 || bytes.IndexByte(data, '\r') >= 0 {
		return nil, false
	}
	// The nodes of a page's few keys are made together: allocation was
	// most of flat's time. A line makes at most two strings (three base
	// nodes) and a pair, so the slices never grow, and the pointers into
	// them stay good.
	lines := bytes.Count(data, []byte("\n")) + 1
	var (
		values []*ast.MappingValueNode
		nodes  struct {
			tokens    []token.Token
			positions []token.Position
			bases     []ast.BaseNode
			strings   []ast.StringNode
			pairs     []ast.MappingValueNode
		}
	)
	str := func(value string, line, col int) *ast.StringNode {
		if nodes.tokens == nil {
			nodes.tokens = make([]token.Token, 0, 2*lines)
			nodes.positions = make([]token.Position, 0, 2*lines)
			nodes.bases = make([]ast.BaseNode, 0, 3*lines+1)
			nodes.strings = make([]ast.StringNode, 0, 2*lines)
		}
		nodes.positions = append(nodes.positions, token.Position{Line: line, Column: col})
		nodes.tokens = append(nodes.tokens, token.Token{Value: value, Position: &nodes.positions[len(nodes.positions)-1]})
		nodes.bases = append(nodes.bases, ast.BaseNode{})
		nodes.strings = append(nodes.strings, ast.StringNode{BaseNode: &nodes.bases[len(nodes.bases)-1], Token: &nodes.tokens[len(nodes.tokens)-1], Value: value})
		return &nodes.strings[len(nodes.strings)-1]
	}
	line := 0
	for rest := data; len(rest) > 0; {
		line++
		text := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if len(text) == 0 {
			continue
		}
		k := 0
		for k < len(text) && keyByte(text[k], k == 0) {
			k++
		}
		if k == 0 || k == len(text) || text[k] != ':' {
			return nil, false
		}
		key := string(text[:k])
		if isNullWord(key) {
			return nil, false
		}
		for _, mv := range values {
			if mv.Key.GetToken().Value == key {
				return nil, false
			}
		}
		var value ast.Node
		switch v := text[k+1:]; {
		case len(v) == 0:
			value = ast.Null(&token.Token{Value: "null", Position: &token.Position{Line: line, Column: k + 2}})
		case len(v) < 2 || v[0] != ' ':
			return nil, false
		default:
			s, ok := flatScalar(v[1:])
			if !ok {
				return nil, false
			}
			if v[1] != '"' && v[1] != '\'' && isNullWord(s) {
				value = ast.Null(&token.Token{Value: s, Position: &token.Position{Line: line, Column: k + 3}})
			} else {
				value = str(s, line, k+3)
			}
		}
		if nodes.pairs == nil {
			nodes.pairs = make([]ast.MappingValueNode, 0, lines)
			values = make([]*ast.MappingValueNode, 0, lines)
		}
		nodes.bases = append(nodes.bases, ast.BaseNode{})
		nodes.pairs = append(nodes.pairs, ast.MappingValueNode{BaseNode: &nodes.bases[len(nodes.bases)-1], Key: str(key, line, 1), Value: value})
		values = append(values, &nodes.pairs[len(nodes.pairs)-1])
	}
	if len(values) == 0 {
		return nil, false
	}
	return &ast.MappingNode{BaseNode: &ast.BaseNode{}, Values: values}, true
}

// keyByte says whether c may be in a key flat reads: ASCII letters,
// digits (not first) and underscores.
func keyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		return true
	case '0' <= c && c <= '9':
		return !first
	}
	return false
}

func isNullWord(s string) bool {
	return s == "null" || s == "Null" || s == "NULL"
}

// flatScalar reads a value flat accepts: text quoted with " or ' that
// holds no quote, backslash or control character and ends the line, or
// plain text of letters, digits, spaces and a few marks that starts with
// a letter or digit and ends with neither a space nor a mark YAML reads.
func flatScalar(v []byte) (string, bool) {
	switch q := v[0]; q {
	case '"', '\'':
		if len(v) < 2 || v[len(v)-1] != q {
			return "", false
		}
		in := v[1 : len(v)-1]
		for i := 0; i < len(in); {
			c := in[i]
			if c == q || c == '\\' || c == '"' || c == '\'' || c < 0x20 || c == 0x7f {
				return "", false
			}
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRune(in[i:])
			if !plainRune(r) {
				return "", false
			}
			i += n
		}
		return string(in), true
	}
	if !alnum(v[0]) || v[len(v)-1] == ' ' {
		return "", false
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(v[i:])
			if !plainRune(r) {
				return "", false
			}
			i += n
			continue
		}
		switch {
		case alnum(c):
		case c == ' ' && v[i+1] != ' ':
		case bytes.IndexByte([]byte(".,()/?;+=$_-"), c) >= 0:
		default:
			return "", false
		}
		i++
	}
	return string(v), true
}

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// plainRune says whether flat accepts r, beyond ASCII: not the characters
// YAML may count as breaks or spaces, nor a byte order mark.
func plainRune(r rune) bool {
	switch r {
	case utf8.RuneError, 0x85, 0xa0, 0x2028, 0x2029, 0xfeff:
		return false
	}
	return r >= 0xa0
}
