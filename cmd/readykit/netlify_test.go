package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/devserver"
)

// netlifyConfig is the part of a netlify.toml that readykit writes:
// [table] key = "string" lines. Array tables ([[headers]]) are kept as a
// list of their string values, so the headers can be compared too.
type netlifyConfig struct {
	tables  map[string]map[string]string
	headers []map[string]string
}

// parseNetlify reads the subset of TOML that netlifyTOML writes; anything
// else is an error, so the test notices if the writer grows beyond it.
func parseNetlify(t *testing.T, name string) netlifyConfig {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := netlifyConfig{tables: map[string]map[string]string{}}
	var cur map[string]string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case l == "[[headers]]":
			cur = map[string]string{}
			c.headers = append(c.headers, cur)
		case l == "[headers.values]":
			if len(c.headers) == 0 {
				t.Fatalf("%s:%d: headers.values outside [[headers]]", name, n)
			}
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			cur = map[string]string{}
			c.tables[l[1:len(l)-1]] = cur
		default:
			k, v, ok := strings.Cut(l, " = ")
			s, err := strconv.Unquote(v)
			if !ok || err != nil || cur == nil {
				t.Fatalf("%s:%d: not a key = \"string\" line: %q", name, n, l)
			}
			cur[k] = s
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestNetlifyBuild does what Netlify does with a site made by "readykit
// new" and with each client of "readykit new --portfolio": in a clean
// folder outside this repository, with readykit's module replaced by this
// checkout, it runs the exact build command of each netlify.toml in its
// base folder, with the environment the file sets, and checks the publish
// folder holds the site. Go may not download anything (GOPROXY=off): the
// module cache of the test's environment must serve every module, as
// readykit's own build needs them too.
func TestNetlifyBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds readykit in a new module")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if strings.HasPrefix(work, root+string(filepath.Separator)) {
		t.Fatalf("the temporary folder %s is inside the checkout", work)
	}
	for _, c := range []struct {
		name  string
		args  []string
		bases []string // where the netlify.toml files are: Netlify's base directories
	}{
		{"site", []string{"new", "oak-house"}, []string{"."}},
		{"portfolio", []string{"new", "--portfolio", "smith-care"}, []string{"clients/oak-house", "clients/elm-lodge"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(work, c.args[len(c.args)-1])
			if code, _, stderr := runCLI(append(c.args[:len(c.args)-1:len(c.args)-1], dir)...); code != exitOK {
				t.Fatalf("readykit %s: %s", strings.Join(c.args, " "), stderr)
			}
			gomod := filepath.Join(dir, "go.mod")
			f, err := os.OpenFile(gomod, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.WriteString("\nreplace github.com/readykit/readykit => " + root + "\n")
			if err = errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
			for _, base := range c.bases {
				t.Run(filepath.Base(base), func(t *testing.T) {
					baseDir := filepath.Join(dir, filepath.FromSlash(base))
					// Netlify sets URL to the site's address.
					url := "https://" + filepath.Base(baseDir) + ".example/"
					cfg := parseNetlify(t, filepath.Join(baseDir, "netlify.toml"))
					checkHeaders(t, cfg)
					build := cfg.tables["build"]
					if build["command"] == "" || build["publish"] == "" {
						t.Fatalf("[build] has no command or publish: %v", build)
					}
					if cfg.tables["build.environment"]["GO_VERSION"] != goVersion() {
						t.Errorf("GO_VERSION %q, want %q", cfg.tables["build.environment"]["GO_VERSION"], goVersion())
					}
					env := []string{
						"PATH=" + filepath.Dir(goBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
						"URL=" + url,
						"GOPROXY=off", "GOTOOLCHAIN=local",
					}
					for _, k := range []string{"HOME", "GOPATH", "GOCACHE", "GOMODCACHE", "GOENV", "TMPDIR"} {
						if v, ok := os.LookupEnv(k); ok {
							env = append(env, k+"="+v)
						}
					}
					for k, v := range cfg.tables["build.environment"] {
						env = append(env, k+"="+v)
					}
					start := time.Now()
					cmd := exec.Command("sh", "-c", build["command"])
					cmd.Dir, cmd.Env = baseDir, env
					out, err := cmd.CombinedOutput()
					if err != nil && strings.Contains(string(out), "unknown flag: --client") {
						t.Fatalf("%s in %s: this readykit cannot build one client of a portfolio yet (build --client)\n%s", build["command"], base, out)
					}
					if err != nil {
						t.Fatalf("%s in %s: %v\n%s", build["command"], base, err, out)
					}
					t.Logf("%s: %s in %v", base, build["command"], time.Since(start).Round(time.Millisecond))
					publish := filepath.Join(baseDir, filepath.FromSlash(build["publish"]))
					for _, p := range []string{"index.html", "checklist/index.html"} {
						if _, err := os.Stat(filepath.Join(publish, p)); err != nil {
							t.Errorf("%s has no %s: %v\n%s", publish, p, err, out)
						}
					}
					// The address Netlify gives is the one the site is built for.
					if data, err := os.ReadFile(filepath.Join(publish, "sitemap.xml")); err != nil || !strings.Contains(string(data), url) {
						t.Errorf("sitemap.xml is not for %s: %v\n%.400s", url, err, data)
					}
				})
			}
		})
	}
}

// checkHeaders checks the file's [[headers]] are the dev server's, so a
// site behaves the same in preview and on Netlify.
func checkHeaders(t *testing.T, cfg netlifyConfig) {
	t.Helper()
	var all map[string]string
	for _, h := range cfg.headers {
		if h["for"] == "/*" {
			all = h
		}
	}
	if all == nil {
		t.Fatal("no [[headers]] for /*")
	}
	for _, kv := range devserver.Headers {
		if all[kv[0]] != kv[1] {
			t.Errorf("header %s = %q, want %q", kv[0], all[kv[0]], kv[1])
		}
	}
	// The offline worker must be asked for again on every visit, or a new
	// deploy goes unseen (the dev server sends no-store for every file).
	worker := false
	for _, h := range cfg.headers {
		if h["for"] == "/sw.js" {
			worker = h["Cache-Control"] == "no-cache"
		}
	}
	if !worker {
		t.Error(`no [[headers]] for /sw.js with Cache-Control = "no-cache"`)
	}
}
