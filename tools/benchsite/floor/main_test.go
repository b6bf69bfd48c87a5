package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readykit/readykit/tools/benchsite"
)

// The floor renders every page of the bench site, with what readykit's
// Markdown gives too: heading ids, tables, typographic quotes.
func TestFloorRendersEveryPage(t *testing.T) {
	const n = 30
	src, dest := t.TempDir(), t.TempDir()
	if err := benchsite.WriteDir(benchsite.Hugo(n), src); err != nil {
		t.Fatal(err)
	}
	got, err := run(src, dest, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Errorf("wrote %d pages, want %d", got, n)
	}
	for i := 1; i <= n; i++ {
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(benchsite.PageURL(i)), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"<title>Page ", "<h2 id=\"", "<table>", "<li>", "</html>\n"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("page %d has no %q", i, want)
			}
		}
		if strings.Contains(string(page), "title:") {
			t.Errorf("page %d shows its front matter", i)
		}
	}
}
