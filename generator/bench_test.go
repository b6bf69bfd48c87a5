package generator_test

import (
	"context"
	"testing"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// BenchmarkBuildDefault builds the default site, as readykit build does,
// minified, into memory, and reports the time per page as well as per
// build. tools/benchsite's BenchmarkBuild1000 does the same on 1,000
// generated pages.
func BenchmarkBuildDefault(b *testing.B) {
	opts := generator.Options{Source: readykit.Starter(), Theme: themes.Default(), Minify: true}
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
