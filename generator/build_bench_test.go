package generator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// BenchmarkBuildPages builds the small site with n more pages of about
// 1.5 KB each, minified, without the portable copy, into a sink that keeps
// nothing. A build streams its pages to the sink, so bytes allocated per
// page (B/op divided by n) should stay flat as n grows, and time grow
// linearly; make bench compares whole builds with Hugo's.
func BenchmarkBuildPages(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			site := streamedSite(b)
			for i := range n {
				site[fmt.Sprintf("content/pages/p%05d.md", i)] = &fstest.MapFile{Data: benchPage(i)}
			}
			opts := generator.Options{Source: site, Theme: themes.Default(), Minify: true}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.Build(context.Background(), opts, publish.Discard{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchPage is a page with headings, a list, a table and links to the
// checklist and to the page before it.
func benchPage(i int) []byte {
	var s strings.Builder
	fmt.Fprintf(&s, "---\ntitle: Page %d\ndescription: A page to build, number %d.\n---\n", i, i)
	for sec := range 3 {
		fmt.Fprintf(&s, "\n## Section %d\n\nStaff keep the records of page %d in the [checklist](/checklist/) and review them *each year*, as the policy says.\n", sec, i)
		s.WriteString("\n- Check the backups.\n- Train the staff.\n- Report any breach.\n")
	}
	s.WriteString("\n| Task | Owner |\n|---|---|\n| Backups | Manager |\n| Training | Lead |\n")
	if i > 0 {
		fmt.Fprintf(&s, "\nSee also [the page before](p%05d.md).\n", i-1)
	}
	return []byte(s.String())
}
