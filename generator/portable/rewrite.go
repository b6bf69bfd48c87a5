// Package portable makes the copy of a built site that works opened from
// disk (file:// URLs), as from a USB stick: its links name files relative
// to each page, its scripts are one classic script, and it is packed in a
// .zip. It works on the build's finished files and knows nothing of the
// site's model; generator/portable.go gives it what it needs.
package portable

import (
	"bytes"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"github.com/tdewolff/parse/v2/html"
)

// Rewriter turns a site's root-relative addresses into addresses relative
// to the page that holds them, naming index.html where an address names a
// folder, since a browser opening files shows a folder's listing, not its
// index.html.
type Rewriter struct {
	// Base is the path every address of the site starts with, such as "/"
	// or "/dspt/" for a site published under a folder of its host.
	Base string
	// Files are the copy's files by path ("items/1.1.1/index.html"), to
	// tell a folder from a file where an address has no trailing slash.
	Files map[string]bool
}

// URL returns u, found in the file at page (a path of the copy such as
// "items/1.1.1/index.html"), as an address relative to that file. Addresses
// of other sites, mailto: and the like, fragments and addresses outside
// Base are returned as they are.
func (r Rewriter) URL(page, u string) string {
	p, tail, ok := r.target(u)
	if !ok {
		return u
	}
	return relative(page, p) + tail
}

// target returns the path in the copy that the root-relative address u
// leads to, and its ?query and #fragment; ok is false for any other
// address.
func (r Rewriter) target(u string) (p, tail string, ok bool) {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return "", "", false
	}
	base := r.Base
	if base == "" {
		base = "/"
	}
	rest, ok := strings.CutPrefix(u, base)
	switch {
	case ok:
	case u+"/" == base:
		rest = ""
	default:
		return "", "", false // outside the site: there is nothing in the copy to point at
	}
	p = rest
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		p, tail = rest[:i], rest[i:]
	}
	switch {
	case p == "" || strings.HasSuffix(p, "/"):
		p += "index.html"
	case !r.Files[p] && r.Files[p+"/index.html"]:
		p += "/index.html"
	}
	return p, tail, true
}

// Modules returns the paths in the copy of the module scripts a page
// loads by root-relative address, such as js/app.js.
func (r Rewriter) Modules(data []byte) []string {
	var out []string
	l := html.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
	script, module, src := false, false, ""
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			script, module, src = string(l.Text()) == "script", false, ""
		case html.AttributeToken:
			switch string(l.AttrKey()) {
			case "type":
				module = strings.EqualFold(string(unquote(l.AttrVal())), "module")
			case "src":
				src = string(unquote(l.AttrVal()))
			}
		case html.StartTagCloseToken:
			if p, _, ok := r.target(src); script && module && ok {
				out = append(out, p)
			}
			script = false
		}
	}
}

// relative returns the path from the folder of the file from to the file
// to, both slash-separated paths from the same root.
func relative(from, to string) string {
	f := strings.Split(from, "/")
	f = f[:len(f)-1] // the folder the page is in
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

// urlAttrs are the attributes whose value is one address.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "poster": true}

// Page says how to rewrite one HTML page beyond its addresses.
type Page struct {
	// Path is the page's path in the copy.
	Path string
	// Bundles are the classic scripts that replace module scripts: the
	// path in the copy of each bundle, by its module's (js/app.js).
	Bundles map[string]string
	// Marker is an attribute: the element that has it is replaced by
	// Note, HTML written for the copy.
	Marker string
	Note   []byte
	// Drop names attributes the copy leaves out, such as the one that
	// asks the pages to register the site's offline worker, which the
	// copy does not have.
	Drop []string
	// DropLinks names link types whose <link> elements the copy leaves
	// out, such as modulepreload: the copy loads no modules (browsers
	// refuse them from file:// and would say so in the console).
	DropLinks []string
}

// HTML rewrites the addresses of one page (see URL), in href, src,
// action, srcset and the like, in a meta refresh and in style attributes;
// replaces each module script by its deferred classic bundle; and replaces the
// element marked with p.Marker by p.Note. It reads the page with an HTML
// lexer, so text that looks like an address is left alone.
func (r Rewriter) HTML(p Page, data []byte) []byte {
	// The lexer lower-cases tag names in its input, so it gets a copy.
	l := html.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/8)
	type attr struct{ key, val, raw []byte }
	var (
		tag   []byte // the start tag being read, up to its attributes
		name  string
		attrs []attr
		skip  string // the name of the element being left out, while it is
		depth int    // and how deep in elements of that name
	)
	for {
		tt, raw := l.Next()
		if skip != "" {
			switch {
			case tt == html.ErrorToken:
				return out.Bytes()
			case tt == html.StartTagToken && string(l.Text()) == skip:
				depth++
			case tt == html.EndTagToken && string(l.Text()) == skip:
				if depth--; depth == 0 {
					skip = ""
				}
			}
			continue
		}
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			tag, name, attrs = append(tag[:0], raw...), string(l.Text()), attrs[:0]
		case html.AttributeToken:
			attrs = append(attrs, attr{bytes.Clone(l.AttrKey()), bytes.Clone(l.AttrVal()), bytes.Clone(raw)})
		case html.StartTagCloseToken, html.StartTagVoidToken:
			marked, dropped := false, false
			module := name == "script"
			var src int = -1
			for i, a := range attrs {
				switch k := string(a.key); {
				case p.Marker != "" && k == p.Marker:
					marked = true
				case name == "link" && k == "rel":
					dropped = slices.ContainsFunc(strings.Fields(string(unquote(a.val))), func(rel string) bool {
						return slices.ContainsFunc(p.DropLinks, func(d string) bool { return strings.EqualFold(d, rel) })
					})
				case k == "type":
					module = module && strings.EqualFold(string(unquote(a.val)), "module")
				case k == "src":
					src = i
				}
			}
			if marked {
				out.Write(p.Note)
				if tt == html.StartTagCloseToken && !voidElements[name] {
					skip, depth = name, 1
				}
				continue
			}
			if dropped {
				continue // a void element: nothing follows it to leave out
			}
			bundle := ""
			if module && src >= 0 {
				if t, _, ok := r.target(string(unquote(attrs[src].val))); ok {
					bundle = p.Bundles[t]
				}
			}
			module = bundle != ""
			out.Write(tag)
			for _, a := range attrs {
				k := string(a.key)
				switch {
				case slices.Contains(p.Drop, k):
				case module && k == "type":
					out.WriteString(" defer")
				case module && k == "src":
					writeAttr(&out, a.key, a.val, relative(p.Path, bundle))
				case urlAttrs[k]:
					writeAttr(&out, a.key, a.val, r.URL(p.Path, string(unquote(a.val))))
				case k == "srcset":
					writeAttr(&out, a.key, a.val, r.srcset(p.Path, string(unquote(a.val))))
				case k == "content" && name == "meta":
					writeAttr(&out, a.key, a.val, r.refresh(p.Path, string(unquote(a.val))))
				case k == "style":
					writeAttr(&out, a.key, a.val, string(r.CSS(p.Path, unquote(a.val))))
				default:
					out.Write(a.raw)
				}
			}
			if tt == html.StartTagCloseToken && bytes.HasSuffix(out.Bytes(), []byte("/")) {
				// "<svg/ >" opens an element that "<svg/>" would close at
				// once (and swallow what follows as its content): keep
				// the space the lexer left out of the close token.
				out.WriteByte(' ')
			}
			out.Write(raw)
		default:
			if tt == html.TextToken && name == "style" {
				// The text of a <style> element is CSS.
				out.Write(r.CSS(p.Path, raw))
			} else {
				out.Write(raw)
			}
			if tt == html.EndTagToken || tt == html.TextToken && name != "style" {
				name = ""
			}
		}
	}
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// unquote returns an attribute's value without its quotes.
func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// writeAttr writes an attribute with a new value, in the quotes the old
// one had (double quotes for one that had none). The new value is the
// old one with its path changed, so it holds no quote of that kind unless
// the old did, which the quotes rule out; any other is escaped.
func writeAttr(out *bytes.Buffer, key, old []byte, val string) {
	q := byte('"')
	if len(old) > 0 && old[0] == '\'' {
		q = '\''
	}
	out.WriteByte(' ')
	out.Write(key)
	out.WriteByte('=')
	out.WriteByte(q)
	for i := 0; i < len(val); i++ {
		switch c := val[i]; {
		case c == q && c == '"':
			out.WriteString("&quot;")
		case c == q:
			out.WriteString("&#39;")
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte(q)
}

// srcset rewrites each address of a srcset list ("a.png 1x, b.png 2x").
func (r Rewriter) srcset(page, v string) string {
	parts := strings.Split(v, ",")
	for i, part := range parts {
		f := strings.Fields(part)
		if len(f) > 0 {
			f[0] = r.URL(page, f[0])
			parts[i] = strings.Join(f, " ")
		}
	}
	return strings.Join(parts, ", ")
}

// refresh rewrites the address of a meta refresh ("0; url=/new/"), which
// the pages at a moved page's old address use.
func (r Rewriter) refresh(page, v string) string {
	i := strings.Index(strings.ToLower(v), "url=")
	if i < 0 {
		return v
	}
	return v[:i+4] + r.URL(page, strings.TrimSpace(v[i+4:]))
}

// CSS rewrites the root-relative addresses in url(...) of a stylesheet at
// page, or of a style attribute's declarations, which lex the same.
func (r Rewriter) CSS(page string, data []byte) []byte {
	if !bytes.Contains(data, []byte("url(")) && !bytes.Contains(data, []byte("URL(")) {
		return data
	}
	l := css.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
	var out bytes.Buffer
	for {
		tt, raw := l.Next()
		switch tt {
		case css.ErrorToken:
			return out.Bytes()
		case css.URLToken:
			// url( value ), the value perhaps quoted; one cut short by the
			// end of the sheet is left as it is.
			if len(raw) < 5 || raw[len(raw)-1] != ')' {
				out.Write(raw)
				continue
			}
			inner := strings.TrimSpace(string(raw[4 : len(raw)-1]))
			q := ""
			if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
				q, inner = inner[:1], inner[1:len(inner)-1]
			}
			out.WriteString("url(" + q + r.URL(page, inner) + q + ")")
		default:
			out.Write(raw)
		}
	}
}
