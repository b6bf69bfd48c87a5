package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// errorsOf parses src as the body of p.md starting on file line 5, checks
// its links with a resolver that accepts everything, and returns the
// rendered page and the problems as strings.
func errorsOf(t *testing.T, c *Converter, src string) (string, []string) {
	t.Helper()
	p := c.Parse(Doc{File: "p.md", Line: 5, Source: []byte(src)})
	errs := p.Links(func(dest string) (string, error) { return dest, nil })
	html, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return string(html), out
}

func sameErrors(t *testing.T, src string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%q:\ngot\n  %s\nwant\n  %s", src, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// A heading keeps an id and classes; anything else, which could set a
// style or run a script, is refused where it is written. An id that is
// not text used to panic inside goldmark.
func TestHeadingAttributes(t *testing.T) {
	c := New(Options{})
	for _, tc := range []struct {
		src  string
		html string
		errs []string
	}{
		{"## Who does it? {#who .note .wide}\n", `<h2 id="who" class="note wide">Who does it?</h2>`, nil},
		{"Plain\n=====\n\n## Plain\n", `<h1 id="plain">Plain</h1>` + "\n" + `<h2 id="plain-1">Plain</h2>`, nil},
		{"## Title {style=\"color:red\"}\n", `<h2 id="title">Title</h2>`, []string{
			`p.md:5:11: heading attribute "style" is not allowed: the site's Content-Security-Policy blocks inline styles. ` + headingHint}},
		{"Intro.\n\n### Title {#t onclick=\"alert(1)\"}\n", `<h3 id="t">Title</h3>`, []string{
			`p.md:7:15: heading attribute "onclick" is not allowed: it would run a script, and the site runs none from its pages. ` + headingHint}},
		{"Setext {tabindex=1}\n---\n", `<h2 id="setext">Setext</h2>`, []string{
			`p.md:5:9: heading attribute "tabindex" is not allowed. ` + headingHint}},
		{"## Five {id=5}\n", `<h2 id="five">Five</h2>`, []string{
			"p.md:5:10: this heading's id is not a name. Write the id as letters, digits and hyphens, such as {#who-does-it}"}},
		{"## Spaced {id=\"a b\"}\n", `<h2 id="spaced">Spaced</h2>`, []string{
			`p.md:5:12: heading id "a b" is not a usable name. Write the id as letters, digits, hyphens and underscores, such as {#who-does-it}`}},
		{"## A\n\n## B {#a}\n", `<h2 id="b">B</h2>`, []string{
			`p.md:7:7: heading id "a" is already used on this page. Give each heading on the page its own id`}},
		{"## Mine {#rk-start}\n", `<h2 id="mine">Mine</h2>`, []string{
			`p.md:5:10: heading id "rk-start" starts with rk-, which is kept for the parts of the page that readykit adds. Choose an id that does not start with rk-`}},
		{"## Bad class {class=\"ok x;y\"}\n", `<h2 id="bad-class">Bad class</h2>`, []string{
			`p.md:5:15: heading class "x;y" is not a usable name. Write classes as letters, digits, hyphens and underscores, such as {.note}`}},
		// goldmark reads no attributes at all when a class is not text.
		{"## Array {class=[1,2]}\n", `<h2 id="array-class12">Array {class=[1,2]}</h2>`, nil},
	} {
		html, errs := errorsOf(t, c, tc.src)
		if !strings.Contains(html, tc.html) {
			t.Errorf("%q: got\n%s\nwant it to contain\n%s", tc.src, html, tc.html)
		}
		sameErrors(t, tc.src, errs, tc.errs)
	}
}

// Table alignment becomes a class: goldmark's inline style would be
// blocked by the site's Content-Security-Policy.
func TestTableAlignment(t *testing.T) {
	html, errs := errorsOf(t, New(Options{}), "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
	for _, want := range []string{`<th class="align-left">a</th>`, `<td class="align-center">2</td>`, `<td class="align-right">3</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, "style=") || len(errs) > 0 {
		t.Errorf("inline style or errors %v:\n%s", errs, html)
	}
}

// An image that the browser would fetch from another host is refused at
// its "![", unless the site allows that host; links to other sites load
// nothing and stay fine.
func TestImagesFromElsewhere(t *testing.T) {
	c := New(Options{AllowedHosts: []string{"Images.Example.org"}})
	local := "Put the picture in the site's static/ folder and give its address, such as /images/chart.png"
	// elsewhere is the message for image img at pos, from host tracker.example.
	elsewhere := func(pos, img string) string {
		return "p.md:" + pos + ": image \"" + img + "\" loads from another site, tracker.example, which the site promises never to do. " +
			local + "; or, if the site may load from tracker.example, add it to options.allowedHosts in readykit.yaml"
	}
	for _, tc := range []struct {
		src  string
		errs []string
	}{
		{"See [the ICO](https://ico.org.uk/) and <https://x.example/>.\n", nil},
		{"![chart](/images/chart.png) ![ok](https://images.example.org/a.png)\n", nil},
		{"Text ![x](https://tracker.example/p.png)\n", []string{
			elsewhere("5:6", "https://tracker.example/p.png")}},
		{"![x](//tracker.example/p.png)\n", []string{
			elsewhere("5:1", "//tracker.example/p.png")}},
		// goldmark escapes the backslash, so the browser reads a path here.
		{"![x](/\\tracker.example/p.png)\n", nil},
		{"![x](&#x68;ttps://tracker.example/p.png)\n", []string{
			elsewhere("5:1", "&#x68;ttps://tracker.example/p.png")}},
		{"![x][p]\n\n[p]: HTTPS://tracker.example/p.png\n", []string{
			elsewhere("5:1", "HTTPS://tracker.example/p.png")}},
		{"![x](data:image/png;base64,AAAA)\n", []string{`p.md:5:1: image "data:image/png;base64,AAAA" is not a file of this site. ` + local}},
		{"![x](http://images.example.org/a.png)\n", []string{
			`p.md:5:1: image "http://images.example.org/a.png" is not loaded securely. Write https:// instead of http://`}},
	} {
		html, errs := errorsOf(t, c, tc.src)
		sameErrors(t, tc.src, errs, tc.errs)
		if tc.errs != nil && strings.Contains(html, "tracker.example") || strings.Contains(html, `src="/\`) {
			t.Errorf("%q: the refused image is still in the page:\n%s", tc.src, html)
		}
	}
}

// Each limit is reported where it is broken, with what to do, and the
// part that breaks it is left out.
func TestLimits(t *testing.T) {
	c := New(Options{})
	deep := strings.Repeat("> ", maxNesting) + "deep\n"
	tooDeep := "Fine.\n\n" + strings.Repeat("> ", maxNesting+1) + "deeper\n" + strings.Repeat("> ", maxNesting+1) + "again\n"
	var list strings.Builder
	for i := 0; i <= maxNesting; i++ {
		fmt.Fprintf(&list, "%s- level %d\n", strings.Repeat("  ", i), i+1)
	}
	long := strings.Repeat("word ", maxBlockBytes/5+2)
	marks := strings.Repeat("*a ", maxBlockMarks+1)
	lines := strings.Repeat("line\n", maxBlockLines+1)
	for _, tc := range []struct {
		name, src string
		errs      []string
		gone      string // what must not reach the page
	}{
		{"nested as deep as allowed", deep, nil, ""},
		// The marker past the limit is read as text.
		{"block quotes too deep", tooDeep, []string{
			fmt.Sprintf("p.md:7:%d: block quotes and lists are nested more than %d deep here. Use fewer levels: a reader cannot follow more than a few", 2*maxNesting+1, maxNesting)}, "<blockquote>\n<p>deeper"},
		{"lists too deep", list.String(), []string{
			fmt.Sprintf("p.md:%d:%d: block quotes and lists are nested more than %d deep here. Use fewer levels: a reader cannot follow more than a few", 5+maxNesting, 2*maxNesting+1, maxNesting)}, "<ul>\n<li>level 17"},
		{"paragraph too long", "Short.\n\n" + long, []string{
			fmt.Sprintf("p.md:7:1: this paragraph is %d bytes long, more than the limit of %d. Split it, with a blank line between the parts", len(long), maxBlockBytes)}, "word word"},
		{"heading too long", "# " + long + "\n", []string{
			fmt.Sprintf("p.md:5:3: this heading is %d bytes long, more than the limit of %d. Split it, with a blank line between the parts", len(long)-1, maxBlockBytes)}, "word word"},
		{"too many marks", marks, []string{
			fmt.Sprintf("p.md:5:1: this paragraph has %d emphasis, code and link marks, more than the limit of %d. Split it, with a blank line between the parts, or use less formatting", maxBlockMarks+1, maxBlockMarks)}, "<em>a</em>"},
		{"too many marks in a cell", "| a |\n|---|\n| x " + marks + "|\n", []string{
			fmt.Sprintf("p.md:7:3: this table cell has %d emphasis, code and link marks, more than the limit of %d. Split it, with a blank line between the parts, or use less formatting", maxBlockMarks+1, maxBlockMarks)}, "<em>a</em>"},
		{"too many lines", "# Title\n\n" + lines, []string{
			fmt.Sprintf("p.md:7:1: this paragraph or table has %d lines, more than the limit of %d. Split it, with a blank line between the parts", maxBlockLines+1, maxBlockLines)}, "line\nline"},
		{"too big", strings.Repeat("a\n\n", maxSource/3+1), []string{
			fmt.Sprintf("p.md:5:1: this page's text is %d bytes long, more than the limit of %d. Split it into several pages", 3*(maxSource/3+1), maxSource)}, "<p>"},
	} {
		html, errs := errorsOf(t, c, tc.src)
		sameErrors(t, tc.name, errs, tc.errs)
		if tc.gone != "" && strings.Contains(html, tc.gone) {
			t.Errorf("%s: the part over the limit is still in the page", tc.name)
		}
	}
}

// A file with many problems lists maxProblems of them and counts the rest.
func TestProblemsCapped(t *testing.T) {
	src := strings.Repeat("![x](https://t.example/p.png)\n\n", maxProblems+7)
	_, errs := errorsOf(t, New(Options{}), src)
	if len(errs) != maxProblems+1 {
		t.Fatalf("%d errors, want %d", len(errs), maxProblems+1)
	}
	want := fmt.Sprintf("p.md:%d:1: 7 more problems in this file. Fix the ones listed, then build again to see the rest", 5+2*maxProblems)
	if errs[maxProblems] != want {
		t.Errorf("last error %q, want %q", errs[maxProblems], want)
	}
}
