package benchsite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
	"github.com/readykit/readykit/tools/benchsite"
)

const clients = 12

// The portfolio and the separate sites build, and give each client the
// same site both ways, so the benchmarks compare equal work.
func TestPortfolioMatchesSeparate(t *testing.T) {
	var all publish.Memory
	opts := generator.Options{Source: benchsite.Portfolio(clients), Theme: themes.Default(), Minify: true}
	if _, err := generator.BuildPortfolio(context.Background(), opts, &all, nil); err != nil {
		logProblems(t, err)
	}
	for _, i := range []int{1, clients} {
		c := benchsite.ClientInfo(i)
		var one publish.Memory
		if _, err := generator.Build(context.Background(), generator.Options{Source: benchsite.Separate(i), Theme: themes.Default(), Minify: true}, &one); err != nil {
			logProblems(t, err)
		}
		for _, p := range one.Paths() {
			a, _ := one.Get(p)
			b, ok := all.Get(c.Name + "/" + p)
			if !ok || string(a) != string(b) {
				t.Errorf("%s: %s differs between the portfolio and a separate build", c.Name, p)
			}
		}
		page, _ := all.Get(c.Name + "/" + benchsite.EditedURL)
		if !strings.Contains(string(page), benchsite.SharedEdit) {
			t.Errorf("%s lacks the shared edit", c.Name)
		}
	}
}

func logProblems(t testing.TB, err error) {
	t.Helper()
	for _, fe := range diag.FileErrors(err) {
		t.Log(fe)
	}
	t.Fatal(err)
}

// BenchmarkPortfolio12 builds a portfolio of 12 clients in one go, as
// readykit build does in a portfolio, minified, into memory.
func BenchmarkPortfolio12(b *testing.B) {
	opts := generator.Options{Source: benchsite.Portfolio(clients), Theme: themes.Default(), Minify: true}
	for b.Loop() {
		var sink publish.Memory
		if _, err := generator.BuildPortfolio(context.Background(), opts, &sink, nil); err != nil {
			logProblems(b, err)
		}
	}
}

// BenchmarkSeparate12 builds the same 12 clients as 12 sites of their own,
// each a full copy, one after another, as 12 readykit build commands do.
func BenchmarkSeparate12(b *testing.B) {
	sites := make([]generator.Options, clients)
	for i := range sites {
		sites[i] = generator.Options{Source: benchsite.Separate(i + 1), Theme: themes.Default(), Minify: true}
	}
	for b.Loop() {
		for _, opts := range sites {
			var sink publish.Memory
			if _, err := generator.Build(context.Background(), opts, &sink); err != nil {
				logProblems(b, err)
			}
		}
	}
}
