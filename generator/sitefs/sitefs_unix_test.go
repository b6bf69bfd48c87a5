//go:build unix

package sitefs

import (
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
