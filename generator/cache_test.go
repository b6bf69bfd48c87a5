package generator

import (
	"testing"

	"github.com/readykit/readykit/generator/toolkit"
)

// Each build gets its own copy of what the cache keeps: one that changes
// its item changes neither the cache nor the next build's.
func TestCacheCopies(t *testing.T) {
	c := NewCache()
	data := []byte("the file's bytes")
	c.store("content/data/items/1.md", data, &toolkit.Item{ID: "1", Evidence: []string{"a"}, Body: []byte("body"), Review: &toolkit.Review{Months: 12}})

	var a, b toolkit.Item
	if !c.load("content/data/items/1.md", data, &a) {
		t.Fatal("not kept")
	}
	a.Evidence[0], a.Body[0], a.Review.Months = "changed", 'X', 1
	if !c.load("content/data/items/1.md", data, &b) {
		t.Fatal("not kept")
	}
	if b.Evidence[0] != "a" || string(b.Body) != "body" || b.Review.Months != 12 {
		t.Errorf("a build's change reached the cache: %+v", b)
	}
	// Other bytes, another name or another type is another file.
	var e toolkit.Edition
	if c.load("content/data/items/1.md", []byte("other"), &b) || c.load("content/data/items/2.md", data, &b) || c.load("content/data/items/1.md", data, &e) {
		t.Error("loaded what was not kept")
	}
	var nilCache *Cache
	if nilCache.load("x", data, &b) {
		t.Error("a nil cache has nothing")
	}
	nilCache.store("x", data, &b)
}
