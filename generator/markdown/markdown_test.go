package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
)

func render(t *testing.T, c *Converter, src string, resolve Resolver) (string, []error) {
	t.Helper()
	p := c.Parse(Doc{File: "p.md", Line: 5, Source: []byte(src)})
	var errs []error
	if resolve != nil {
		errs = p.Links(resolve)
	}
	html, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	return string(html), errs
}

func TestRender(t *testing.T) {
	c := New(Options{})
	html, _ := render(t, c, "## Who does it?\n\n\"Quotes\" -- dashes...\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n<script>alert(1)</script>\n", nil)
	for _, want := range []string{
		`<h2 id="who-does-it">Who does it?</h2>`,
		"“Quotes” – dashes…",
		"<table>", "<td>1</td>",
		`<input checked="" disabled="" type="checkbox"`,
		"<!-- raw HTML omitted -->",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Errorf("raw HTML went through with Unsafe off:\n%s", html)
	}
	html, _ = render(t, New(Options{Unsafe: true}), "<aside>note</aside>\n", nil)
	if !strings.Contains(html, "<aside>note</aside>") {
		t.Errorf("raw HTML dropped with Unsafe on: %s", html)
	}
}

// Links are rewritten by the resolver, and those that lead nowhere are
// reported at the "[" that starts them, counted from the file's lines.
func TestLinks(t *testing.T) {
	resolve := func(dest string) (string, error) {
		if dest == "/ok/" {
			return "/base/ok/", nil
		}
		return "", &diag.FileError{Msg: "no page " + dest, Hint: "Fix it"}
	}
	src := "Intro.\n\nSee [ok](/ok/) and\nthen *[bad](/bad/)*, ![pic](/bad.png) and [**bold**](/b2/).\n"
	html, errs := render(t, New(Options{}), src, resolve)
	if !strings.Contains(html, `<a href="/base/ok/">ok</a>`) {
		t.Errorf("link not rewritten:\n%s", html)
	}
	want := []string{
		"p.md:8:7: no page /bad/. Fix it",
		"p.md:8:22: no page /bad.png. Fix it",
		"p.md:8:43: no page /b2/. Fix it",
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v", errs)
	}
	for i, err := range errs {
		var fe *diag.FileError
		if !errors.As(err, &fe) || err.Error() != want[i] {
			t.Errorf("error %d: %q, want %q", i, err, want[i])
		}
	}
}

func TestLinkTerms(t *testing.T) {
	c := New(Options{})
	p := c.Parse(Doc{File: "p.md", Line: 1, Source: []byte("## About the ICO\n\nPay the ICO fee. The ICO again, not iconic ICOs.\nGet Cyber Essentials Plus, then a DPIA\nand [a link about DPIA](https://x) and `ICO`.\n")})
	p.LinkTerms([]Term{
		{Words: []string{"ICO", "Information Commissioner"}, Href: "/glossary/#ico"},
		{Words: []string{"Cyber Essentials"}, Href: "/glossary/#ce"},
		{Words: []string{"Cyber Essentials Plus"}, Href: "/glossary/#ce-plus"},
		{Words: []string{"DPIA"}, Href: "/glossary/#dpia"},
	})
	html, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	want := `<h2 id="about-the-ico">About the ICO</h2>
<p>Pay the <a href="/glossary/#ico">ICO</a> fee. The ICO again, not iconic ICOs.
Get <a href="/glossary/#ce-plus">Cyber Essentials Plus</a>, then a <a href="/glossary/#dpia">DPIA</a>
and <a href="https://x">a link about DPIA</a> and <code>ICO</code>.</p>
`
	if string(html) != want {
		t.Errorf("got:\n%s\nwant:\n%s", html, want)
	}
}
