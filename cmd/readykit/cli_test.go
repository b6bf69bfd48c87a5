package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/devserver"
)

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--colour"}, "unknown flag: --colour\nRun 'readykit build --help' for usage."},
		{[]string{"build", "extra"}, `unknown command "extra" for "readykit build"` + "\nRun 'readykit build --help' for usage."},
		{[]string{"build", "--base-url", "example.org"}, `--base-url "example.org" is not a full web address`},
		{[]string{"new"}, "accepts 1 arg(s), received 0\nRun 'readykit new --help' for usage."},
		{[]string{"serve", "--port", "70000"}, "--port 70000 is not a port number"},
		{[]string{"serve", "--bind", "my laptop"}, `--bind "my laptop" is not an IP address`},
		{[]string{"bulid"}, `unknown command "bulid" for "readykit"`},
	} {
		code, stdout, stderr := runCLI(c.args...)
		if code != exitUsage {
			t.Errorf("%v: exit code %d, want %d", c.args, code, exitUsage)
		}
		if !strings.HasPrefix(stderr, "readykit: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q, want it to contain %q", c.args, stderr, c.want)
		}
		if stdout != "" {
			t.Errorf("%v: stdout %q", c.args, stdout)
		}
	}
}

func TestBuildAndCheck(t *testing.T) {
	dir := baseSite(t)
	dest := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI("build", "--source", dir, "--dest", dest)
	if code != exitOK || stderr != "" {
		t.Fatalf("build: exit %d, stderr %q", code, stderr)
	}
	// One line: pages written, bytes, time.
	if !regexp.MustCompile(`^Built 9 pages \(\d+ files, \d+ KB\) in \d+(\.\d+)?m?s into .*out\n$`).MatchString(stdout) {
		t.Errorf("summary %q", stdout)
	}
	for _, p := range []string{"index.html", "checklist/index.html", "items/1.1.1/index.html", "standards/2/index.html", "sitemap.xml", "404.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	code, stdout, _ = runCLI("check", "--source", dir)
	if code != exitOK || stdout != "No problems found in 9 pages.\n" {
		t.Errorf("check: exit %d, %q", code, stdout)
	}
	// The default destination is public/ in the site folder.
	if code, _, stderr := runCLI("build", "--source", dir); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, verb := range []string{"build", "check", "serve", "new", "version"} {
		code, stdout, _ := runCLI(verb, "--help")
		if code != exitOK || !strings.Contains(stdout, "Examples:\n  readykit "+verb) {
			t.Errorf("%s --help: exit %d, no examples in:\n%s", verb, code, stdout)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, _ := runCLI("completion", shell)
		if code != exitOK || !strings.Contains(stdout, "readykit") {
			t.Errorf("completion %s: exit %d", shell, code)
		}
	}
	// Cobra's hidden completion command offers the verbs.
	_, stdout, _ := runCLI("__complete", "b")
	if !strings.Contains(stdout, "build") {
		t.Errorf("completing %q: %q", "b", stdout)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI("version")
	if code != exitOK || !strings.HasPrefix(stdout, "readykit ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

// The netlify.toml headers are the dev server's, so the site behaves the
// same in preview and in production.
func TestNetlifyHeaders(t *testing.T) {
	for _, file := range []string{"../../netlify.toml", ""} {
		text := starterNetlify()
		if file != "" {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
		}
		for _, kv := range devserver.Headers {
			line := kv[0] + " = \"" + kv[1] + "\""
			if !strings.Contains(text, line) {
				t.Errorf("%s lacks %s", cmpOr(file, "the starter netlify.toml"), line)
			}
		}
		if !strings.Contains(text, `publish = "public"`) || !strings.Contains(text, "frame-ancestors 'none'") || strings.Contains(text, "unsafe-inline") {
			t.Errorf("%s: publish folder or policy wrong", cmpOr(file, "starter"))
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestNewWithBinaryAlone runs "readykit new" and "readykit build" in a
// folder with nothing else, as a consultant with only the binary would:
// the test binary itself acts as readykit (see TestMain), so nothing is
// built and nothing of this repository is in reach.
func TestNewWithBinaryAlone(t *testing.T) {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(asReadykit, "1")
	work := t.TempDir()
	cmd := exec.Command(bin, "new", "oak-house")
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("new: %v\n%s", err, out)
	}
	site := filepath.Join(work, "oak-house")
	for _, p := range []string{"readykit.yaml", "content/index.md", "content/data/standards.yaml", "themes/default/README.md", "netlify.toml", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(site, p)); err != nil {
			t.Errorf("new did not write %s", p)
		}
	}
	cmd = exec.Command(bin, "build")
	cmd.Dir = site
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("build in the new site: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "checklist", "index.html")); err != nil {
		t.Errorf("no checklist page: %v\n%s", err, out)
	}
	// A second new into the same folder refuses, leaving it alone.
	cmd = exec.Command(bin, "new", "oak-house")
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "already has files in it") {
		t.Errorf("new into a full folder: %v %s", err, out)
	}
}
