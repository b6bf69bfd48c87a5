package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit"
)

// portfolioSite writes the portfolio of two clients of the generator's
// fixtures into a new folder and returns it.
func portfolioSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../../generator/testdata/portfolios/two.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeArchive(t, dir, ar)
	return dir
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeText(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// build in a portfolio builds every client into public/<name>/; progress
// goes to stderr as plain lines when it is not a terminal, and the summary
// to stdout.
func TestBuildPortfolioCLI(t *testing.T) {
	t.Setenv(todayEnv, "2025-01-01")
	dir := portfolioSite(t)
	code, stdout, stderr := runCLI("build", "--source", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`^Built 2 clients \(\d+ pages, \d+ files, \d+ KB\) in \d+(\.\d+)?m?s into .*public\n$`).MatchString(stdout) {
		t.Errorf("summary %q", stdout)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Built 1 of 2 clients: ") || !strings.HasPrefix(lines[1], "Built 2 of 2 clients: ") || strings.Contains(stderr, "\r") {
		t.Errorf("progress on a pipe: %q", stderr)
	}
	if got := readFile(t, filepath.Join(dir, "public/oak-house/contact/index.html")); !strings.Contains(got, "OAK-CONTACT") {
		t.Error("oak-house's own page")
	}
	if got := readFile(t, filepath.Join(dir, "public/elm-lodge/about/index.html")); !strings.Contains(got, "SHARED-EDIT") {
		t.Error("elm-lodge's shared page")
	}

	// --quiet: no progress; the summary stays.
	code, stdout, stderr = runCLI("build", "--source", dir, "--quiet")
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "Built 2 clients") {
		t.Errorf("--quiet: exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}

	// --client builds one, into public/<name>/ by default, after a build
	// of them all.
	code, stdout, stderr = runCLI("build", "--source", dir, "--client", "elm-lodge")
	if code != exitOK || !strings.HasSuffix(strings.TrimSpace(stdout), filepath.Join(dir, "public", "elm-lodge")) {
		t.Errorf("--client: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	code, stdout, _ = runCLI("check", "--source", dir)
	if code != exitOK || !regexp.MustCompile(`^No problems found in 2 clients \(\d+ pages\)\.\n$`).MatchString(stdout) {
		t.Errorf("check: exit %d, %q", code, stdout)
	}
	code, stdout, _ = runCLI("check", "--source", dir, "--client", "oak-house")
	if code != exitOK || !strings.HasPrefix(stdout, "No problems found in 8 pages") {
		t.Errorf("check --client: exit %d, %q", code, stdout)
	}
}

// Netlify builds a client from its own folder into public/ there.
func TestBuildClientFromItsFolder(t *testing.T) {
	dir := portfolioSite(t)
	client := filepath.Join(dir, "clients", "oak-house")
	code, _, stderr := runCLI("build", "--source", filepath.Join(client, "..", ".."), "--client", "oak-house", "--dest", filepath.Join(client, "public"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := readFile(t, filepath.Join(client, "public", "index.html")); !strings.Contains(got, "OAK-HOME") {
		t.Error("the client's home page")
	}
	// Its content folder is a source: no destination inside it.
	code, _, stderr = runCLI("build", "--source", dir, "--client", "oak-house", "--dest", filepath.Join(client, "content", "out"))
	if code != exitContent || !strings.Contains(stderr, "is inside the folder") {
		t.Errorf("dest in the client's content: exit %d, %q", code, stderr)
	}
}

func TestBuildUnknownClient(t *testing.T) {
	dir := portfolioSite(t)
	for _, verb := range []string{"build", "check"} {
		code, _, stderr := runCLI(verb, "--source", dir, "--client", "oak-hose")
		if code != exitContent || !strings.Contains(stderr, `there is no client "oak-hose". Did you mean oak-house? The clients are: elm-lodge, oak-house`) {
			t.Errorf("%s: exit %d, %q", verb, code, stderr)
		}
	}
}

// A failed client leaves the previous public/ as it was, and every
// client's problems are listed, each line naming its clients.
func TestBuildPortfolioFailureKeepsPublic(t *testing.T) {
	t.Setenv(todayEnv, "2025-01-01")
	dir := portfolioSite(t)
	if code, _, stderr := runCLI("build", "--source", dir, "-q"); code != exitOK {
		t.Fatal(stderr)
	}
	before := tree(t, filepath.Join(dir, "public"))
	writeText(t, filepath.Join(dir, "clients/elm-lodge/readykit.yaml"), "title: Elm Lodge\nbogus: 1\n")
	writeText(t, filepath.Join(dir, "content/about.md"), "---\ntitle: About\nlayuot: x\n---\n")
	code, stdout, stderr := runCLI("build", "--source", dir, "-q")
	if code != exitContent || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := `elm-lodge: clients/elm-lodge/readykit.yaml:2:1: unknown key "bogus". Known keys are: ` // the list follows
	if !strings.Contains(stderr, want) ||
		!strings.Contains(stderr, "\nevery client: content/about.md:3:1: unknown key \"layuot\". Did you mean \"layout\"?\n") ||
		!strings.HasSuffix(stderr, "readykit: the build of 2 clients found 2 problems\n") {
		t.Errorf("stderr:\n%s", stderr)
	}
	after := tree(t, filepath.Join(dir, "public"))
	if len(after) != len(before) || after["oak-house/about/index.html"] != before["oak-house/about/index.html"] {
		t.Error("a failed build changed public/")
	}
}

func TestProgressLine(t *testing.T) {
	var b strings.Builder
	p := &buildProgress{w: &b, tty: true}
	p.step("oak-house", 1, 12, true)
	p.step("elm", 2, 12, false)
	p.end()
	if got, want := b.String(), "\r\x1b[KBuilt 1 of 12 clients: oak-house\r\x1b[K2 of 12 clients done: elm has problems, listed below\r\x1b[K"; got != want {
		t.Errorf("terminal progress %q, want %q", got, want)
	}
	if isTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a file is not a terminal")
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if !isTerminal(tty) {
			t.Error("/dev/tty is a terminal")
		}
	}
}

// The first acceptance test: a portfolio of 12 generated clients
// over the default site, with one shared guidance edit, builds in one
// command, and every client's site carries the edit and its own name,
// logo, colour and contact.
func TestPortfolioOf12(t *testing.T) {
	t.Setenv(todayEnv, "2026-09-01")
	dir := t.TempDir()
	const edit = "Portfolio guidance edit: check the backup log every Friday."
	err := fs.WalkDir(readykit.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(readykit.Starter(), p)
		if p == "content/about.md" {
			data = append(data, "\n"+edit+"\n"...)
		}
		writeText(t, filepath.Join(dir, p), string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	colours := []string{"#00563f", "#1d3a6e", "#5a1e5c", "#6b2a00", "#0b4f6c", "#3d3d3d", "#4a2c82", "#004d40", "#7a1f2b", "#243b55", "#2e4600", "#5c3300"}
	client := func(i int) (name, title, email, colour, logo string) {
		return fmt.Sprintf("client-%02d", i), fmt.Sprintf("Client %02d Care", i), fmt.Sprintf("manager%02d@client%02d.example", i, i), colours[i-1], fmt.Sprintf("client-%02d-logo.svg", i)
	}
	for i := 1; i <= 12; i++ {
		name, title, email, colour, logo := client(i)
		writeText(t, filepath.Join(dir, "clients", name, "readykit.yaml"), fmt.Sprintf(
			"title: %s\nclient: %s Ltd\nbrand:\n  logo: %s\n  logoAlt: %s\n  colours:\n    header: \"%s\"\ncontact:\n  name: Manager %02d\n  email: %s\n",
			title, title, logo, title, colour, i, email))
		writeText(t, filepath.Join(dir, "clients", name, "static", logo),
			`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="`+colour+`"/></svg>`)
	}
	code, stdout, stderr := runCLI("build", "--source", dir, "--quiet")
	if code != exitOK || !strings.HasPrefix(stdout, "Built 12 clients") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for i := 1; i <= 12; i++ {
		name, title, email, colour, logo := client(i)
		site := filepath.Join(dir, "public", name)
		if about := readFile(t, filepath.Join(site, "about", "index.html")); !strings.Contains(about, edit) {
			t.Errorf("%s: the shared edit is missing", name)
		}
		home := readFile(t, filepath.Join(site, "index.html"))
		if !regexp.MustCompile(`<img class="?site-header__logo"? src="?/` + regexp.QuoteMeta(logo) + `"? alt="?` + regexp.QuoteMeta(title)).MatchString(home) {
			t.Errorf("%s: the header does not show the client's logo", name)
		}
		for _, want := range []string{title, email} {
			if !strings.Contains(home, want) {
				t.Errorf("%s: the home page lacks %q", name, want)
			}
		}
		if _, err := os.Stat(filepath.Join(site, logo)); err != nil {
			t.Errorf("%s: the logo is not published: %v", name, err)
		}
		css := regexp.MustCompile(`href="?/(assets/brand\.[0-9a-f]+\.css)`).FindStringSubmatch(home)
		if css == nil {
			t.Errorf("%s: no brand stylesheet linked", name)
		} else if got := readFile(t, filepath.Join(site, css[1])); !strings.Contains(got, colour) {
			t.Errorf("%s: the brand stylesheet lacks %s:\n%s", name, colour, got)
		}
		for j := 1; j <= 12; j++ {
			if other, _, _, _, _ := client(j); j != i && strings.Contains(home, other+"-logo") {
				t.Errorf("%s shows %s's logo", name, other)
			}
		}
	}
}

// serve in a portfolio previews the first client unless --client names
// another, and says how to see another.
func TestServePortfolio(t *testing.T) {
	dir := portfolioSite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, c := range []struct{ client, want, other string }{
		{"", "Shared home page", "OAK-HOME"},
		{"oak-house", "OAK-HOME", "Shared home page"},
	} {
		opts := &serveOptions{Source: dir, Bind: "127.0.0.1", Client: c.client}
		sctx, stop := context.WithCancel(ctx)
		addr, _, done := startServe(sctx, t, opts)
		_, body, _ := get(t, sctx, addr)
		if !strings.Contains(body, c.want) || strings.Contains(body, c.other) {
			t.Errorf("--client %q: the home page is not the client's:\n%s", c.client, body)
		}
		stop()
		<-done
		if c.client == "" {
			said := opts.Out.(*syncBuffer).String()
			if !strings.Contains(said, "This is a portfolio of 2 clients; previewing elm-lodge. To preview another, run readykit serve --client NAME with one of: elm-lodge, oak-house") {
				t.Errorf("serve said %q", said)
			}
		}
	}
}
