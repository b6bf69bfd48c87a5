package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readykit build --portable DIR writes the portable copy as a folder, and
// guards that folder as it guards the destination.
func TestBuildPortable(t *testing.T) {
	site := baseSite(t)
	usb := filepath.Join(t.TempDir(), "usb")
	code, stdout, stderr := runCLI("build", "--source", site, "--portable", usb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Wrote the portable copy into "+usb) {
		t.Errorf("stdout %q", stdout)
	}
	index, err := os.ReadFile(filepath.Join(usb, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), `href="checklist/index.html"`) || strings.Contains(string(index), `type=module`) {
		t.Errorf("the copy's index.html is not the portable one:\n%s", index)
	}
	zips, _ := filepath.Glob(filepath.Join(site, "public", "download", "*.zip"))
	if len(zips) != 1 {
		t.Errorf("public/download holds %v, want one .zip", zips)
	}
	// A second build replaces the copy it wrote.
	if code, _, stderr := runCLI("build", "--source", site, "--portable", usb); code != exitOK {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}

	t.Run("a folder of someone's files", func(t *testing.T) {
		mine := filepath.Join(t.TempDir(), "mine")
		os.MkdirAll(mine, 0o755)
		os.WriteFile(filepath.Join(mine, "letter.txt"), []byte("mine"), 0o644)
		before := tree(t, mine)
		code, _, stderr := runCLI("build", "--source", site, "--portable", mine)
		if code != exitContent || !strings.Contains(stderr, "already holds files that readykit did not write") || !strings.Contains(stderr, "Choose another --portable folder") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if after := tree(t, mine); !reflect.DeepEqual(before, after) {
			t.Error("the folder changed after a refused build")
		}
	})
	t.Run("inside the destination", func(t *testing.T) {
		code, _, stderr := runCLI("build", "--source", site, "--portable", filepath.Join(site, "public", "usb"))
		if code != exitContent || !strings.Contains(stderr, "would overlap") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("turned off", func(t *testing.T) {
		conf := filepath.Join(site, "readykit.yaml")
		data, err := os.ReadFile(conf)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(conf, append(data, "options:\n  portable: false\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI("build", "--source", site, "--portable", usb)
		if code == exitOK || !strings.Contains(stderr, "portable: false") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if code, _, stderr := runCLI("build", "--source", site); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if zips, _ := filepath.Glob(filepath.Join(site, "public", "download", "*.zip")); len(zips) != 0 {
			t.Errorf("a .zip with portable: false: %v", zips)
		}
		index, _ := os.ReadFile(filepath.Join(site, "public", "index.html"))
		if strings.Contains(string(index), "Take this site with you") {
			t.Error("the footer offers a copy with portable: false")
		}
	})
}
