package markdown

import (
	"errors"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"

	"github.com/readykit/readykit/generator/diag"
)

// fuzzConverters are built once: New is not what is being fuzzed.
var fuzzConverters = map[bool]*Converter{
	false: New(Options{AllowedHosts: []string{"images.example.org"}}),
	true:  New(Options{Unsafe: true, AllowedHosts: []string{"images.example.org"}}),
}

// FuzzConvert parses, checks, links terms in and renders any Markdown.
// Nothing may panic; every problem must carry a position inside the
// document and a hint; and with raw HTML off, the page may hold only the
// elements and attributes goldmark writes for Markdown (no script, no
// style, no event handler), site links must have been rewritten (or
// reported), and no image may load from a host that is not allowed.
//
//	go test -run '^$' -fuzz FuzzConvert ./generator/markdown
func FuzzConvert(f *testing.F) {
	f.Add("## Title {style=\"color:red\"}\n\n![x](https://tracker.example/p.png)\n", false)
	f.Fuzz(func(t *testing.T, src string, unsafe bool) {
		c := fuzzConverters[unsafe]
		p := c.Parse(Doc{File: "p.md", Line: 3, Source: []byte(src)})
		refused := map[string]bool{}
		errs := p.Links(func(dest string) (string, error) {
			href, err := fuzzResolve(dest)
			if err != nil {
				refused[string(util.URLEscape([]byte(dest), true))] = true
			}
			return href, err
		})
		p.LinkTerms([]Term{{Words: []string{"ICO", "Information Commissioner"}, Href: "/glossary/#ico"}, {Words: []string{"a"}, Href: "/glossary/#a"}})
		out, err := p.HTML()
		if err != nil {
			t.Fatalf("HTML: %v", err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, err := range errs {
			var fe *diag.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("not a FileError: %v", err)
			}
			if fe.File != "p.md" || fe.Line < 3 || fe.Line >= 3+lines || fe.Col < 1 || fe.Msg == "" || fe.Hint == "" {
				t.Errorf("bad position or no hint: %q (%d lines)", err, lines)
			}
		}
		if len(errs) > maxProblems+1 {
			t.Errorf("%d problems reported, more than %d and a count", len(errs), maxProblems)
		}
		if !unsafe {
			checkPromises(t, string(out), refused)
		}
	})
}

// fuzzResolve stands in for the build's resolver: other sites and places
// on the page are left alone, addresses that do not parse or contain
// "bad" lead nowhere, and every other address is put under /base/.
func fuzzResolve(dest string) (string, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", &diag.FileError{Msg: "link is not a valid address", Hint: "Check it"}
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" {
		return dest, nil
	}
	if strings.Contains(dest, "bad") {
		return "", &diag.FileError{Msg: "link goes to no page", Hint: "Check it"}
	}
	u.Path = "/base/" + strings.TrimLeft(u.Path, "/")
	return u.String(), nil
}

var schemeName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*$`)

// What goldmark writes for Markdown with raw HTML off, and nothing else.
var (
	fuzzElements   = strings.Fields("p h1 h2 h3 h4 h5 h6 a img em strong code pre blockquote ul ol li hr br table thead tbody tr th td del input")
	fuzzAttributes = strings.Fields("id class href src alt title start checked disabled type")
)

// checkPromises reads the tags in out, which with raw HTML off holds no
// "<" but those goldmark writes, and checks each against the promises.
// refused holds the addresses the resolver refused, as the page writes
// them.
func checkPromises(t *testing.T, out string, refused map[string]bool) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		if out[i] != '<' {
			continue
		}
		rest := out[i+1:]
		if strings.HasPrefix(rest, "!--") {
			end := strings.Index(rest, "-->")
			if end < 0 {
				t.Fatalf("unclosed comment in:\n%s", out)
			}
			if rest[:end+3] != "!-- raw HTML omitted -->" {
				t.Errorf("comment %q", rest[:end+3])
			}
			i += end + 3
			continue
		}
		rest = strings.TrimPrefix(rest, "/")
		n := 0
		for n < len(rest) && (rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		name := rest[:n]
		if !slices.Contains(fuzzElements, name) {
			t.Fatalf("element <%s> in:\n%s", name, out)
		}
		rest = rest[n:]
		for {
			rest = strings.TrimLeft(rest, " ")
			if strings.HasPrefix(rest, ">") || strings.HasPrefix(rest, "/>") {
				break
			}
			eq := strings.Index(rest, `="`)
			if eq < 0 {
				t.Fatalf("unreadable attributes in <%s: %q", name, rest)
			}
			attr := rest[:eq]
			end := strings.IndexByte(rest[eq+2:], '"')
			if end < 0 {
				t.Fatalf("unclosed attribute %s in <%s", attr, name)
			}
			value := html.UnescapeString(rest[eq+2 : eq+2+end])
			if !slices.Contains(fuzzAttributes, attr) {
				t.Fatalf("attribute %s=%q on <%s> in:\n%s", attr, value, name, out)
			}
			switch attr {
			case "src":
				if host := foreignHost(value); host != "" && host != "https://images.example.org" {
					t.Errorf("image from %s: %q", host, value)
				}
				fallthrough
			case "href":
				if host := foreignHost(value); host == "" && value != "" && !strings.HasPrefix(value, "#") && !strings.HasPrefix(value, "?") &&
					!strings.HasPrefix(value, "/base/") && !strings.HasPrefix(value, "/glossary/") && !refused[value] {
					t.Errorf("%s %q was neither rewritten nor reported", attr, value)
				}
			case "type":
				if value != "checkbox" {
					t.Errorf("input of type %q", value)
				}
			}
			rest = rest[eq+2+end+1:]
		}
		i += len(out[i:]) - len(rest)
	}
}

// foreignHost returns the scheme and host a browser would fetch value
// from, or "" for an address on this site. Written apart from foreign, so
// the test does not check the code with itself.
func foreignHost(value string) string {
	v := strings.NewReplacer("\\", "/", "\t", "", "\n", "", "\r", "").Replace(value)
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	if strings.HasPrefix(v, "//") {
		v = "https:" + v
	}
	scheme, rest, ok := strings.Cut(v, ":")
	if !ok || !schemeName.MatchString(scheme) {
		return ""
	}
	// For http and https a browser takes what follows the colon as the
	// host, with or without slashes, when the page is not itself on that
	// scheme: https:images.example.org is https://images.example.org/.
	if s := strings.ToLower(scheme); s == "http" || s == "https" {
		v = s + "://" + strings.TrimLeft(rest, "/")
	}
	host := ""
	if u, err := url.Parse(v); err == nil {
		host = u.Hostname()
	}
	return strings.ToLower(scheme) + "://" + strings.ToLower(host)
}
