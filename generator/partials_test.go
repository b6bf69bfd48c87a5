package generator

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

func TestNavKey(t *testing.T) {
	home := &Page{URL: "/"}
	standards := &Page{URL: "/standards/"}
	one := &Page{URL: "/standards/1/", Parent: standards}
	about := &Page{URL: "/about/"}
	search := &Page{URL: "/search/"}
	links := []*Page{home, standards, about}
	for _, c := range []struct {
		page *Page
		also string
		want string
	}{
		{home, "", "c--"},
		{standards, "", "-c-"},
		{one, "", "-a-"}, // in /standards/, and not in / though every page is below it
		{&Page{URL: "/elsewhere/"}, "", "---"},
		{search, "/search/", "---c"},
		{about, "/search/", "--c-"},
	} {
		if got := navKey(c.page, links, c.also); got != c.want {
			t.Errorf("navKey(%s, %q) = %q, want %q", c.page.URL, c.also, got, c.want)
		}
	}
	if got := navKey(home, nil, ""); got != "" {
		t.Errorf("navKey of no links = %q", got)
	}
}

// TestPartialsPerBuild: the dev server's builds reuse one parsed theme,
// but what partialCached kept is the build's own: a new title reaches the
// header, which is kept for every page, on the next build.
func TestPartialsPerBuild(t *testing.T) {
	site := ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
	cache := NewRebuildCache()
	build := func() map[string][]byte {
		t.Helper()
		var mem publish.Memory
		opts := Options{Source: site, Theme: themes.Default(), NoOffline: true, NoPortable: true, Cache: cache}
		if _, err := Build(context.Background(), opts, &mem); err != nil {
			t.Fatal(err)
		}
		return mem.Snapshot()
	}
	header := func(title string) string { return `<a class="site-header__title" href="/">` + title + `</a>` }
	first := build()
	// The templates a Parsed holds, by their map.
	templates := func() uintptr { return reflect.ValueOf(cache.theme.parsed).Elem().FieldByName("layouts").Pointer() }
	parsed := templates()
	cfg := string(site["readykit.yaml"].Data)
	site["readykit.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, "title: Test site", "title: Renamed site", 1))}
	second := build()
	if templates() != parsed {
		t.Fatal("the second build parsed the theme again, so this tests nothing")
	}
	pages := 0
	for p, data := range second {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		if !strings.Contains(string(first[p]), header("Test site")) {
			t.Errorf("%s: the first build's page has no header with its title", p)
		}
		if !strings.Contains(string(data), header("Renamed site")) {
			t.Errorf("%s: the header kept the last build's title:\n%s", p, data)
		}
	}
	if pages < 3 {
		t.Errorf("only %d pages", pages)
	}
}

// BenchmarkRenderPage runs the default theme for one plain page of the
// small site, as publish does for each page: the page shell is most of
// it, which is what partialCached is for.
func BenchmarkRenderPage(b *testing.B) {
	site := ArchiveFS(b, "../cmd/readykit/testdata/base.txtar", "")
	site["content/pages/p.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A page\ndescription: One to render.\n---\nSome *text* and a [link](/checklist/).\n")}
	bd, err := newBuilder(Options{Source: site, Theme: themes.Default(), NoOffline: true, NoPortable: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, stage := range []func() error{bd.load, bd.check, bd.assemble, bd.render} {
		if err := stage(); err != nil {
			b.Fatal(err)
		}
	}
	i := slices.IndexFunc(bd.site.Pages, func(p *Page) bool { return p.URL == "/pages/p/" })
	if i < 0 {
		b.Fatal("no /pages/p/")
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bd.renderPage(i, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHeaderSearchBox: the header has a search box on every page but the
// search page, which the menu need not list, so the header's key says
// which page is the search page.
func TestHeaderSearchBox(t *testing.T) {
	site := ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
	site["content/search.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Search\nlayout: search\n---\n")}
	var mem publish.Memory
	if _, err := Build(context.Background(), Options{Source: site, Theme: themes.Default(), NoOffline: true, NoPortable: true}, &mem); err != nil {
		t.Fatal(err)
	}
	for p, data := range mem.Snapshot() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		box := strings.Contains(string(data), `<form class="site-search"`)
		if want := p != "search/index.html"; box != want {
			t.Errorf("%s: a search box: %v, want %v", p, box, want)
		}
	}
}
