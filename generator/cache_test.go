package generator

import (
	"context"
	"strconv"
	"testing"

	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// A Cache kept by a dev server across many edits stays bounded: past
// maxDecoded files it starts again, and what it hands back is still a
// copy of what was stored.
func TestCacheBounded(t *testing.T) {
	c := newCache()
	for i := range maxDecoded + 1 {
		v := []string{strconv.Itoa(i)}
		c.store("f.yaml", []byte(strconv.Itoa(i)), &v)
	}
	if n := len(c.decoded); n != 1 {
		t.Errorf("the cache holds %d files after %d, want 1 (it starts again when full)", n, maxDecoded+1)
	}
	var got []string
	if !c.load("f.yaml", []byte(strconv.Itoa(maxDecoded)), &got) || len(got) != 1 || got[0] != strconv.Itoa(maxDecoded) {
		t.Errorf("the newest file is not kept: %v", got)
	}
	got[0] = "changed"
	var again []string
	c.load("f.yaml", []byte(strconv.Itoa(maxDecoded)), &again)
	if again[0] != strconv.Itoa(maxDecoded) {
		t.Error("a build's change to its copy reached the cache")
	}
}

// Only a Cache made for rebuilds records what a build reads and keeps its
// pages: a portfolio's builds, which are never repeated, would pay for
// both and gain nothing.
func TestCacheKeepsPagesForRebuildsOnly(t *testing.T) {
	site := ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
	for _, c := range []struct {
		name  string
		cache *Cache
		keeps bool
	}{{"newCache", newCache(), false}, {"NewRebuildCache", NewRebuildCache(), true}} {
		var mem publish.Memory
		opts := Options{Source: site, Theme: themes.Default(), NoOffline: true, NoPortable: true, Cache: c.cache}
		if _, err := Build(context.Background(), opts, &mem); err != nil {
			t.Fatal(err)
		}
		if kept := len(c.cache.pages) > 0; kept != c.keeps {
			t.Errorf("a build with %s kept pages: %v, want %v", c.name, kept, c.keeps)
		}
		if recorded := track(&opts) != nil; recorded != c.keeps {
			t.Errorf("a build with %s records its reads: %v, want %v", c.name, recorded, c.keeps)
		}
	}
}
