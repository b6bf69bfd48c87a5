package content

import (
	"bytes"
	"unicode/utf8"
)

// tooDeep finds the first place where YAML text nests lists and key: value
// sets more than max deep, before the parser sees it: the parser's time
// grows with the square of the depth. It reports the line and column
// (counting from 1) and whether there is such a place.
//
// It is a small lexer, not a parser. It follows the parts of YAML that
// change what a bracket or a dash means (quotes, comments, block scalars,
// flow collections) so that text such as "[see note]" in a value is not
// counted, and it never counts less than the real depth of a document the
// parser would accept.
func tooDeep(data []byte, max int) (line, col int, deep bool) {
	var (
		stack      []int // indentation of each open block level
		flow       int   // open [ and { brackets
		base       int   // block depth where the open flow collection began
		quote      byte  // the quote a quoted scalar that runs on is in
		scalar     = -1  // the indentation a block scalar's lines have, or -2 until its first line
		scalarFrom int   // the indentation of the line that started the block scalar
	)
	n := 0
	for raw := range bytes.Lines(data) {
		n++
		text := bytes.TrimRight(raw, "\r\n")
		indent := len(text) - len(bytes.TrimLeft(text, " "))
		blank := len(bytes.TrimSpace(text)) == 0

		if scalar != -1 {
			switch {
			case blank:
				continue
			case scalar == -2 && indent > scalarFrom:
				scalar = indent
				continue
			case scalar >= 0 && indent >= scalar:
				continue
			}
			scalar = -1
		}
		i := 0
		depth := 0
		if quote == 0 && flow == 0 {
			if blank || text[indent] == '#' {
				continue
			}
			for len(stack) > 0 && stack[len(stack)-1] > indent {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 || stack[len(stack)-1] < indent {
				stack = append(stack, indent)
			}
			depth = len(stack)
			if depth > max {
				return n, indent + 1, true
			}
			i = indent
			// "- - - a" nests three lists on one line; "? " starts a key.
			for i < len(text) && (text[i] == '-' || text[i] == '?') && (i+1 == len(text) || text[i+1] == ' ') {
				depth++
				if depth > max {
					return n, runeCol(text, i), true
				}
				i++
				for i < len(text) && text[i] == ' ' {
					i++
				}
			}
		}
		// keyCol is where this line's key (or value) starts, after any
		// dashes: a block scalar's lines are indented more than it.
		keyCol, dashCol, sawColon := i, indent, false
		if i > indent {
			dashCol = bytes.LastIndexAny(text[:i], "-?")
		}
		valueStart := quote == 0 && flow == 0
		for i < len(text) {
			c := text[i]
			switch {
			case quote == '"':
				if c == '\\' {
					i++
				} else if c == '"' {
					quote = 0
				}
			case quote == '\'':
				if c == '\'' {
					if i+1 < len(text) && text[i+1] == '\'' {
						i++
					} else {
						quote = 0
					}
				}
			case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
				i = len(text)
				continue
			case flow > 0:
				switch c {
				case '[', '{':
					flow++
					if base+flow > max {
						return n, runeCol(text, i), true
					}
				case ']', '}':
					flow--
				case '"', '\'':
					quote = c
				}
			case c == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
				// A key ends here; its value may open a bracket or a quote.
				valueStart, sawColon = true, true
			case valueStart:
				switch c {
				case '[', '{':
					base, flow = depth, 1
					if base+flow > max {
						return n, runeCol(text, i), true
					}
				case '"', '\'':
					quote, valueStart = c, false
				case '|', '>':
					scalar, scalarFrom = -2, keyCol
					if !sawColon {
						scalarFrom = dashCol
					}
					i = len(text)
					continue
				case ' ', '\t':
				default:
					valueStart = false
				}
			}
			i++
		}
	}
	return 0, 0, false
}

// runeCol is the column, counting characters from 1, of byte i in line.
func runeCol(line []byte, i int) int {
	return utf8.RuneCount(line[:i]) + 1
}
