package benchsite_test

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
	"github.com/readykit/readykit/tools/benchsite"
)

// The benchmark site must keep building, or the benchmarks would measure
// an error message.
func TestReadykitBuilds(t *testing.T) {
	const n = 50
	var sink publish.Memory
	res, err := generator.Build(context.Background(), generator.Options{
		Source: benchsite.Readykit(n),
		Theme:  themes.Default(),
		Minify: true,
	}, &sink)
	if err != nil {
		for _, fe := range diag.FileErrors(err) {
			t.Log(fe)
		}
		t.Fatalf("the bench site does not build: %v", err)
	}
	if res.Pages < n {
		t.Errorf("built %d pages, want at least %d", res.Pages, n)
	}
	for i := 1; i <= n; i++ {
		out := path.Join(benchsite.PageURL(i)[1:], "index.html")
		if _, ok := sink.Get(out); !ok {
			t.Errorf("no %s", out)
		}
	}
}

// The bench site turns off the service worker and the portable .zip, which
// Hugo makes no counterpart of, so the comparison times equal work;
// ReadykitOffline keeps both on, as the default site has them.
func TestOfflineAndPortableOff(t *testing.T) {
	const n = 20
	for _, tc := range []struct {
		name string
		site fs.FS
		on   bool
	}{
		{"Readykit", benchsite.Readykit(n), false},
		{"ReadykitOffline", benchsite.ReadykitOffline(n), true},
	} {
		var sink publish.Memory
		if _, err := generator.Build(context.Background(), generator.Options{Source: tc.site, Theme: themes.Default(), Minify: true}, &sink); err != nil {
			logProblems(t, err)
		}
		zips := 0
		for _, p := range sink.Paths() {
			if strings.HasSuffix(p, ".zip") {
				zips++
			}
		}
		if got := zips > 0; got != tc.on {
			t.Errorf("%s: %d .zip files, want the portable copy %s", tc.name, zips, onOff(tc.on))
		}
		page, _ := sink.Get(path.Join(benchsite.PageURL(1)[1:], "index.html"))
		if got := strings.Contains(string(page), "data-rk-worker"); got != tc.on {
			t.Errorf("%s: page 1 registers the offline worker: %t, want the worker %s", tc.name, got, onOff(tc.on))
		}
	}
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func TestHugoSite(t *testing.T) {
	const n = 50
	site := benchsite.Hugo(n)
	var pages int
	err := fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			pages++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != n {
		t.Errorf("the Hugo site has %d content files, want %d", pages, n)
	}
	rk := benchsite.Readykit(n)
	for i := 1; i <= n; i++ {
		p := benchsite.PagePath(i)
		if site[p] == nil || !bytes.Equal(site[p].Data, rk[p].Data) {
			t.Errorf("%s differs between the Hugo and readykit sites", p)
		}
	}
}

// Pages are the same on every run, and about 1.9 KB with the parts the
// benchmark promises.
func TestPages(t *testing.T) {
	const n = 1000
	a, b := benchsite.Readykit(n), benchsite.Readykit(n)
	var total int
	for i := 1; i <= n; i++ {
		p := benchsite.PagePath(i)
		if !bytes.Equal(a[p].Data, b[p].Data) {
			t.Fatalf("%s differs between two calls", p)
		}
		page := a[p].Data
		total += len(page)
		for _, want := range []string{"\n## ", "\n- ", "\n1. ", "\n|---|", "](/pages/p", "](https://"} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s has no %q", p, want)
			}
		}
	}
	if avg := total / n; avg < 1700 || avg > 2100 {
		t.Errorf("pages average %d bytes, want about 1,900", avg)
	}
}

// BenchmarkBuildDefault builds the default site, as readykit build does,
// minified, into memory, and reports the time per page as well as per
// build.
func BenchmarkBuildDefault(b *testing.B) { benchBuild(b, readykit.Starter()) }

// BenchmarkBuild1000 does the same on 1,000 generated pages, the site
// make bench also times Hugo on.
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, benchsite.Readykit(1000)) }

func benchBuild(b *testing.B, src fs.FS) {
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
