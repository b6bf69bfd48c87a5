package generator

import (
	"context"
	"reflect"
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
	links := []*Page{home, standards, about}
	for _, c := range []struct {
		page *Page
		want string
	}{
		{home, "c--"},
		{standards, "-c-"},
		{one, "-a-"}, // in /standards/, and not in / though every page is below it
		{&Page{URL: "/elsewhere/"}, "---"},
	} {
		if got := navKey(c.page, links); got != c.want {
			t.Errorf("navKey(%s) = %q, want %q", c.page.URL, got, c.want)
		}
	}
	if got := navKey(home, nil); got != "" {
		t.Errorf("navKey of no links = %q", got)
	}
}

// TestPartialsPerBuild: the dev server's builds reuse one parsed theme,
// but what partialCached kept is the build's own: a new title reaches the
// header, which is kept for every page, on the next build.
func TestPartialsPerBuild(t *testing.T) {
	site := ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
	cache := NewCache()
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
