package generator_test

import (
	"context"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// smallSite is the command line tests' small valid site as a MapFS.
func smallSite(t testing.TB) fstest.MapFS {
	return generator.ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
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
	fes := diag.FileErrors(err)
	if len(fes) != 1 || fes[0].Error() != "content/data/standards.yaml:1:1: the file is empty. Fill it in; readykit new writes an example of each data file" {
		t.Errorf("got %v", err)
	}
}

// Breaking any one file of the default site, by emptying it or making it
// unreadable, never panics the build and never buries the cause: the
// first problem reported names that file, every problem has a file, and
// there are few of them (knock-on effects are not reported).
func TestOneBrokenFile(t *testing.T) {
	var files []string
	err := fs.WalkDir(os.DirFS(".."), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every data file, and a sample of the pages and items.
	var sample []string
	for i, f := range files {
		if strings.HasPrefix(f, "content/data/") && !strings.HasPrefix(f, "content/data/items/") || i%7 == 0 {
			sample = append(sample, f)
		}
	}
	sample = append(sample, "readykit.yaml")
	for _, name := range sample {
		// Each file's four builds are independent of the others', so they
		// run side by side.
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			oneBrokenFile(t, name)
		})
	}
}

// oneBrokenFile builds the default site with the file name broken in four
// ways, and wants every problem reported at that file and no other.
func oneBrokenFile(t *testing.T, name string) {
	for _, broken := range []string{"", "title: [unclosed\n", "---\ntitle: x\n", "\xff\xfe"} {
		src := overlayFS{os.DirFS(".."), fstest.MapFS{name: {Data: []byte(broken)}}}
		_, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default()}, publish.Discard{})
		fes := diag.FileErrors(err)
		if len(fes) == 0 {
			t.Errorf("%s as %q: no problems reported (%v)", name, broken, err)
			continue
		}
		if fes[0].File != name {
			t.Errorf("%s as %q: the first problem is not about it: %v", name, broken, fes[0])
		}
		for _, fe := range fes {
			if fe.File == "" {
				t.Errorf("%s as %q: a problem without a file: %v", name, broken, fe)
			}
		}
		var others []string
		for _, fe := range fes {
			if fe.File != name {
				others = append(others, fe.Error())
			}
		}
		if len(others) > 0 {
			t.Errorf("%s as %q: knock-on problems in other files:\n%s", name, broken, strings.Join(others, "\n"))
		}
	}
}
