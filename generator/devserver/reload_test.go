package devserver

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// TestReloadNames: each build tells open pages which of them changed, or
// that all must reload.
func TestReloadNames(t *testing.T) {
	files := map[string]string{
		"index.html": "home", "about/index.html": "about", "404.html": "missing",
		"assets/site.css": "css", "data/search.json": "{}",
	}
	var fail error
	s := New(Options{
		Fetched: map[string][]string{"data/search.json": {"/search/"}},
		Build: func(_ context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
			if fail != nil {
				return nil, fail
			}
			var out []publish.File
			for p, d := range files {
				out = append(out, publish.File{Path: p, Data: []byte(d)})
			}
			return nil, sink.Publish(out)
		},
	})
	step := func(what string, change func(), wantPages []string, wantAll bool) {
		t.Helper()
		sent, _ := s.state()
		change()
		_ = s.Rebuild(context.Background())
		got := s.since(sent)
		if got.all != wantAll || !slices.Equal(got.pages, wantPages) {
			t.Errorf("%s: pages %q, all %v; want %q, %v", what, got.pages, got.all, wantPages, wantAll)
		}
	}
	step("the first build", func() {}, nil, true)
	step("a page", func() { files["about/index.html"] = "about, edited" }, []string{"/about/"}, false)
	step("two pages and the search index", func() {
		files["index.html"] = "home, edited"
		files["404.html"] = "missing, edited"
		files["data/search.json"] = "[]"
	}, []string{"/", "/404.html", "/search/"}, false)
	step("nothing", func() {}, nil, false)
	step("a page added", func() { files["new/index.html"] = "new" }, []string{"/new/"}, false)
	step("a stylesheet", func() { files["assets/site.css"] = "css, edited" }, nil, true)
	step("a failed build", func() { fail = errors.New("broken") }, nil, true)
	step("the fix", func() { fail = nil }, nil, true)

	// A stream that missed builds hears of everything since its last
	// event.
	sent, _ := s.state()
	files["about/index.html"] = "about, again"
	_ = s.Rebuild(context.Background())
	files["index.html"] = "home, again"
	_ = s.Rebuild(context.Background())
	if got := s.since(sent); got.all || !slices.Equal(got.pages, []string{"/", "/about/"}) {
		t.Errorf("two builds at once: %+v", got)
	}
	// Further behind than the history: every page.
	for range maxHistory + 1 {
		_ = s.Rebuild(context.Background())
	}
	if got := s.since(sent); !got.all {
		t.Errorf("a stream far behind is not told to reload all: %+v", got)
	}
}

// TestWatchRebuilds: a save rebuilds, and a save made during a rebuild
// makes one more rebuild after it. It waits on the builds themselves.
func TestWatchRebuilds(t *testing.T) {
	root := t.TempDir()
	page := filepath.Join(root, "page.md")
	if err := os.WriteFile(page, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	started := make(chan string)
	release := make(chan struct{})
	s := New(Options{Root: root, Build: func(ctx context.Context, _ []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
		data, _ := os.ReadFile(page)
		select {
		case started <- string(data):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return nil, sink.Publish(nil)
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx, ready) }()
	<-ready

	wait := func(want string) {
		t.Helper()
		for {
			select {
			case got := <-started:
				if got == want {
					return
				}
				// A save the file system reports in parts may build
				// more than once; let those go.
				release <- struct{}{}
			case <-ctx.Done():
				t.Fatalf("no build saw %q", want)
			}
		}
	}
	if err := os.WriteFile(page, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	wait("two")
	// The build of "two" is still running: a save now must be built
	// once it ends.
	if err := os.WriteFile(page, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	release <- struct{}{}
	wait("three")
	release <- struct{}{}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
