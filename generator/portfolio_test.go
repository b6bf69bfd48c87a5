package generator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

func portfolio(t *testing.T) fstest.MapFS {
	t.Helper()
	return generator.ArchiveFS(t, "testdata/portfolios/two.txtar", "")
}

func buildClient(t *testing.T, src fs.FS, client string, cache *generator.Cache) (*publish.Memory, error) {
	t.Helper()
	mem := &publish.Memory{}
	_, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Client: client, Cache: cache}, mem)
	return mem, err
}

func page(t *testing.T, mem *publish.Memory, p string) string {
	t.Helper()
	data, ok := mem.Get(p)
	if !ok {
		t.Fatalf("no %s among %v", p, mem.Paths())
	}
	return string(data)
}

func TestClients(t *testing.T) {
	src := portfolio(t)
	src["clients/notes/README.md"] = &fstest.MapFile{Data: []byte("not a client: no readykit.yaml")}
	got, err := generator.Clients(src)
	if err != nil || !slices.Equal(got, []string{"elm-lodge", "oak-house"}) {
		t.Errorf("Clients = %v, %v", got, err)
	}
	if got, err := generator.Clients(smallSite(t)); got != nil || err != nil {
		t.Errorf("a plain site has no clients: %v, %v", got, err)
	}
	src["clients/Oak_House/readykit.yaml"] = &fstest.MapFile{Data: []byte("title: x\n")}
	if _, err := generator.Clients(src); err == nil || !strings.Contains(err.Error(), `clients/Oak_House: the client folder name "Oak_House" cannot be used`) {
		t.Errorf("bad name: %v", err)
	}
}

// A client's files lie over the shared ones: its home page and item
// replace the shared ones, its contact page is added, and the shared
// pages it has not replaced are there as they are.
func TestClientOverlay(t *testing.T) {
	oak, err := buildClient(t, portfolio(t), "oak-house", nil)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"index.html":             "OAK-HOME",
		"contact/index.html":     "OAK-CONTACT",
		"items/1.1.1/index.html": "OAK-ITEM",
		"about/index.html":       "SHARED-EDIT",
		"logo.svg":               "<svg",
		"shared.txt":             "shared static file",
	} {
		if got := page(t, oak, p); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q", p, want)
		}
	}
	for _, p := range oak.Paths() {
		if strings.Contains(p, "clients") || strings.Contains(p, "notes") {
			t.Errorf("published %s: clients/ must be out of sight", p)
		}
	}
	if got := page(t, oak, "index.html"); !strings.Contains(got, "Oak House Care") {
		t.Error("the client's title is not on its home page")
	}

	elm, err := buildClient(t, portfolio(t), "elm-lodge", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := page(t, elm, "index.html"); !strings.Contains(got, "Shared home page") || !strings.Contains(got, "Elm Lodge") {
		t.Error("elm-lodge should have the shared home page and its own title")
	}
	if _, ok := elm.Get("contact/index.html"); ok {
		t.Error("oak-house's page leaked into elm-lodge")
	}
}

// The client's settings are decoded over the shared ones; progressKey
// defaults to the client's folder name.
func TestLoadClient(t *testing.T) {
	m, err := generator.LoadClient(portfolio(t), "oak-house")
	if err != nil {
		t.Fatal(err)
	}
	c := m.Config
	if c.Title != "Oak House Care" || c.Edition != "e1" || c.Organisation != "Smith Care Consulting" || c.Client != "Oak House Care Ltd" {
		t.Errorf("config %+v", c)
	}
	if !c.Options.RawHTML || len(c.Options.AllowedHosts) != 1 {
		t.Errorf("options should merge key by key: %+v", c.Options)
	}
	if c.ProgressKey != "oak-house" {
		t.Errorf("progressKey %q, want the folder name", c.ProgressKey)
	}
	if got := c.Src.At("title").File; got != "clients/oak-house/readykit.yaml" {
		t.Errorf("title from %s", got)
	}
	m, err = generator.LoadClient(portfolio(t), "elm-lodge")
	if err != nil || m.Config.ProgressKey != "elm" {
		t.Errorf("elm-lodge: %v, %+v", err, m)
	}
}

func TestUnknownClient(t *testing.T) {
	_, err := buildClient(t, portfolio(t), "oak-hose", nil)
	if err == nil || !strings.Contains(err.Error(), `there is no client "oak-hose"`) || !strings.Contains(err.Error(), "Did you mean oak-house? The clients are: elm-lodge, oak-house") {
		t.Errorf("got %v", err)
	}
	_, err = buildClient(t, smallSite(t), "oak-house", nil)
	if err == nil || !strings.Contains(err.Error(), "this site has no clients") {
		t.Errorf("plain site: %v", err)
	}
}

// Problems name the file they are in: the client's own, or the shared one.
func TestClientErrorsNameRealFile(t *testing.T) {
	src := portfolio(t)
	src["clients/oak-house/content/contact.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Contact\nwieght: 2\n---\nx\n")}
	src["clients/oak-house/readykit.yaml"] = &fstest.MapFile{Data: []byte("title: Oak\nedtion: e2\n")}
	src["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\nlayuot: x\n---\n")}
	_, err := buildClient(t, src, "oak-house", nil)
	got := files(err)
	for _, want := range []string{
		"clients/oak-house/content/contact.md:3:1",
		"clients/oak-house/readykit.yaml:2:1",
		"content/about.md:3:1",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("problems at %v, want one at %s\n%v", got, want, err)
		}
	}
	// The required title is in neither file for a client whose own
	// settings lack it.
	src = portfolio(t)
	src["clients/elm-lodge/readykit.yaml"] = &fstest.MapFile{Data: []byte("progressKey: elm\n")}
	_, err = buildClient(t, src, "elm-lodge", nil)
	if err == nil || !strings.Contains(err.Error(), `clients/elm-lodge/readykit.yaml:1:1: missing required key "title"`) {
		t.Errorf("got %v", err)
	}
}

func files(err error) []string {
	var out []string
	for _, fe := range diag.FileErrors(err) {
		out = append(out, fe.Pos.String())
	}
	return out
}

// A client's folder is read only through the portfolio's guarded root:
// a link out of it is refused like any other.
func TestClientReadsStayConfined(t *testing.T) {
	src := portfolio(t)
	src["clients/oak-house/content/x.md"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	_, err := buildClient(t, src, "oak-house", nil)
	var fe *diag.FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "clients/oak-house/content/x.md: this is not an ordinary file") {
		t.Errorf("got %v", err)
	}
}

func TestBuildPortfolio(t *testing.T) {
	mem := &publish.Memory{}
	var calls []string
	res, err := generator.BuildPortfolio(context.Background(), generator.Options{Source: portfolio(t), Theme: themes.Default()}, mem,
		func(c string, n, of int, ok bool) { calls = append(calls, fmt.Sprintf("%d/%d %v", n, of, ok)) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Client != "elm-lodge" || res[1].Pages == 0 {
		t.Errorf("results %+v", res)
	}
	if !slices.Equal(calls, []string{"1/2 true", "2/2 true"}) {
		t.Errorf("progress %v", calls)
	}
	if got := page(t, mem, "oak-house/contact/index.html"); !strings.Contains(got, "OAK-CONTACT") {
		t.Error("oak-house's own page")
	}
	if got := page(t, mem, "elm-lodge/about/index.html"); !strings.Contains(got, "SHARED-EDIT") {
		t.Error("elm-lodge's shared page")
	}
}

// A failed client stops the whole portfolio, and every client's problems
// are listed: a shared file's once, naming the clients it breaks.
func TestBuildPortfolioFailure(t *testing.T) {
	src := portfolio(t)
	src["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\nlayuot: x\n---\n")}
	src["clients/oak-house/content/contact.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Contact\nwieght: 2\n---\n")}
	mem := &publish.Memory{}
	_, err := generator.BuildPortfolio(context.Background(), generator.Options{Source: src, Theme: themes.Default()}, mem, nil)
	var pe *generator.PortfolioError
	if !errors.As(err, &pe) || len(pe.Clients) != 2 {
		t.Fatalf("got %v", err)
	}
	if len(mem.Paths()) != 0 {
		t.Error("a failed portfolio published files")
	}
	var lines []string
	for _, fe := range pe.Problems() {
		lines = append(lines, fe.Error())
	}
	got := strings.Join(lines, "\n")
	if n := strings.Count(got, "content/about.md:3:1"); n != 1 {
		t.Errorf("the shared problem is listed %d times:\n%s", n, got)
	}
	for _, want := range []string{"every client: content/about.md:3:1: unknown key \"layuot\"", "oak-house: clients/oak-house/content/contact.md:3:1: unknown key \"wieght\""} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nlack %q", got, want)
		}
	}
}

// A build from a Cache gives the same files as one without: for each
// client of a portfolio, whose builds share one (minified, so the
// minifier's memo is used too), and for the default site built twice from
// a dev server's Cache, the second time from what the first kept.
func TestCacheIsByteIdentical(t *testing.T) {
	src := portfolio(t)
	cached := &publish.Memory{}
	if _, err := generator.BuildPortfolio(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Minify: true}, cached, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"elm-lodge", "oak-house"} {
		plain := &publish.Memory{}
		if _, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Minify: true, Client: c}, plain); err != nil {
			t.Fatal(err)
		}
		same(t, plain, cached, c+"/")
	}

	site := readykit.Starter()
	plain := &publish.Memory{}
	if _, err := generator.Build(context.Background(), generator.Options{Source: site, Theme: themes.Default(), Minify: true}, plain); err != nil {
		t.Fatal(err)
	}
	cache := generator.NewRebuildCache()
	for range 2 {
		got := &publish.Memory{}
		if _, err := generator.Build(context.Background(), generator.Options{Source: site, Theme: themes.Default(), Minify: true, Cache: cache}, got); err != nil {
			t.Fatal(err)
		}
		same(t, plain, got, "")
	}
}

// same checks that got holds want's files, under prefix, and no others.
func same(t *testing.T, want, got *publish.Memory, prefix string) {
	t.Helper()
	n := 0
	for _, p := range got.Paths() {
		if strings.HasPrefix(p, prefix) {
			n++
		}
	}
	if paths := want.Paths(); n != len(paths) {
		t.Errorf("%s: %d files, want %d", prefix, n, len(paths))
	}
	for _, p := range want.Paths() {
		a, _ := want.Get(p)
		b, ok := got.Get(prefix + p)
		if !ok || !bytes.Equal(a, b) {
			t.Errorf("%s%s differs with the cache", prefix, p)
		}
	}
}
