package markdown

import (
	"strings"
	"testing"
	"unicode"
)

func TestText(t *testing.T) {
	c := New(Options{})
	for _, tc := range []struct{ name, src, want string }{
		{"paragraphs are lines, soft breaks spaces", "One line\nand the next.\n\nA second   paragraph.\n", "One line and the next.\nA second paragraph."},
		{"emphasis and links keep their words", "Keep **backups** [off site](/backup/), see <https://example.org/x>.\n", "Keep backups off site, see https://example.org/x."},
		{"headings and list items are lines", "## Who does it?\n\n- the manager\n- the *office*\n\n1. first\n", "Who does it?\nthe manager\nthe office\nfirst"},
		{"escapes and entities are resolved", "Fish \\*and\\* chips &amp; peas &#163;5\n", "Fish *and* chips & peas £5"},
		{"quotes and dashes are the typographer's", "\"Quotes\" -- it's...\n", "“Quotes” – it’s…"},
		{"raw HTML is left out", "Before <b>bold</b> after.\n\n<div>\nhidden\n</div>\n", "Before bold after."},
		{"code keeps its text", "Run `readykit build`.\n\n```\nline one\nline two\n```\n", "Run readykit build.\nline one\nline two"},
		{"a table row is a line", "| a | b |\n|---|---|\n| 1 | two words |\n", "a b\n1 two words"},
		{"an image gives its alt text", "![A chart of progress](/chart.png)\n", "A chart of progress"},
		{"block quotes and breaks", "> quoted  \n> text\n\n---\n\nend\n", "quoted text\nend"},
		{"nothing", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Parse(Doc{File: "p.md", Line: 1, Source: []byte(tc.src)}).Text()
			if got != tc.want {
				t.Errorf("Text of %q\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

// FuzzText takes the text of any Markdown: nothing may panic, and the
// text is tidy (no blank line, no line that starts or ends with a space,
// no two spaces together), and the same after the links are resolved.
//
//	go test -run '^$' -fuzz FuzzText ./generator/markdown
func FuzzText(f *testing.F) {
	f.Add("## Who *does* it?\n\n- [x] one\n- `two`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>\nraw\n</div>\n\n    code\n")
	f.Fuzz(func(t *testing.T, src string) {
		p := fuzzConverters[false].Parse(Doc{File: "p.md", Line: 1, Source: []byte(src)})
		text := p.Text()
		for _, line := range strings.Split(text, "\n") {
			if text != "" && (line == "" || strings.TrimSpace(line) != line || strings.Contains(line, "  ")) {
				t.Fatalf("untidy line %q in the text of %q", line, src)
			}
		}
		p.Links(func(dest string) (string, error) { return "/x/", nil })
		if again := p.Text(); again != text {
			t.Errorf("the text changed when links were resolved:\n%q\n%q", text, again)
		}
	})
}

// Glossary links that LinkTerms adds do not change the text.
func TestTextAfterLinkTerms(t *testing.T) {
	p := New(Options{}).Parse(Doc{File: "p.md", Line: 1, Source: []byte("Pay the ICO fee each year.\n")})
	before := p.Text()
	p.LinkTerms([]Term{{Words: []string{"ICO"}, Href: "/glossary/#ico"}})
	html, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `href="/glossary/#ico"`) {
		t.Fatalf("the term was not linked: %s", html)
	}
	if after := p.Text(); after != before || after != "Pay the ICO fee each year." {
		t.Errorf("text before linking %q, after %q", before, after)
	}
}

// tidyByFields is Tidy's definition, written the obvious way: FuzzTidy
// holds the one-pass Tidy to it.
func tidyByFields(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.Join(strings.FieldsFunc(line, unicode.IsSpace), " "); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// FuzzTidy: Tidy gives what splitting into lines and fields gives, for any
// string, including broken UTF-8 and every kind of white space.
//
//	go test -run '^$' -fuzz FuzzTidy ./generator/markdown
func FuzzTidy(f *testing.F) {
	for _, s := range []string{"", " ", "\n\n", " a  b \n\n c\t\n", "a\u00a0b\u0085c\u2028d\u3000e", "\xff \xc2\n\xc2\xa0x", "one\r\ntwo\vthree\ffour", "\n  \nx\n \t", "é  ü\n\n\nß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tidy(s), tidyByFields(s); got != want {
			t.Fatalf("Tidy(%q) = %q, want %q", s, got, want)
		}
	})
}
