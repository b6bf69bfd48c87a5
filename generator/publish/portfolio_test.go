package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// After clients are built one at a time into public/<client>/, a build of
// them all may replace public/; a folder with anything else in it is
// still refused.
func TestDirAcceptsFolderOfBuilds(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	for _, c := range []string{"oak-house", "elm-lodge"} {
		if err := (Dir{Path: filepath.Join(pub, c), Site: root}).Publish([]File{{Path: "index.html", Data: []byte(c)}}); err != nil {
			t.Fatal(err)
		}
	}
	d := Dir{Path: pub, Site: root}
	if err := d.Check(); err != nil {
		t.Fatalf("a folder of builds: %v", err)
	}
	if err := os.WriteFile(filepath.Join(pub, "mine.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("a folder with a file of its own: %v", err)
	}
	if err := os.Remove(filepath.Join(pub, "mine.txt")); err != nil {
		t.Fatal(err)
	}
	// After a build of them all, one client may be built again alone.
	if err := d.Publish([]File{{Path: "oak-house/index.html", Data: []byte("all")}}); err != nil {
		t.Fatal(err)
	}
	if err := (Dir{Path: filepath.Join(pub, "oak-house"), Site: root}).Check(); err != nil {
		t.Errorf("one client after all: %v", err)
	}
}
