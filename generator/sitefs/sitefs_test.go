package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestGuard(t *testing.T) {
	fsys := Guard(fstest.MapFS{
		"ok.txt":       {Data: []byte("hello")},
		"big.bin":      {Data: make([]byte, 2048)},
		"dev/null":     {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"pipe":         {Mode: fs.ModeNamedPipe},
		"folder/a.txt": {Data: []byte("a")},
	})
	if data, err := ReadFile(fsys, "ok.txt", 5); err != nil || string(data) != "hello" {
		t.Errorf("ok.txt: %q %v", data, err)
	}
	if _, err := ReadFile(fsys, "ok.txt", 4); err == nil || !strings.HasPrefix(err.Error(), "ok.txt: the file is larger than 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "big.bin"); err != nil {
		t.Errorf("under limit: %v", err)
	}
	for _, name := range []string{"dev/null", "pipe"} {
		if _, err := fs.ReadFile(fsys, name); err == nil || !strings.Contains(err.Error(), "not an ordinary file") {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := fsys.Open(name); err == nil {
			t.Errorf("%s was opened", name)
		}
		if err := Check(fsys, name); err == nil {
			t.Errorf("Check passed %s", name)
		}
	}
	if _, err := ReadFile(fsys, "folder", limit); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder read as a file: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "missing.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file must stay fs.ErrNotExist for callers: %v", err)
	}
	if err := Check(fsys, "ok.txt"); err != nil {
		t.Errorf("Check ok.txt: %v", err)
	}
	if _, twice := Guard(fsys).(guarded).fsys.(guarded); twice {
		t.Error("guarding twice wraps twice")
	}
}

// Open confines reads to the folder: a link out is refused with a message
// that names the link and says what to do; a relative link within works.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("SECRET"), 0o644)
	os.WriteFile(filepath.Join(dir, "in.txt"), []byte("in"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "out.txt"))
	os.Symlink("in.txt", filepath.Join(dir, "link.txt"))
	os.Symlink("self", filepath.Join(dir, "self"))
	fsys, c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	g := Guard(fsys)
	if data, err := fs.ReadFile(g, "link.txt"); err != nil || string(data) != "in" {
		t.Errorf("link within: %q %v", data, err)
	}
	_, err = fs.ReadFile(g, "out.txt")
	if err == nil || !strings.HasPrefix(err.Error(), "out.txt: this is a link that leads outside the site folder") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("link out: %v", err)
	}
	if _, err := fs.ReadFile(g, "self"); err == nil || !strings.Contains(err.Error(), "loop of links") {
		t.Errorf("loop: %v", err)
	}
	if _, _, err := Open(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "cannot be opened") {
		t.Errorf("missing folder: %v", err)
	}
}
