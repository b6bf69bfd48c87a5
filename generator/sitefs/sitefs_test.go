package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
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

// ReadFound opens a file its listing says is regular without asking
// first, but still refuses what the open file turns out to be, and asks
// first about anything else, such as a pipe a link may lead to.
func TestReadFound(t *testing.T) {
	fsys := Guard(fstest.MapFS{
		"a/ok.txt": {Data: []byte("hello")},
		"a/pipe":   {Mode: fs.ModeNamedPipe},
		"a/sub":    {Mode: fs.ModeDir},
	})
	es, err := fs.ReadDir(fsys, "a")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]fs.DirEntry{}
	for _, e := range es {
		found[e.Name()] = e
	}
	if data, err := ReadFound(fsys, "a/ok.txt", found["ok.txt"], 5); err != nil || string(data) != "hello" {
		t.Errorf("ok.txt: %q %v", data, err)
	}
	if _, err := ReadFound(fsys, "a/ok.txt", found["ok.txt"], 4); err == nil || !strings.HasPrefix(err.Error(), "a/ok.txt: the file is larger than 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFound(fsys, "a/pipe", found["pipe"], limit); err == nil || !strings.HasPrefix(err.Error(), "a/pipe: this is not an ordinary file") {
		t.Errorf("pipe: %v", err)
	}
	// A listing that is out of date: the name is a folder now.
	if _, err := ReadFound(fsys, "a/sub", found["ok.txt"], limit); err == nil || !strings.HasPrefix(err.Error(), "a/sub: this is a folder") {
		t.Errorf("folder listed as a file: %v", err)
	}
	if _, err := ReadFound(fsys, "a/gone.txt", found["ok.txt"], limit); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file must stay fs.ErrNotExist for callers: %v", err)
	}
}

// A file's size as the file system gives it may be wrong: what is read is
// what the file holds, and never more than one byte past the limit.
func TestReadWrongSize(t *testing.T) {
	data := []byte(strings.Repeat("x", 10000))
	for _, size := range []int64{0, 1, 9999, 10000} {
		fsys := lying{size: size, data: data}
		got, err := ReadFile(fsys, "f", 10000)
		if err != nil || string(got) != string(data) {
			t.Errorf("size %d, limit 10000: %d bytes, %v", size, len(got), err)
		}
		if size > 9999 {
			continue
		}
		f := &lyingFile{lying: fsys}
		if _, err := readOpen("f", f, 9999); err == nil || !strings.HasPrefix(err.Error(), "f: the file is larger than") {
			t.Errorf("size %d, limit 9999: %v", size, err)
		}
		if f.read > 10000 {
			t.Errorf("size %d, limit 9999: read %d bytes", size, f.read)
		}
	}
}

// lying is a file system of one file, f, whose size it misstates.
type lying struct {
	size int64
	data []byte
}

func (l lying) Open(name string) (fs.File, error) {
	if name != "f" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &lyingFile{lying: l}, nil
}

type lyingFile struct {
	lying
	read int
}

func (f *lyingFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *lyingFile) Read(p []byte) (int, error) {
	if f.read == len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.read:])
	f.read += n
	return n, nil
}
func (f *lyingFile) Close() error { return nil }

func (f *lyingFile) Name() string       { return "f" }
func (f *lyingFile) Size() int64        { return f.size }
func (f *lyingFile) Mode() fs.FileMode  { return 0o644 }
func (f *lyingFile) ModTime() time.Time { return time.Time{} }
func (f *lyingFile) IsDir() bool        { return false }
func (f *lyingFile) Sys() any           { return nil }

// Folders reads what ReadFound reads, and says the same about what it
// will not read, for files in folders of their own and through links.
func TestFolders(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("SECRET"), 0o644)
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "top.md"), []byte("top"), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "b", "page.md"), []byte("page"), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "big.md"), []byte("too big"), 0o644)
	// A link up and across, within the site: a folder of its own would
	// refuse it, the site does not.
	os.Symlink("../../top.md", filepath.Join(dir, "a", "b", "up.md"))
	os.Symlink(outside, filepath.Join(dir, "a", "out.md"))
	os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "dirlink"))
	fsys, c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	g := Guard(fsys)
	var names []string
	entries := map[string]fs.DirEntry{}
	fs.WalkDir(g, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
			entries[p] = d
		}
		return err
	})
	dirs := OpenFolders(g, names)
	defer dirs.Close()
	if len(dirs.dirs) == 0 {
		t.Fatal("no folders opened")
	}
	for _, name := range names {
		want, werr := ReadFound(g, name, entries[name], 5)
		got, gerr := dirs.ReadFound(name, entries[name], 5)
		if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%s: got %q %v, want %q %v", name, got, gerr, want, werr)
		}
	}
	if got, err := dirs.ReadFound("a/b/up.md", entries["a/b/up.md"], 5); string(got) != "top" {
		t.Errorf("link up: %q %v", got, err)
	}
	if _, err := dirs.ReadFound("a/out.md", entries["a/out.md"], 5); err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("link out: %v", err)
	}
}

// BenchmarkRead reads 1,000 pages of 2 KB in a folder two deep, as the
// load stage does: asking first (ReadFile), trusting the listing
// (ReadFound), and in folders kept open (Folders).
func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "pages"), 0o755)
	page := []byte(strings.Repeat("x", 2000))
	for i := range 1000 {
		os.WriteFile(filepath.Join(dir, "content", "pages", fmt.Sprintf("p%04d.md", i)), page, 0o644)
	}
	fsys, c, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	g := Guard(fsys)
	es, err := fs.ReadDir(g, "content/pages")
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = "content/pages/" + e.Name()
	}
	read := func(b *testing.B, f func(i int) ([]byte, error)) {
		for b.Loop() {
			for i := range names {
				if data, err := f(i); err != nil || len(data) != len(page) {
					b.Fatal(len(data), err)
				}
			}
		}
	}
	b.Run("ReadFile", func(b *testing.B) {
		read(b, func(i int) ([]byte, error) { return ReadFile(g, names[i], limit) })
	})
	b.Run("ReadFound", func(b *testing.B) {
		read(b, func(i int) ([]byte, error) { return ReadFound(g, names[i], es[i], limit) })
	})
	b.Run("Folders", func(b *testing.B) {
		dirs := OpenFolders(g, names)
		defer dirs.Close()
		read(b, func(i int) ([]byte, error) { return dirs.ReadFound(names[i], es[i], limit) })
	})
}
