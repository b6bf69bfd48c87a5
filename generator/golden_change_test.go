package generator_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/themes"
)

// editedTheme is the built-in theme with one line added to a JS file and
// to the stylesheet, as a routine edit would.
func editedTheme(t *testing.T) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, line := range map[string]string{
		"static/js/app.js": "// one more line\n",
		"assets/site.css":  "/* one more line */\n",
	} {
		f := out[p]
		if f == nil {
			t.Fatalf("the theme has no %s to edit", p)
		}
		f.Data = append(bytes.Clone(f.Data), line...)
	}
	return out
}

// TestThemeEditChangesNoGolden is issue 12's acceptance point: a one-line
// change to a theme JS file (and to the CSS, whose fingerprint then
// changes) changes no golden file. The goldens the edited theme would
// write are compared with those the real theme writes, so the test holds
// while -update rewrites the files.
func TestThemeEditChangesNoGolden(t *testing.T) {
	edited := editedTheme(t)

	t.Run("basic", func(t *testing.T) {
		ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
		if err != nil {
			t.Fatal(err)
		}
		before, want := buildCase(t, ar, themes.Default())
		after, got := buildCase(t, ar, edited)
		after.checkPassed(t)
		sawEdit(t, before, after)
		if diffs := compareArchives(want, got); len(diffs) > 0 {
			t.Errorf("the edit would change testdata/sites/basic.txtar:\n%s", strings.Join(diffs, "\n"))
		}
	})

	t.Run("default", func(t *testing.T) {
		before := build(t, readykit.Starter(), themes.Default(), false)
		after := build(t, readykit.Starter(), edited, false)
		after.checkPassed(t)
		sawEdit(t, before, after)
		if d := lineDiff(strings.Join(before.manifest(), "\n"), strings.Join(after.manifest(), "\n")); d != "" {
			t.Errorf("the edit would change %s:\n%s", manifestFile, d)
		}
		// Stronger than the fragments: every made file is the same.
		a, b := before.madeFiles(), after.madeFiles()
		for _, p := range slices.Sorted(maps.Keys(a)) {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("the edit changes %s at %s", p, firstDiff(a[p], b[p]))
			}
		}
		checkFragmentsFile(t, after)
	})
}

// sawEdit fails unless the edit reached the output: app.js grew and the
// stylesheet has a new fingerprint.
func sawEdit(t *testing.T, before, after *built) {
	t.Helper()
	if !bytes.HasSuffix(after.files["js/app.js"], []byte("// one more line\n")) {
		t.Fatal("the edited app.js was not published")
	}
	css := func(b *built) string {
		for _, pf := range b.passed {
			if pf.asset && strings.HasSuffix(pf.path, ".css") {
				return pf.path
			}
		}
		t.Fatal("no stylesheet published")
		return ""
	}
	if css(before) == css(after) {
		t.Fatalf("the edited stylesheet kept its name %s", css(after))
	}
}

// TestPassedCheckFindsChanges: the check of passed files fails when a
// published file is not its source, when a fingerprint is not the hash of
// its file, and when a page refers to an asset that is not published.
func TestPassedCheckFindsChanges(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := buildCase(t, ar, themes.Default())
	if problems := b.check(); len(problems) > 0 {
		t.Fatalf("the untouched build has problems: %v", problems)
	}

	wantProblem := func(t *testing.T, b *built, words ...string) {
		t.Helper()
		problems := b.check()
		for _, p := range problems {
			if containsAll(p, words...) {
				return
			}
		}
		t.Errorf("no problem names %q; got %q", words, problems)
	}

	t.Run("js differs from its source", func(t *testing.T) {
		c := *b
		c.files = maps.Clone(b.files)
		c.files["js/app.js"] = append(bytes.Clone(b.files["js/app.js"]), "console.log(1)\n"...)
		wantProblem(t, &c, "js/app.js", "themes/default/static/js/app.js", "differ")
	})
	t.Run("wrong fingerprint", func(t *testing.T) {
		c := *b
		c.files = maps.Clone(b.files)
		c.passed = slices.Clone(b.passed)
		for i, pf := range c.passed {
			if pf.asset {
				c.passed[i].data = []byte("body{}\n")
				c.files[pf.path] = c.passed[i].data
				wantProblem(t, &c, pf.path, "fingerprint", "themes/default/assets/site.css")
				return
			}
		}
		t.Fatal("no asset")
	})
	t.Run("reference to an unpublished asset", func(t *testing.T) {
		c := *b
		c.files = maps.Clone(b.files)
		c.files["index.html"] = append(bytes.Clone(b.files["index.html"]), `<link rel="stylesheet" href="/assets/site.0badf00d.css">`...)
		wantProblem(t, &c, "index.html", "assets/site.0badf00d.css", "not published")
	})
}

// TestGoldensHideHashes: in what the goldens record, the stylesheet's
// fingerprint and any hash of a passed file (as an integrity attribute
// would carry it) read as names; a hash that is not of the file served
// stays as it is, so the golden shows it.
func TestGoldensHideHashes(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := buildCase(t, ar, themes.Default())
	sum := sha512.Sum384(b.files["js/app.js"])
	stale := sha512.Sum384([]byte("an older app.js"))
	b.files["index.html"] = append(bytes.Clone(b.files["index.html"]), fmt.Sprintf(
		`<script src="/js/app.js" integrity="sha384-%s"></script><script src="/js/old.js" integrity="sha384-%s"></script>`,
		base64.StdEncoding.EncodeToString(sum[:]), base64.StdEncoding.EncodeToString(stale[:]))...)
	page := string(b.madeFiles()["index.html"])
	for _, want := range []string{
		`<link rel="stylesheet" href="/assets/site.{hash}.css">`,
		`integrity="sha384-{hash of js/app.js}"`,
		`integrity="sha384-` + base64.StdEncoding.EncodeToString(stale[:]) + `"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in the page as the golden has it", want)
		}
	}
	if regexp.MustCompile(`site\.[0-9a-f]{8}\.css`).MatchString(page) {
		t.Error("the golden would carry the stylesheet's fingerprint")
	}
}

func containsAll(s string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// TestPassedSources: the test finds each passed file's source with the
// engine's precedence, and the engine agrees (no problems): a site's
// static/ file over its theme folder's, that over the built-in theme's.
func TestPassedSources(t *testing.T) {
	src := basicSite(t)
	src["readykit.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(src["readykit.yaml"].Data), "theme: oak\n"...)}
	src["static/js/app.js"] = &fstest.MapFile{Data: []byte("// the site's own\n")}
	src["themes/oak/static/js/app.js"] = &fstest.MapFile{Data: []byte("// the site theme's, hidden by the site's\n")}
	src["themes/oak/static/favicon.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>` + "\n")}
	src["themes/oak/assets/site.css"] = &fstest.MapFile{Data: []byte("body{color:red}\n")}
	src["content/files/leaflet.txt"] = &fstest.MapFile{Data: []byte("A leaflet.\n")}
	b := build(t, src, themes.Default(), false)
	if problems := b.check(); len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	lines := b.passedLines()
	for _, want := range []string{
		"js/app.js: passed through from static/js/app.js",
		"favicon.svg: passed through from themes/oak/static/favicon.svg",
		"assets/site.{hash}.css: passed through from themes/oak/assets/site.css",
		"files/leaflet.txt: passed through from content/files/leaflet.txt",
		"js/scoring.js: passed through from themes/default/static/js/scoring.js",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, strings.Join(lines, "\n"))
		}
	}
}

// TestFragmentMessages: a missing fragment is reported with its file, its
// line in the fragments file and the nearest text; a fragment out of
// order says so.
func TestFragmentMessages(t *testing.T) {
	pages, err := parseFragments("f.txt", `# comment
== index.html
Welcome
The deadline is 30 June 2027.
html: <a href="/checklist/">
== gone.html
Anything
`)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"index.html": []byte(`<h1>Welcome</h1>
<p>The   deadline is <strong>30 June 2026</strong>.</p> <a href="/checklist/">Checklist</a>`)}
	got := strings.Join(checkFragments("f.txt", pages, files), "\n")
	for _, want := range []string{
		`f.txt:4: index.html has no text "The deadline is 30 June 2027." after "Welcome"; nearest: "`,
		`The deadline is 30 June 2026`,
		`f.txt:6: the build made no file gone.html`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "checklist") {
		t.Errorf("the markup fragment was found, but is reported:\n%s", got)
	}

	pages, _ = parseFragments("f.txt", "== index.html\nChecklist\nWelcome\n")
	got = strings.Join(checkFragments("f.txt", pages, files), "\n")
	if !strings.Contains(got, `no text "Welcome" after "Checklist" (it comes before it: the order changed)`) {
		t.Errorf("out of order: got %s", got)
	}

	if _, err := parseFragments("f.txt", "Orphan\n"); err == nil {
		t.Error("a fragment before any page is not refused")
	}

	pages, err = parseFragments("f.txt", `== t.json
json: edition.counts.met = 45
json: items[id=a].week = 1
json: items[1].week = 3
json: items[id=b].week = 2
json: edition.deadline = "2027-06-30"
json: items[id=zz].week = 1
`)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string][]byte{"t.json": []byte(`{"edition": {"counts": {"met": 45}, "title": "2026-27"},
		"items": [{"id": "a", "week": 1}, {"id": "b", "week": 3}]}`)}
	got = strings.Join(checkFragments("f.txt", pages, files), "\n")
	for _, want := range []string{
		`f.txt:5: t.json: items[id=b].week is 3, not 2`,
		`f.txt:6: t.json: no field deadline in edition, which has counts, title`,
		`f.txt:7: t.json: no element [id=zz] in items (2 elements)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 3 {
		t.Errorf("%d problems, want 3:\n%s", n, got)
	}
}
