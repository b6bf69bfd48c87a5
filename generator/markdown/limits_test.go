package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// pathological returns Markdown of about size bytes for each construct
// that makes goldmark slow or hungry: CommonMark's pathological tests
// (cmark's test/pathological_tests.py), made as bad as they can be while
// staying within the limits, so that goldmark does all the work, and a few
// past the limits, which must be refused cheaply.
func pathological(size int) []struct {
	name string
	src  []byte
} {
	// fill repeats unit up to size bytes.
	fill := func(unit string) string { return strings.Repeat(unit, max(1, size/len(unit))) }
	// paras fills paragraphs with as many copies of unit as the marks
	// limit allows, then pads each with pad up to the size limit.
	paras := func(unit, pad string) string {
		p := strings.Repeat(unit, max(1, maxBlockMarks/max(1, countMarks([]byte(unit)))))
		if pad != "" {
			p += strings.Repeat(pad, (maxBlockBytes-len(p)-1)/len(pad))
		}
		return fill(p + "\n\n")
	}
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(line(i))
		}
		return fill(b.String())
	}
	// block fills blocks of n lines, with a blank line between them.
	block := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(line(i))
		}
		return fill(b.String() + "\n")
	}
	var backticks strings.Builder
	for i := 1; countMarks([]byte(backticks.String())) < maxBlockMarks && backticks.Len()+i < maxBlockBytes; i++ {
		backticks.WriteString("e" + strings.Repeat("`", i))
	}
	cases := []struct{ name, src string }{
		{"nested strong emphasis", paras("*a **a ", "") + paras(" a** a*", "")},
		{"emphasis closers without openers", paras("a_ ", "")},
		{"emphasis openers without closers", paras("_a ", "")},
		{"mismatched openers and closers", paras("*a_ ", "")},
		{"openers and closers multiple of 3", paras("a**b c* ", "")},
		{"link openers and emphasis closers", paras("[ a_", "")},
		{"link closers without openers", paras("a]", "")},
		{"link openers without closers", paras("[a", "")},
		{"open brackets", paras("[", "")},
		{"pattern [ (](", paras("[ (](", "")},
		{"pattern ![[]()", paras("![[]()", "")},
		{"nested brackets", fill(strings.Repeat("[", maxBlockMarks/2) + "a" + strings.Repeat("]", maxBlockMarks/2) + "\n\n")},
		{"nested links", fill(strings.Repeat("[a ", maxBlockMarks/2) + strings.Repeat("](/u)", maxBlockMarks/2) + "\n\n")},
		{"nested images", fill(strings.Repeat("![a ", maxBlockMarks/2) + strings.Repeat("](/u)", maxBlockMarks/2) + "\n\n")},
		{"unclosed links A", paras("[a](<b", "x")},
		{"unclosed links B", paras("[a](b", "x")},
		{"unclosed destinations", paras("[](", "x")},
		{"unclosed comments", paras("<!--", "x")},
		{"unclosed tag attributes", paras(`<a b="`, "x")},
		{"backtick runs", fill(backticks.String() + "\n\n")},
		{"reference collisions", block(maxBlockLines, func(int) string { return "[a]: /u\n" })},
		{"many references", block(maxBlockLines, func(i int) string { return fmt.Sprintf("[r%d]: /u\n", i) })},
		{"nested block quotes", fill(strings.Repeat(">", maxNesting) + " a\n\n")},
		{"nested quotes and lists", fill(strings.Repeat("> - ", maxNesting/2) + "a\n")},
		{"deeply nested lists", lines(maxNesting, func(i int) string { return strings.Repeat("  ", i) + "* a\n" })},
		{"huge table", block(maxBlockLines, func(i int) string {
			switch i {
			case 0:
				return "| a | b |\n"
			case 1:
				return "|---|:-:|\n"
			}
			return "| *x* | [y](/u) |\n"
		})},
		{"many headings", fill("# a\n")},
		{"many setext headings", fill("a\n=\n")},
		{"many task items", fill("- [x] a\n")},
		{"many paragraphs", fill("a\n\n")},
		{"typographic quotes", paras(`"'`, "")},
		// Past the limits: refused before goldmark does the work.
		{"block quotes past the limit", fill(">") + "a"},
		{"lists past the limit", fill("- ") + "a"},
		{"one long paragraph", fill("*a_ ")},
	}
	out := make([]struct {
		name string
		src  []byte
	}, len(cases))
	for i, c := range cases {
		if len(c.src) > maxSource {
			c.src = c.src[:maxSource]
		}
		out[i].name, out[i].src = c.name, []byte(c.src)
	}
	return out
}

// convert parses, checks and renders src as the build does.
func convert(c *Converter, src []byte) (*Parsed, []error, []byte) {
	p := c.Parse(Doc{File: "p.md", Line: 1, Source: src})
	errs := p.Links(func(dest string) (string, error) { return dest, nil })
	html, _ := p.HTML()
	return p, errs, html
}

// Bounds on memory for a page, per byte of its Markdown: what converting
// it allocates in all, and what the parsed page holds at once.
const (
	allocPerByte = 640
	heldPerByte  = 320
)

// TestLimitsBoundMemory converts every pathological case at two sizes and
// measures the bytes allocated: within the bounds above at both, and
// growing no faster than the size, so a page of maxSource bytes allocates
// at most allocPerByte*maxSource (640 MiB) and holds at most
// heldPerByte*maxSource (320 MiB). BenchmarkPathological runs the same
// cases at maxSource for time.
//
// The cases past the limits must be reported, and the others not, so
// they measure goldmark's own work: that is checked on the smaller size's
// conversion, so the cases (the slowest of this package's tests) are
// converted only once at each size.
func TestLimitsBoundMemory(t *testing.T) {
	c := New(Options{})
	measure := func(src []byte) (total, held uint64, errs []error) {
		var before, parsed, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		p := c.Parse(Doc{File: "p.md", Line: 1, Source: src})
		runtime.GC()
		runtime.ReadMemStats(&parsed)
		errs = p.Links(func(dest string) (string, error) { return dest, nil })
		_, _ = p.HTML()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(p)
		if parsed.HeapAlloc > before.HeapAlloc {
			held = parsed.HeapAlloc - before.HeapAlloc
		}
		return after.TotalAlloc - before.TotalAlloc, held, errs
	}
	small, large := pathological(maxSource/32), pathological(maxSource/16)
	for i := range large {
		name, src := large[i].name, large[i].src
		total, held, _ := measure(src)
		smallTotal, _, errs := measure(small[i].src)
		past := strings.Contains(name, "past the limit") || name == "one long paragraph"
		if past != (len(errs) > 0) {
			t.Errorf("%s: %d problems, first %v", name, len(errs), errs)
		}
		if total > allocPerByte*uint64(len(src)) {
			t.Errorf("%s: %d bytes allocated for %d bytes of Markdown, more than %d per byte", name, total, len(src), allocPerByte)
		}
		if held > heldPerByte*uint64(len(src)) {
			t.Errorf("%s: %d bytes held for %d bytes of Markdown, more than %d per byte", name, held, len(src), heldPerByte)
		}
		// Twice the Markdown may take twice the memory, with room for
		// noise, but not the four times that quadratic growth would.
		if ratio := float64(total) / float64(smallTotal) * float64(len(small[i].src)) / float64(len(src)); ratio > 1.5 {
			t.Errorf("%s: memory grows faster than the size: %d bytes for %d, %d for %d", name, smallTotal, len(small[i].src), total, len(src))
		}
	}
}

// BenchmarkPathological converts each pathological case at maxSource:
//
//	go test -run '^$' -bench Pathological -benchtime 1x ./generator/markdown
func BenchmarkPathological(b *testing.B) {
	c := New(Options{})
	for _, tc := range pathological(maxSource) {
		b.Run(strings.ReplaceAll(tc.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(tc.src)))
			b.ReportAllocs()
			for b.Loop() {
				convert(c, tc.src)
			}
		})
	}
}
