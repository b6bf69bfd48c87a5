package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingHint is what to do about any attribute a heading may not have.
const headingHint = "A heading may have only an id, such as {#who-does-it}, and classes, such as {.note}; " +
	"to style it, give it a class and style that in your theme's CSS"

// headings wraps goldmark's ATX or setext heading parser, which parses
// the attributes after a heading ({#id .class key=value}). goldmark would
// write any attribute into the page, and a style or event handler there
// breaks the site's Content-Security-Policy; it also panics on an id that
// is not text ({id=5}). So goldmark parses the attributes but gives no
// ids itself (its AutoHeadingID option is off), and Close checks them,
// keeps only a valid id and classes, and then gives the heading its id.
type headings struct {
	parser.BlockParser
}

func (h headings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.BlockParser.Close(node, reader, pc)
	heading := node.(*ast.Heading)
	if heading.Parent() == nil {
		// A setext underline with no paragraph above it became text.
		return
	}
	s := stateOf(pc)
	source := reader.Source()
	blockLimit(s, heading.Lines(), source, "heading")

	var id, class []byte
	if attrs := heading.Attributes(); attrs != nil {
		// The attributes follow the heading's last line, after spaces.
		at := -1
		if n := heading.Lines().Len(); n > 0 {
			at = heading.Lines().At(n - 1).Stop
			for at < len(source) && source[at] != '{' && source[at] != '\n' {
				at++
			}
		}
		heading.RemoveAttributes()
		for _, a := range attrs {
			name := string(a.Name)
			off := attributeAt(source, at, name)
			value, isText := a.Value.([]byte)
			switch {
			case name == "id" && !isText:
				s.add(off, "Write the id as letters, digits and hyphens, such as {#who-does-it}",
					"this heading's id is not a name")
			case name == "id" && !validName(value):
				s.add(off, "Write the id as letters, digits, hyphens and underscores, such as {#who-does-it}",
					"heading id %q is not a usable name", value)
			case name == "id" && bytes.HasPrefix(value, []byte("rk-")):
				s.add(off, "Choose an id that does not start with rk-",
					"heading id %q starts with rk-, which is kept for the parts of the page that readykit adds", value)
			case name == "id" && s.ids[string(value)]:
				s.add(off, "Give each heading on the page its own id",
					"heading id %q is already used on this page", value)
			case name == "id":
				id = value
			case name == "class" && !isText:
				s.add(off, "Write classes as names, such as {.note}", "this heading's class is not a name")
			case name == "class":
				ok := true
				for _, c := range bytes.Fields(value) {
					if !validName(c) {
						s.add(off, "Write classes as letters, digits, hyphens and underscores, such as {.note}",
							"heading class %q is not a usable name", c)
						ok = false
					}
				}
				if ok {
					class = value
				}
			default:
				s.add(off, headingHint, "heading attribute %q is not allowed%s", name, why(name))
			}
		}
	}

	if id == nil {
		var line []byte
		if n := heading.Lines().Len(); n > 0 {
			last := heading.Lines().At(n - 1)
			line = last.Value(source)
		}
		id = pc.IDs().Generate(line, ast.KindHeading)
	} else {
		pc.IDs().Put(id)
	}
	s.ids[string(id)] = true
	heading.SetAttribute([]byte("id"), id)
	if class != nil {
		heading.SetAttribute([]byte("class"), class)
	}
}

// why says, for the attributes people are likely to try, what they would
// break.
func why(name string) string {
	switch {
	case name == "style":
		return ": the site's Content-Security-Policy blocks inline styles"
	case len(name) > 2 && (name[:2] == "on" || name[:2] == "On" || name[:2] == "ON"):
		return ": it would run a script, and the site runs none from its pages"
	}
	return ""
}

// attributeAt finds where the attribute called name is written in the
// braces that start at open, to point at it; failing that, at the brace.
func attributeAt(source []byte, open int, name string) int {
	if open < 0 || open >= len(source) || source[open] != '{' {
		return open
	}
	end := bytes.IndexByte(source[open:], '\n')
	if end < 0 {
		end = len(source) - open
	}
	block := source[open : open+end]
	for i := 1; i < len(block); i++ {
		if c := block[i-1]; c != '{' && c != ' ' && c != '\t' && c != ',' {
			continue
		}
		switch {
		case name == "id" && block[i] == '#', name == "class" && block[i] == '.':
			return open + i
		case bytes.HasPrefix(block[i:], []byte(name)):
			rest := bytes.TrimLeft(block[i+len(name):], " \t")
			if len(rest) > 0 && rest[0] == '=' {
				return open + i
			}
		}
	}
	return open
}

// validName reports whether b can serve as an id or a class without
// escaping in a URL or a CSS selector: ASCII letters, digits, - and _.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
