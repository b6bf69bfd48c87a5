package generator_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// basicSite is the source of testdata/sites/basic.txtar.
func basicSite(t *testing.T) fstest.MapFS {
	return generator.ArchiveFS(t, "testdata/sites/basic.txtar", "site/")
}

// TestWarningsLeavePagesAlone: the day changes the warnings and nothing
// else, so a site built after its deadline is byte for byte the one built
// before it; and with no day given, the engine warns about no date.
func TestWarningsLeavePagesAlone(t *testing.T) {
	src := basicSite(t)
	run := func(today time.Time) (*generator.Result, *publish.Memory) {
		var mem publish.Memory
		res, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Today: today}, &mem)
		if err != nil {
			t.Fatal(err)
		}
		return res, &mem
	}
	noDay, pages := run(time.Time{})
	late, latePages := run(time.Date(2099, 1, 1, 12, 0, 0, 0, time.UTC))
	if len(noDay.Warnings) != 0 {
		t.Errorf("with no day: %v", noDay.Warnings)
	}
	if len(late.Warnings) != 1 || !strings.Contains(late.Warnings[0].Msg, "which has passed") || late.Warnings[0].File != "readykit.yaml" || late.Warnings[0].Line == 0 {
		t.Errorf("in 2099: %v", late.Warnings)
	}
	if a, b := pages.Paths(), latePages.Paths(); len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for _, p := range pages.Paths() {
		x, _ := pages.Get(p)
		y, _ := latePages.Get(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs with the day", p)
		}
	}
}
