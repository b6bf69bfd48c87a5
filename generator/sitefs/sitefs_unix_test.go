//go:build unix

package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A name listed as a regular file that is a pipe by the time it is read
// is refused, not waited on for ever; a link to a pipe is asked about
// before it is opened.
func TestReadFoundPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skip("no pipes here:", err)
	}
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("ok"), 0o644)
	os.Symlink("pipe", filepath.Join(dir, "link"))
	fsys, c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	g := Guard(fsys)
	es, err := fs.ReadDir(g, ".")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]fs.DirEntry{}
	for _, e := range es {
		found[e.Name()] = e
	}
	if data, err := ReadFound(g, "ok.txt", found["ok.txt"], limit); err != nil || string(data) != "ok" {
		t.Errorf("ok.txt: %q %v", data, err)
	}
	for name, d := range map[string]fs.DirEntry{"pipe": found["ok.txt"], "link": found["link"]} {
		if _, err := ReadFound(g, name, d, limit); err == nil || !strings.HasPrefix(err.Error(), name+": this is not an ordinary file") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A folder listed by Open's file system says what os.Root's says, entry
// by entry, links included.
func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "b.md"), []byte("bee"), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "A.md"), []byte("a"), 0o600)
	os.Symlink("b.md", filepath.Join(dir, "a", "link"))
	os.Symlink("/etc/passwd", filepath.Join(dir, "a", "out"))
	os.Symlink("a", filepath.Join(dir, "dirlink"))
	syscall.Mkfifo(filepath.Join(dir, "a", "pipe"), 0o644)
	fsys, c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, name := range []string{"a", "a/sub", "dirlink", ".", "missing", "a/b.md", "../x"} {
		got, gerr := fs.ReadDir(fsys, name)
		want, werr := fs.ReadDir(root.FS(), name)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || len(got) != len(want) {
			t.Errorf("%s: got %v %v, want %v %v", name, got, gerr, want, werr)
			continue
		}
		for i := range got {
			g, w := got[i], want[i]
			gi, gerr := g.Info()
			wi, werr := w.Info()
			if g.Name() != w.Name() || g.Type() != w.Type() || fmt.Sprint(g) != fmt.Sprint(w) || (gerr == nil) != (werr == nil) ||
				gi.Name() != wi.Name() || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() || !gi.ModTime().Equal(wi.ModTime()) {
				t.Errorf("%s: entry %d is %v (%v), want %v (%v)", name, i, g, gi, w, wi)
			}
		}
	}
	if _, ok := fsys.(rootFS).readDir("a"); !ok {
		t.Error("a was listed the usual way")
	}
}
