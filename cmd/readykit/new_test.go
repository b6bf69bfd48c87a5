package main

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/readykit/readykit"
)

func TestSiteName(t *testing.T) {
	for in, want := range map[string]string{
		"oak-house":                    "oak-house",
		"Oak House (2027)":             "oak-house-2027",
		"--Tŷ Gwyn--":                  "t-gwyn",
		"日本":                           "readykit-site",
		strings.Repeat("ab-", 20):      strings.Repeat("ab-", 13) + "a",
		strings.Repeat("x", 39) + "-y": strings.Repeat("x", 39),
	} {
		got := siteName(in)
		if got != want {
			t.Errorf("siteName(%q) = %q, want %q", in, got, want)
		}
		// Every name must be a progress key the config accepts.
		if !regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`).MatchString(got) {
			t.Errorf("siteName(%q) = %q is not a progress key", in, got)
		}
	}
}

// A new site's go.mod pins readykit's version and lists what readykit
// needs at readykit's versions; its go.sum is readykit's.
func TestNewSiteModule(t *testing.T) {
	own, sum := readykit.Module()
	for _, pin := range []string{"v1.4.0", ""} {
		files, err := newSiteFiles("oak-house", pin, false)
		if err != nil {
			t.Fatal(err)
		}
		gomod := string(files["go.mod"])
		want := pin
		if pin == "" {
			want = "v0.0.0"
			if !strings.Contains(gomod, "go get -tool github.com/readykit/readykit/cmd/readykit@latest") {
				t.Errorf("an unpinned go.mod does not say how to pin:\n%s", gomod)
			}
		} else if strings.Contains(gomod, "no release version") {
			t.Errorf("a pinned go.mod says it has no release:\n%s", gomod)
		}
		for _, line := range []string{"\nmodule oak-house\n", "\ngo 1.", "\ntool github.com/readykit/readykit/cmd/readykit\n", "\nrequire github.com/readykit/readykit " + want + "\n"} {
			if !strings.Contains(gomod, line) {
				t.Errorf("pin %q: go.mod lacks %q:\n%s", pin, line, gomod)
			}
		}
		goLine, reqs := parseGoMod(string(own))
		siteGo, siteReqs := parseGoMod(gomod)
		if siteGo != goLine || siteGo != goVersion() {
			t.Errorf("go line %q, readykit's %q", siteGo, goLine)
		}
		var others []string
		for _, r := range siteReqs {
			if r != modulePath+" "+want {
				others = append(others, r)
			}
		}
		if got := strings.Join(others, "\n"); got != strings.Join(reqs, "\n") || len(reqs) < 5 || len(siteReqs) != len(reqs)+1 {
			t.Errorf("go.mod requires\n%s\nwant readykit's\n%s", got, strings.Join(reqs, "\n"))
		}
		if string(files["go.sum"]) != string(sum) || !strings.Contains(string(sum), "github.com/spf13/cobra") {
			t.Error("go.sum is not readykit's")
		}
		if !strings.Contains(string(files["readykit.yaml"]), "\nprogressKey: oak-house\n") || !strings.Contains(string(files["readykit.yaml"]), "\n# client: ") {
			t.Errorf("readykit.yaml lacks the progress key or the client example:\n%s", files["readykit.yaml"])
		}
	}
}

// parseGoMod reads what Go writes, including single-line requires and
// comments.
func TestParseGoMod(t *testing.T) {
	g, reqs := parseGoMod("module x // the module\n\ngo 1.26.8\n\nrequire b.example/b v1.0.0 // indirect\nrequire (\n\ta.example/a v0.2.0\n\t// a comment\n)\n")
	if g != "1.26.8" || strings.Join(reqs, ",") != "a.example/a v0.2.0,b.example/b v1.0.0" {
		t.Errorf("got %q %q", g, reqs)
	}
}

func TestModuleVersion(t *testing.T) {
	dep := func(v string, replaced bool) *debug.BuildInfo {
		d := &debug.Module{Path: modulePath, Version: v}
		if replaced {
			d.Replace = &debug.Module{Path: "/home/jo/readykit"}
		}
		return &debug.BuildInfo{Main: debug.Module{Path: "oak-house", Version: "(devel)"}, Deps: []*debug.Module{{Path: "github.com/spf13/cobra", Version: "v1.10.2"}, d}}
	}
	for _, c := range []struct {
		name   string
		info   *debug.BuildInfo
		linked string
		want   string
	}{
		{"go install @v1.2.3", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v1.2.3"}}, "", "v1.2.3"},
		{"built in its own folder", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}}, "", ""},
		{"built with uncommitted changes", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v1.2.4-0.20261202120000-abcdef123456+dirty"}}, "", ""},
		{"go tool in a site", dep("v1.3.0", false), "", "v1.3.0"},
		{"go tool, pre-release", dep("v1.3.0-rc.1", false), "", "v1.3.0-rc.1"},
		{"go tool with a replace", dep("v1.3.0", true), "", ""},
		{"go tool before a release", dep("v0.0.0", false), "", ""},
		{"another program's main module", &debug.BuildInfo{Main: debug.Module{Path: "example.com/x", Version: "v9.0.0"}}, "", ""},
		{"linked", nil, "v2.0.0", "v2.0.0"},
		{"linked nonsense", nil, "latest", ""},
		{"nothing known", nil, "", ""},
	} {
		if got := moduleVersion(c.info, c.linked); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	info := dep("v1.3.0", false)
	info.GoVersion = "go1.26.8"
	info.Settings = []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}}
	if got, want := versionLine(info, ""), "readykit v1.3.0 (commit 0123456789ab+changes) go1.26.8"; got != want {
		t.Errorf("versionLine = %q, want %q", got, want)
	}
	if got := versionLine(nil, ""); got != "readykit devel" {
		t.Errorf("versionLine(nil) = %q", got)
	}
}

// --version prints what the version command prints, as other Go
// programs do.
func TestVersionFlag(t *testing.T) {
	_, cmd, _ := runCLI("version")
	code, flag, stderr := runCLI("--version")
	if code != exitOK || flag != cmd || flag != versionString()+"\n" {
		t.Errorf("--version: %d %q %q; version: %q", code, flag, stderr, cmd)
	}
}

// The portfolio starter: shared files once, two clients with all their
// files, and nothing written over.
func TestNewPortfolio(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Smith Care")
	code, stdout, stderr := runCLI("new", "--portfolio", dir)
	if code != exitOK {
		t.Fatalf("new --portfolio: %d %s", code, stderr)
	}
	if !strings.Contains(stdout, "oak-house and elm-lodge") {
		t.Errorf("output: %s", stdout)
	}
	must := []string{"readykit.yaml", "README.md", "go.mod", "go.sum", ".gitignore", "content/index.md", "content/data/standards.yaml", "themes/default/README.md"}
	for _, c := range []string{"oak-house", "elm-lodge"} {
		for _, f := range []string{"readykit.yaml", "netlify.toml", "content/contact.md", "static/" + c + "-logo.svg"} {
			must = append(must, "clients/"+c+"/"+f)
		}
	}
	for _, p := range must {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Errorf("not written: %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "netlify.toml")); err == nil {
		t.Error("a portfolio has one Netlify site per client, not one at its root")
	}
	gomod := read(t, filepath.Join(dir, "go.mod"))
	if !strings.Contains(gomod, "\nmodule smith-care\n") {
		t.Errorf("go.mod:\n%s", gomod)
	}
	readme := read(t, filepath.Join(dir, "README.md"))
	for _, s := range []string{"## Add a client", "--client oak-house", "Base directory to clients/NAME", "readykit build "} {
		if !strings.Contains(readme, s) {
			t.Errorf("README.md lacks %q", s)
		}
	}
	for _, c := range exampleClients {
		cfg := read(t, filepath.Join(dir, "clients", c.name, "readykit.yaml"))
		for _, s := range []string{"\nclient: " + c.client + "\n", "\nprogressKey: " + c.name + "\n", "\n  logo: " + c.name + "-logo.svg", "\n  logoAlt: ", "\n  footer: ", "\ncontact:\n", "\n  start: "} {
			if !strings.Contains(cfg, s) {
				t.Errorf("%s/readykit.yaml lacks %q:\n%s", c.name, s, cfg)
			}
		}
		// The example colours pass AA, so a copied client starts valid.
		for _, pair := range [][2]string{{c.header, "#ffffff"}, {"#ffdd00", "#000000"}} {
			if r := contrast(t, pair[0], pair[1]); r < 4.5 {
				t.Errorf("%s: %s on %s is %.2f:1", c.name, pair[0], pair[1], r)
			}
		}
		toml := read(t, filepath.Join(dir, "clients", c.name, "netlify.toml"))
		if !strings.Contains(toml, "go tool readykit build --source ../.. --client "+c.name+" --dest public --base-url \\\"$URL\\\"") {
			t.Errorf("%s/netlify.toml:\n%s", c.name, toml)
		}
	}
	// A second new into the same folder refuses and changes nothing.
	before := tree(t, dir)
	if code, _, stderr := runCLI("new", "--portfolio", dir); code != exitContent || !strings.Contains(stderr, "already has files in it") {
		t.Errorf("new into a portfolio: %d %s", code, stderr)
	}
	if after := tree(t, dir); len(after) != len(before) {
		t.Errorf("the refused new changed the folder: %d files, then %d", len(before), len(after))
	}
}

// new never writes over a file, even one that appears after it looked.
func TestNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "readykit.yaml")
	if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeNew(p, []byte("new")); err == nil {
		t.Error("writeNew replaced a file")
	}
	if got := read(t, p); got != "mine" {
		t.Errorf("file now %q", got)
	}
}

// Two sites made by new, with fixed programme dates, publish calendars
// that share no UID, so a consultant can import both; the same two sites
// given one progress key still differ by their addresses.
func TestTwoSitesCalendarsShareNoUID(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two sites")
	}
	work := t.TempDir()
	calendar := func(name, key, url string) map[string]bool {
		dir := filepath.Join(work, name)
		if code, _, stderr := runCLI("new", dir); code != exitOK {
			t.Fatalf("new %s: %s", name, stderr)
		}
		cfg := filepath.Join(dir, "readykit.yaml")
		extra := "\nprogramme:\n  start: 2027-04-12\n"
		if key != "" {
			extra += "progressKey: " + key + "\n"
			if err := os.WriteFile(cfg, []byte(strings.Replace(read(t, cfg), "\nprogressKey: ", "\n# progressKey: ", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(cfg, []byte(read(t, cfg)+extra), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"build", "--source", dir, "--dest", filepath.Join(dir, "public")}
		if url != "" {
			args = append(args, "--base-url", url)
		}
		if code, _, stderr := runCLI(args...); code != exitOK {
			t.Fatalf("build %s: %s", name, stderr)
		}
		ics := strings.ReplaceAll(read(t, filepath.Join(dir, "public", "dspt-programme.ics")), "\r\n ", "")
		uids := map[string]bool{}
		for _, l := range strings.Split(ics, "\r\n") {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				uids[u] = true
			}
		}
		if len(uids) < 3 {
			t.Fatalf("%s: %d UIDs", name, len(uids))
		}
		return uids
	}
	for _, pair := range [][2][3]string{
		{{"oak-house", "", ""}, {"elm-lodge", "", ""}},
		{{"a", "readykit", "https://oak-house.netlify.app/"}, {"b", "readykit", "https://elm-lodge.netlify.app/"}},
	} {
		a := calendar(pair[0][0], pair[0][1], pair[0][2])
		for u := range calendar(pair[1][0], pair[1][1], pair[1][2]) {
			if a[u] {
				t.Errorf("%s and %s share UID %s", pair[0][0], pair[1][0], u)
			}
		}
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// contrast is WCAG 2.2's contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	lum := func(hex string) float64 {
		var l float64
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			n, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
			if err != nil {
				t.Fatalf("colour %q: %v", hex, err)
			}
			c := float64(n) / 255
			if c <= 0.04045 {
				c /= 12.92
			} else {
				c = math.Pow((c+0.055)/1.055, 2.4)
			}
			l += w * c
		}
		return l
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
