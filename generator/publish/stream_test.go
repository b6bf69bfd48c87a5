package publish

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A Dir batch writes beside the destination: until Commit the old site is
// all there is to see, an aborted batch leaves nothing behind, and a
// committed one replaces the old site whole.
func TestDirBatch(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d := Dir{Path: dest}
	if err := d.Publish([]File{{"index.html", []byte("old")}, {"old.txt", []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, _ := os.ReadFile(filepath.Join(dest, name))
		return string(data)
	}

	aborted, err := d.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if err := aborted.Put(File{"index.html", []byte("never")}); err != nil {
		t.Fatal(err)
	}
	if got := read("index.html"); got != "old" {
		t.Errorf("before Commit, index.html = %q", got)
	}
	aborted.Abort()
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("Abort left behind: %v", entries)
	}

	b, err := d.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []File{{"index.html", []byte("new")}, {"a/b/c.txt", []byte("deep")}} {
		if err := b.Put(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Put(File{marker, nil}); err == nil {
		t.Error("a file named like the marker was put")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if read("index.html") != "new" || read("a/b/c.txt") != "deep" || read("old.txt") != "" {
		t.Errorf("after Commit: index.html %q, a/b/c.txt %q, old.txt %q", read("index.html"), read("a/b/c.txt"), read("old.txt"))
	}
	if !marked(dest) {
		t.Error("the new folder has no marker")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("Commit left behind: %v", entries)
	}
}

// Readers of a Memory see the old site until a batch is committed, and
// never a site an aborted batch began.
func TestMemoryBatch(t *testing.T) {
	var m Memory
	if err := m.Publish([]File{{"a", []byte("old")}, {"gone", nil}}); err != nil {
		t.Fatal(err)
	}
	aborted, _ := m.Begin()
	_ = aborted.Put(File{"a", []byte("never")})
	aborted.Abort()
	b, _ := m.Begin()
	_ = b.Put(File{"a", []byte("new")})
	_ = b.Put(File{"b", []byte("more")})
	if got, _ := m.Get("a"); string(got) != "old" {
		t.Errorf("before Commit, a = %q", got)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Get("a"); string(got) != "new" {
		t.Errorf("after Commit, a = %q", got)
	}
	if got := m.Paths(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("after Commit, paths %v", got)
	}
}

// funcSink is a sink with only Publish.
type funcSink func([]File) error

func (f funcSink) Publish(files []File) error { return f(files) }

// A sink without Begin gets every file put, in one Publish at Commit, and
// nothing when the batch is aborted.
func TestBeginCollects(t *testing.T) {
	var got [][]File
	sink := funcSink(func(files []File) error {
		got = append(got, files)
		return errors.New("full")
	})
	aborted, _ := Begin(sink)
	_ = aborted.Put(File{"x", nil})
	aborted.Abort()
	if len(got) != 0 {
		t.Fatalf("an aborted batch was published: %v", got)
	}
	b, _ := Begin(sink)
	_ = b.Put(File{"x", []byte("1")})
	_ = b.Put(File{"y", []byte("2")})
	if err := b.Commit(); err == nil || err.Error() != "full" {
		t.Errorf("Commit gave %v, want the sink's error", err)
	}
	if len(got) != 1 || len(got[0]) != 2 || got[0][1].Path != "y" {
		t.Errorf("published %v", got)
	}
}
