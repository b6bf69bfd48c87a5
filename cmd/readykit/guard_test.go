package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"
)

// previousBuild writes a public/ as an earlier build left it, and returns
// its contents, to prove a refused or failed build leaves it untouched.
func previousBuild(t *testing.T, site string) map[string]string {
	t.Helper()
	writeArchive(t, filepath.Join(site, "public"), txtar.Parse([]byte("-- .readykit-build --\nmarker\n-- index.html --\nthe previous site\n")))
	return tree(t, filepath.Join(site, "public"))
}

// The destination is readykit's alone: a build never replaces the site's
// sources, a folder that holds them, or files that no build wrote.
func TestDestinationGuard(t *testing.T) {
	cases := []struct {
		name, dest, want string
	}{
		{"the site itself", ".", "is the site folder itself"},
		{"the content folder", "content", "is the folder " + filepath.Join("SITE", "content") + ", which the build reads"},
		{"inside the content folder", "content/out", "is inside the folder " + filepath.Join("SITE", "content") + ", which the build reads"},
		{"the themes folder", "themes", "is the folder " + filepath.Join("SITE", "themes")},
		{"the parent folder", "..", "holds the site folder"},
		{"a folder of someone's files", "notes", "already holds files that readykit did not write (it has no .readykit-build file)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := baseSite(t)
			if err := os.MkdirAll(filepath.Join(site, "notes"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, "notes", "minutes.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(site, "themes"), 0o755)
			parent := tree(t, filepath.Dir(site))
			code, stdout, stderr := runCLI("build", "--source", site, "--dest", filepath.Join(site, c.dest))
			want := strings.ReplaceAll(c.want, "SITE", site)
			if code != exitContent || stdout != "" || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
			}
			if !strings.Contains(stderr, "Use a folder of its own") && !strings.Contains(stderr, "--overwrite") {
				t.Errorf("the message does not say what to do: %s", stderr)
			}
			if after := tree(t, filepath.Dir(site)); !reflect.DeepEqual(parent, after) {
				t.Errorf("files changed after a refused build")
			}
		})
	}

	t.Run("a link to the site", func(t *testing.T) {
		site := baseSite(t)
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(site, link); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI("build", "--source", site, "--dest", link)
		if code != exitContent || !strings.Contains(stderr, "is the site folder itself") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(site, "readykit.yaml")); err != nil {
			t.Errorf("the site lost its settings: %v", err)
		}
	})

	t.Run("overwrite when asked", func(t *testing.T) {
		site := baseSite(t)
		notes := filepath.Join(site, "notes")
		os.MkdirAll(notes, 0o755)
		os.WriteFile(filepath.Join(notes, "minutes.txt"), []byte("mine"), 0o644)
		if code, _, stderr := runCLI("build", "--source", site, "--dest", notes, "--overwrite"); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(notes, "minutes.txt")); err == nil {
			t.Error("the old file is still there after --overwrite")
		}
		// The folder is now a build's own, so the next build needs no flag.
		if code, _, stderr := runCLI("build", "--source", site, "--dest", notes); code != exitOK {
			t.Fatalf("second build: exit %d: %s", code, stderr)
		}
		// --overwrite never reaches the sources.
		if code, _, _ := runCLI("build", "--source", site, "--dest", filepath.Join(site, "content"), "--overwrite"); code != exitContent {
			t.Errorf("--overwrite let a build replace content/: exit %d", code)
		}
	})

	t.Run("an empty folder and a new one", func(t *testing.T) {
		site := baseSite(t)
		empty := filepath.Join(t.TempDir(), "empty")
		os.MkdirAll(empty, 0o755)
		for _, dest := range []string{empty, filepath.Join(t.TempDir(), "new", "out")} {
			if code, _, stderr := runCLI("build", "--source", site, "--dest", dest); code != exitOK {
				t.Errorf("%s: exit %d: %s", dest, code, stderr)
			}
			if data, err := os.ReadFile(filepath.Join(dest, ".readykit-build")); err != nil || len(data) == 0 {
				t.Errorf("%s: no marker: %v", dest, err)
			}
		}
	})
}

// Reads never leave the site folder, through content/, static/ or the
// site's theme; a link inside the site still works; a file that is not a
// regular file is refused without being opened.
func TestReadsStayInSite(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := baseSite(t)
	for _, dir := range []string{"static", "content/docs", "themes/default/static"} {
		os.MkdirAll(filepath.Join(site, dir), 0o755)
	}
	links := map[string]string{
		"static/passwd.txt":              "/etc/passwd",
		"static/env.txt":                 "/proc/self/environ",
		"static/secret.txt":              outside,
		"static/up.txt":                  "../../" + filepath.Base(filepath.Dir(outside)) + "/secret.txt",
		"content/docs/secret.pdf":        outside,
		"themes/default/static/x.txt":    outside,
		"static/loop.txt":                "loop.txt",
		"content/data/items/3.1.1.md":    outside,
		"static/inside.md":               "../content/index.md",
		"static/folder":                  "../content",
		"static/absolute-inside.md":      filepath.Join(site, "content", "index.md"),
		"content/docs/relative-index.md": "../index.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "static", "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := previousBuild(t, site)

	code, stdout, stderr := runCLI("build", "--source", site)
	if code != exitContent || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	out := "this is a link that leads outside the site folder (or is written as an absolute path), and readykit reads only files inside the site. Copy the file into the site folder instead"
	want := []string{
		"content/data/items/3.1.1.md: " + out,
		"content/docs/secret.pdf: " + out,
		"static/absolute-inside.md: " + out,
		"static/env.txt: " + out,
		"static/folder: this is a folder reached through a link, and readykit reads only files there",
		"static/loop.txt: this link leads round in a loop of links and never reaches a file",
		"static/passwd.txt: " + out,
		"static/pipe: this is not an ordinary file",
		"static/secret.txt: " + out,
		"static/up.txt: " + out,
		"themes/default/static/x.txt: " + out,
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("missing %q in:\n%s", w, stderr)
		}
	}
	if n := strings.Count(stderr, "\n"); n != len(want)+1 {
		t.Errorf("%d lines, want %d (one a problem, and the summary):\n%s", n, len(want)+1, stderr)
	}
	if strings.Contains(stderr, "SECRET") || strings.Contains(stderr, "root:") {
		t.Error("the message shows what the link points at")
	}
	if after := tree(t, filepath.Join(site, "public")); !reflect.DeepEqual(before, after) {
		t.Error("public/ changed after a failed build")
	}

	// Without the links that leave the site, the links inside it work.
	for _, name := range []string{"static/passwd.txt", "static/env.txt", "static/secret.txt", "static/up.txt", "content/docs/secret.pdf",
		"themes/default/static/x.txt", "static/loop.txt", "content/data/items/3.1.1.md", "static/folder", "static/absolute-inside.md", "static/pipe"} {
		os.Remove(filepath.Join(site, name))
	}
	if code, _, stderr := runCLI("build", "--source", site); code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	got, err := os.ReadFile(filepath.Join(site, "public", "inside.md"))
	index, _ := os.ReadFile(filepath.Join(site, "content", "index.md"))
	if err != nil || string(got) != string(index) {
		t.Errorf("a link inside the site was not followed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "docs", "relative-index", "index.html")); err != nil {
		t.Errorf("a page linked inside content/ was not built: %v", err)
	}
}

// A file over the size limits is refused before it is parsed.
func TestFileSizeLimits(t *testing.T) {
	site := baseSite(t)
	big := "---\ntitle: Big\n---\n" + strings.Repeat("Lorem ipsum dolor sit amet.\n", 40000)
	if err := os.WriteFile(filepath.Join(site, "content", "big.md"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(site, "content", "video.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: large to the file system, nothing on the disk.
	if err := f.Truncate(65<<20 + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := previousBuild(t, site)
	code, _, stderr := runCLI("build", "--source", site)
	want := "content/big.md: the file is larger than 1 MB, the most readykit reads from one file. Make it smaller, split it, or publish it somewhere else and link to it\n" +
		"content/video.mp4: the file is larger than 64 MB, the most readykit reads from one file. Make it smaller, split it, or publish it somewhere else and link to it\n" +
		"readykit: load found 2 problems\n"
	if code != exitContent || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if after := tree(t, filepath.Join(site, "public")); !reflect.DeepEqual(before, after) {
		t.Error("public/ changed after a failed build")
	}
}

// Windows Notepad saves UTF-8 with a byte order mark: every file readykit
// reads as text accepts one.
func TestByteOrderMarks(t *testing.T) {
	site := baseSite(t)
	for _, name := range []string{"readykit.yaml", "content/index.md", "content/data/standards.yaml", "content/data/programme.yaml",
		"content/data/editions/test-edition.yaml", "content/data/items/1.1.1.md"} {
		p := filepath.Join(site, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append([]byte("\ufeff"), data...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runCLI("build", "--source", site)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(site, "public", "index.html"))
	if strings.Contains(string(page), "\ufeff") || !strings.Contains(string(page), "<title>Test site</title>") || !strings.Contains(string(page), "Start with the") {
		t.Errorf("the home page kept the mark or lost its title: %.300s", page)
	}
}
