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
	var values []*ast.MappingValueNode
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
			tk := &token.Token{Value: s, Position: &token.Position{Line: line, Column: k + 3}}
			if v[1] != '"' && v[1] != '\'' && isNullWord(s) {
				value = ast.Null(tk)
			} else {
				value = ast.String(tk)
			}
		}
		kt := &token.Token{Value: key, Position: &token.Position{Line: line, Column: 1}}
		values = append(values, ast.MappingValue(nil, ast.String(kt), value))
	}
	if len(values) == 0 {
		return nil, false
	}
	return ast.Mapping(nil, false, values...), true
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
