package generator_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/benchsite"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// BenchmarkBuildDefault builds the default site, as readykit build does.
func BenchmarkBuildDefault(b *testing.B) {
	benchmarkBuild(b, readykit.Starter())
}

// BenchmarkBuild1000 builds the default site's settings, pages and theme
// with 1,000 generated pages of about 1.9 KB of Markdown each; make bench
// times Hugo on the same pages.
func BenchmarkBuild1000(b *testing.B) {
	benchmarkBuild(b, benchsite.Readykit(1000))
}

// benchmarkBuild times whole builds of src, minified, into memory, and
// reports the time per page as well as per build.
func benchmarkBuild(b *testing.B, src fs.FS) {
	opts := generator.Options{Source: src, Theme: themes.Default(), Minify: true}
	var sink publish.Memory
	// One build first, to fail with the site's problems rather than time
	// them.
	res, err := generator.Build(context.Background(), opts, &sink)
	if err != nil {
		for _, fe := range diag.FileErrors(err) {
			b.Log(fe)
		}
		b.Fatal(err)
	}
	pages := res.Pages
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.Build(context.Background(), opts, &sink); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
}
