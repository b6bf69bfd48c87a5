package generator_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// smallSite is the command line tests' small valid site as a MapFS.
func smallSite(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("../cmd/readykit/testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// A 50 MB page used to take 1.6 GB to build. Now it is refused from its
// size alone, before it is read: the whole failed build allocates less
// than a tenth of the page's size. Bytes allocated, unlike time, do not
// depend on the machine.
func TestLargePageIsCheap(t *testing.T) {
	site := smallSite(t)
	page := "---\ntitle: Big\n---\n" + strings.Repeat("Lorem ipsum dolor sit amet, [a link](/checklist/) and *more*.\n", 50<<20/64)
	site["content/big.md"] = &fstest.MapFile{Data: []byte(page)}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := generator.Build(context.Background(), generator.Options{Source: site, Theme: themes.Default()}, publish.Discard{})
	runtime.ReadMemStats(&after)

	if err == nil || !strings.Contains(err.Error(), "content/big.md: the file is larger than 1 MB") {
		t.Fatalf("got %v", err)
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > uint64(len(page)/10) {
		t.Errorf("refusing a %d MB page allocated %d MB", len(page)>>20, used>>20)
	}
}

// The check stage runs on what loaded: with the standards file empty, the
// one problem is that, not one for every item that names a standard.
func TestEmptyStandardsIsOneProblem(t *testing.T) {
	site := smallSite(t)
	site["content/data/standards.yaml"] = &fstest.MapFile{Data: []byte("\n# nothing yet\n")}
	_, err := generator.Build(context.Background(), generator.Options{Source: site, Theme: themes.Default()}, publish.Discard{})
	fes := generator.FileErrors(err)
	if len(fes) != 1 || fes[0].Error() != "content/data/standards.yaml:1:1: the file is empty. Fill it in; readykit new writes an example of each data file" {
		t.Errorf("got %v", err)
	}
}
