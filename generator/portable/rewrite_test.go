package portable

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

var files = map[string]bool{"index.html": true, "checklist/index.html": true, "items/1.1.1/index.html": true, "favicon.svg": true, "assets/site.css": true, "data/search.json": true}

func TestURL(t *testing.T) {
	for _, c := range []struct {
		base, page, in, want string
	}{
		{"/", "index.html", "/", "index.html"},
		{"/", "index.html", "/checklist/", "checklist/index.html"},
		{"/", "items/1.1.1/index.html", "/checklist/", "../../checklist/index.html"},
		{"/", "items/1.1.1/index.html", "/items/1.1.1/", "index.html"},
		{"/", "items/1.1.1/index.html", "/", "../../index.html"},
		{"/", "checklist/index.html", "/checklist/?level=met", "index.html?level=met"},
		{"/", "checklist/index.html", "/items/1.1.1/#evidence", "../items/1.1.1/index.html#evidence"},
		{"/", "checklist/index.html", "/search/?q=a&amp;b#top", "../search/index.html?q=a&amp;b#top"},
		{"/", "checklist/index.html", "/checklist", "index.html"}, // a folder named without its slash
		{"/", "checklist/index.html", "/favicon.svg", "../favicon.svg"},
		{"/", "404.html", "/assets/site.css", "assets/site.css"},
		{"/", "checklist/index.html", "#main", "#main"},
		{"/", "checklist/index.html", "?q=x", "?q=x"},
		{"/", "checklist/index.html", "../x/", "../x/"},
		{"/", "checklist/index.html", "https://www.dsptoolkit.nhs.uk/", "https://www.dsptoolkit.nhs.uk/"},
		{"/", "checklist/index.html", "mailto:help@example.org", "mailto:help@example.org"},
		{"/", "checklist/index.html", "tel:+441234567890", "tel:+441234567890"},
		{"/", "checklist/index.html", "//cdn.example.org/x.js", "//cdn.example.org/x.js"},
		{"/dspt/", "checklist/index.html", "/dspt/items/1.1.1/", "../items/1.1.1/index.html"},
		{"/dspt/", "index.html", "/dspt/", "index.html"},
		{"/dspt/", "index.html", "/dspt", "index.html"},
		{"/dspt/", "index.html", "/other/", "/other/"}, // not the site's: nothing in the copy
	} {
		r := Rewriter{Base: c.base, Files: files}
		if got := r.URL(c.page, c.in); got != c.want {
			t.Errorf("base %s, on %s: %s became %s, want %s", c.base, c.page, c.in, got, c.want)
		}
	}
}

func TestHTML(t *testing.T) {
	r := Rewriter{Base: "/", Files: files}
	in := `<!DOCTYPE html><html><head><link rel=stylesheet href=/assets/site.css><script src="/js/early.js" data-x=1></script>` +
		`<script type=module src=/js/app.js></script><meta http-equiv=refresh content="0; url=/checklist/"><style>body{background:url(/favicon.svg)}</style></head>` +
		`<body><a href='/checklist/?level=met#list'>Checklist</a> <p>Go to /checklist/ for it.</p><img src=/favicon.svg srcset="/favicon.svg 1x, /favicon.svg 2x" alt="">` +
		`<form action=/search/><input name=q></form><p data-portable class=offer>Take it <a href=/download/x.zip download>here</a> <span>(ZIP)</span></p><p>after</p>` +
		`<div style="background:url('/favicon.svg')"></div></body></html>`
	got := string(r.HTML(Page{Path: "items/1.1.1/index.html", Marker: "data-portable", Note: []byte("<p>A copy.</p>"), Bundles: map[string]string{"js/app.js": "js/readykit-app.12345678.js"}}, []byte(in)))
	for _, want := range []string{
		`<link rel=stylesheet href="../../assets/site.css">`,
		`<script src="../../js/early.js" data-x=1></script>`,
		`<script defer src="../../js/readykit-app.12345678.js"></script>`,
		`content="0; url=../../checklist/index.html"`,
		`<style>body{background:url(../../favicon.svg)}</style>`,
		`<a href='../../checklist/index.html?level=met#list'>Checklist</a>`,
		`<p>Go to /checklist/ for it.</p>`,
		`srcset="../../favicon.svg 1x, ../../favicon.svg 2x"`,
		`<form action="../../search/index.html">`,
		`<p>A copy.</p><p>after</p>`,
		`style="background:url('../../favicon.svg')"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "Take it") || strings.Contains(got, "type=module") {
		t.Errorf("the offer or the module script is still there:\n%s", got)
	}
}

func TestZipIsDeterministic(t *testing.T) {
	a := []File{{"index.html", []byte("<p>home</p>")}, {"checklist/index.html", []byte("<p>list</p>")}, {"assets/site.css", []byte("body{}")}}
	b := []File{a[2], a[0], a[1]}
	when := parseTime(t, "2026-12-01")
	z1, err := Zip("guide", a, when)
	if err != nil {
		t.Fatal(err)
	}
	z2, _ := Zip("guide", b, when)
	if !bytes.Equal(z1, z2) {
		t.Error("the same files in another order give another .zip")
	}
	z3, _ := Zip("guide", a, parseTime(t, "2026-12-02"))
	if bytes.Equal(z1, z3) {
		t.Error("the time given is not in the .zip")
	}
	names := zipNames(t, z1)
	if strings.Join(names, " ") != "guide/assets/site.css guide/checklist/index.html guide/index.html" {
		t.Errorf("entries %v", names)
	}
}

// FuzzRewrite: whatever the page, rewriting it does not panic, keeps its
// text (but for the marked element's and style sheets'), and leaves no
// root-relative address in a link's href.
func FuzzRewrite(f *testing.F) {
	for _, s := range []string{
		`<a href="/checklist/">x</a>`,
		`<p data-portable>offer <b>bold</b></p><p>after</p>`,
		`<script type=module src=/js/app.js></script>`,
		`<img srcset="/a.png 1x,/b.png 2x"><style>a{background:url("/x.svg")}</style>`,
		`<meta http-equiv=refresh content="0;URL=/x/">`,
		`<svg><a href="/x/">y</a></svg><!-- <a href=/c/> --><textarea><a href=/t/></textarea>`,
	} {
		f.Add(s)
	}
	r := Rewriter{Base: "/", Files: files}
	p := Page{Path: "items/1.1.1/index.html", Marker: "data-portable", Note: []byte("<p>note</p>"), Bundles: map[string]string{"js/app.js": "js/readykit-app.1.js"}}
	f.Fuzz(func(t *testing.T, in string) {
		out := r.HTML(p, []byte(in))
		inText, _ := lexed([]byte(in))
		outText, hrefs := lexed(out)
		if low := strings.ToLower(in); !strings.Contains(low, "data-portable") && !strings.Contains(low, "style") && inText != outText {
			t.Errorf("the text changed from\n%q\nto\n%q", inText, outText)
		}
		for _, v := range hrefs {
			if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") {
				t.Errorf("a root-relative link is left: %q in\n%q", v, out)
			}
		}
	})
}

// lexed returns a page's text and its links' href values, as the HTML
// lexer reads them.
func lexed(page []byte) (text string, hrefs []string) {
	l := html.NewLexer(parse.NewInputBytes(bytes.Clone(page)))
	var b strings.Builder
	tag := ""
	for {
		tt, raw := l.Next()
		switch tt {
		case html.ErrorToken:
			return b.String(), hrefs
		case html.TextToken:
			b.Write(raw)
		case html.StartTagToken:
			tag = string(l.Text())
		case html.AttributeToken:
			if tag == "a" && string(l.AttrKey()) == "href" {
				hrefs = append(hrefs, string(unquote(l.AttrVal())))
			}
		}
	}
}

func TestHTMLDropsLinks(t *testing.T) {
	r := Rewriter{Base: "/", Files: files}
	in := `<head><script type=module src=/js/app.js></script><link rel=modulepreload href=/js/dom.js>` +
		`<link rel="ModulePreload" href="/js/words.js"/><link rel="stylesheet" href="/assets/site.css"><link rel="preload icon" href=/favicon.svg></head>`
	p := Page{Path: "index.html", Bundles: map[string]string{"js/app.js": "js/readykit-app.12345678.js"}, DropLinks: []string{"modulepreload"}}
	got := string(r.HTML(p, []byte(in)))
	want := `<head><script defer src="js/readykit-app.12345678.js"></script>` +
		`<link rel="stylesheet" href="assets/site.css"><link rel="preload icon" href="favicon.svg"></head>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
