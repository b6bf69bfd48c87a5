package generator_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"
	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// The goldens record what the engine makes (pages, toolkit.json, the
// calendar, redirects...) and, for the files it only passes through (the
// theme's JS, CSS and images, a site's static files), where each comes
// from. Those files' bytes never appear in a golden: the test checks them
// against their sources instead, so an edit to a theme's JS or CSS changes
// no golden file. -update rewrites testdata/sites/*.txtar and
// testdata/default/manifest.txt, never testdata/default/fragments.txt,
// which is written by hand.
var update = flag.Bool("update", false, "rewrite the golden files in testdata (not testdata/default/fragments.txt, which is written by hand)")

// built is one build of a site, split the way the goldens record it.
type built struct {
	files  map[string][]byte // every output, as published
	made   []string          // the files the engine made, sorted
	passed []passed          // the files it published from a source, sorted by path
	minify bool
	norm   *strings.Replacer // hides what is derived from the passed files' bytes
}

// passed is a file published as it is (or minified): its bytes are its
// source's.
type passed struct {
	path   string // output path
	source string // the file it comes from, named as the engine names it
	data   []byte // the source's bytes
	asset  bool   // fingerprinted: the path carries a hash of data
}

// fingerprinted matches an asset's published name, such as
// assets/site.060ed93e.css: the source's name with the first 4 bytes of its
// SHA-256 in hex before the extension.
var fingerprinted = regexp.MustCompile(`^assets/(.+)\.([0-9a-f]{8})(\.[A-Za-z0-9]+)$`)

// workerVersion finds the version in sw.js, minified or not.
var workerVersion = regexp.MustCompile(`"?version"?:"([0-9a-f]{12})"`)

// build builds src with theme as the built-in theme, into memory, and
// finds the source of every file the engine passes through.
func build(t testing.TB, src, theme fs.FS, minify bool) *built {
	t.Helper()
	var mem publish.Memory
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: theme, Minify: minify}, &mem); err != nil {
		t.Fatalf("build: %v", err)
	}
	b := &built{files: map[string][]byte{}, minify: minify}
	name := themeName(t, src)
	var pairs []string
	for _, p := range mem.Paths() {
		data, _ := mem.Get(p)
		if path.Ext(p) == ".zip" {
			// The portable copy is recorded by its entries: its bytes are
			// not text, and portable_test.go reads them.
			data = zipEntries(t, data)
		}
		b.files[p] = data
		pf, ok := findSource(src, theme, name, p)
		if !ok {
			b.made = append(b.made, p)
			// The offline worker's version is a hash of every file it
			// keeps, so it reads as a name, like an asset's fingerprint.
			if m := workerVersion.FindSubmatch(data); p == "sw.js" && m != nil {
				pairs = append(pairs, string(m[0]), strings.Replace(string(m[0]), string(m[1]), "{version}", 1))
			}
			continue
		}
		b.passed = append(b.passed, pf)
		name := p
		if pf.asset {
			m := fingerprinted.FindStringSubmatch(p)
			pairs = append(pairs, path.Base(p), path.Base(m[1])+".{hash}"+m[3])
			name = "assets/" + m[1] + ".{hash}" + m[3]
		}
		// Nothing derives a hash of a whole file today; should a page come
		// to carry one (an integrity attribute, a service worker's list),
		// it reads as a name, not as bytes that change with the file.
		for _, d := range [][]byte{data, pf.data} {
			s256, s384, s512 := sha256.Sum256(d), sha512.Sum384(d), sha512.Sum512(d)
			pairs = append(pairs,
				hex.EncodeToString(s256[:]), "{sha256 of "+name+"}",
				"sha256-"+base64.StdEncoding.EncodeToString(s256[:]), "sha256-{hash of "+name+"}",
				"sha384-"+base64.StdEncoding.EncodeToString(s384[:]), "sha384-{hash of "+name+"}",
				"sha512-"+base64.StdEncoding.EncodeToString(s512[:]), "sha512-{hash of "+name+"}",
			)
		}
	}
	b.norm = strings.NewReplacer(pairs...)
	return b
}

// themeName is the site's theme setting, which names its theme folder.
func themeName(t testing.TB, src fs.FS) string {
	t.Helper()
	data, err := fs.ReadFile(src, "readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Theme string `yaml:"theme"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Theme == "" {
		return "default"
	}
	return cfg.Theme
}

// findSource finds the file that output p is published from, with the
// precedence the README's "Which file wins" gives: a site's static/
// folder, then the theme's static/ folder (the site's themes/<name>/ over
// the built-in theme), then a file beside the pages in content/ (which
// the build refuses if either of the others has it). Assets are the
// theme's assets/ files, with a fingerprint in their names. _redirects is
// made: the engine adds the aliases' rules to the site's own file. The
// test works this out again, rather than asking the engine, so that a
// mistake in the engine's choice shows as a file that is not its source.
func findSource(site, theme fs.FS, name, p string) (passed, bool) {
	siteTheme, _ := fs.Sub(site, "themes/"+name)
	layers := []struct {
		fs     fs.FS
		prefix string
	}{{site, ""}, {siteTheme, "themes/" + name + "/"}, {theme, "themes/default/"}}
	read := func(i int, name string) (passed, bool) {
		data, err := fs.ReadFile(layers[i].fs, name)
		return passed{path: p, source: layers[i].prefix + name, data: data}, err == nil
	}
	if m := fingerprinted.FindStringSubmatch(p); m != nil {
		for i := 1; i < len(layers); i++ {
			if pf, ok := read(i, "assets/"+m[1]+m[3]); ok {
				pf.asset = true
				return pf, true
			}
		}
		return passed{}, false
	}
	if p == "_redirects" {
		return passed{}, false
	}
	for i := range layers {
		if pf, ok := read(i, "static/"+p); ok {
			return pf, true
		}
	}
	if path.Ext(p) != ".md" && !strings.HasPrefix(p, "data/") {
		return read(0, "content/"+p)
	}
	return passed{}, false
}

// assetRef finds addresses under assets/ in what the engine made.
var assetRef = regexp.MustCompile(`assets/[\w./-]+`)

// check returns what is wrong with the passed files: bytes that are not
// their source's (minified, in a minified build), a fingerprint that is
// not the hash of its file, and a fingerprinted address that is not
// published. A fingerprint is the hash of the source's bytes, which are
// the bytes served unless the build minifies them.
func (b *built) check() []string {
	var problems []string
	var minifier publish.Transform
	if b.minify {
		minifier = publish.Minifier()
	}
	for _, pf := range b.passed {
		want := pf.data
		if minifier != nil {
			var err error
			// The minifier may write into what it is given.
			if want, err = minifier.Apply(pf.path, bytes.Clone(want)); err != nil {
				problems = append(problems, fmt.Sprintf("%s: minifying its source %s: %v", pf.path, pf.source, err))
				continue
			}
		}
		if got := b.files[pf.path]; !bytes.Equal(got, want) {
			problems = append(problems, fmt.Sprintf("%s is not its source %s as it is: they differ at %s", pf.path, pf.source, firstDiff(want, got)))
		}
		if pf.asset {
			sum := sha256.Sum256(pf.data)
			if got, want := fingerprinted.FindStringSubmatch(pf.path)[2], hex.EncodeToString(sum[:4]); got != want {
				problems = append(problems, fmt.Sprintf("%s: the fingerprint %s is not the hash of %s, which is %s", pf.path, got, pf.source, want))
			}
		}
	}
	for _, p := range b.made {
		for _, ref := range assetRef.FindAllString(string(b.files[p]), -1) {
			ref = strings.TrimRight(ref, ".")
			if _, ok := b.files[ref]; !ok && fingerprinted.MatchString(ref) {
				problems = append(problems, fmt.Sprintf("%s refers to %s, which is not published", p, ref))
			}
		}
	}
	return slices.Compact(problems)
}

// checkPassed fails t with what check finds.
func (b *built) checkPassed(t *testing.T) {
	t.Helper()
	if problems := b.check(); len(problems) > 0 {
		t.Errorf("files passed through differ from their sources:\n%s", strings.Join(problems, "\n"))
	}
}

// madeFiles returns what the engine made, normalised, by normalised path.
func (b *built) madeFiles() map[string][]byte {
	out := make(map[string][]byte, len(b.made))
	for _, p := range b.made {
		out[b.norm.Replace(p)] = []byte(b.norm.Replace(string(b.files[p])))
	}
	return out
}

// passedLines lists the passed files, one "path: passed through from
// source" a line, sorted.
func (b *built) passedLines() []string {
	var out []string
	for _, pf := range b.passed {
		verb := "passed through from"
		if b.minify && !bytes.Equal(b.files[pf.path], pf.data) {
			verb = "minified from"
		}
		out = append(out, b.norm.Replace(pf.path)+": "+verb+" "+pf.source)
	}
	slices.Sort(out)
	return out
}

// manifest lists every output, one a line, sorted: "path: made" or the
// passed file's line.
func (b *built) manifest() []string {
	out := b.passedLines()
	for _, p := range b.made {
		out = append(out, b.norm.Replace(p)+": made")
	}
	slices.Sort(out)
	return out
}

func firstDiff(a, b []byte) string {
	line := 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("line %d", line)
		}
		if a[i] == '\n' {
			line++
		}
	}
	return fmt.Sprintf("line %d (one is longer)", line)
}

// compareArchives names the files of got that differ from want, and
// where.
func compareArchives(want, got *txtar.Archive) []string {
	var diffs []string
	if !bytes.Equal(want.Comment, got.Comment) {
		diffs = append(diffs, "the comment differs")
	}
	wantFiles := map[string][]byte{}
	for _, f := range txtar.Parse(txtar.Format(want)).Files {
		wantFiles[f.Name] = f.Data
	}
	for _, f := range txtar.Parse(txtar.Format(got)).Files { // as stored: txtar ends every file with a newline
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			diffs = append(diffs, "unexpected file "+f.Name)
		case !bytes.Equal(w, f.Data):
			diffs = append(diffs, fmt.Sprintf("%s differs at %s", f.Name, firstDiff(w, f.Data)))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		diffs = append(diffs, "missing file "+name)
	}
	slices.Sort(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("... and %d more", len(diffs)-10))
	}
	return diffs
}

// repoSite is the repository's own site; its themes/default/ folder is the
// built-in theme, as it is when readykit builds it.
func repoSite() fs.FS { return os.DirFS("..") }

const (
	manifestFile  = "testdata/default/manifest.txt"
	fragmentsFile = "testdata/default/fragments.txt"
)

const manifestHeader = `# Every file the default site publishes, sorted: "made" by the engine, or
# published from a source file unchanged (the test checks the bytes).
# testdata/default/fragments.txt says what the made files must say.
# go test ./generator -update rewrites this file.
`

// TestDefaultSite builds the repository's own site, unminified, and checks
// its list of files against testdata/default/manifest.txt, what its pages
// say against testdata/default/fragments.txt, and the files passed
// through against their sources.
func TestDefaultSite(t *testing.T) {
	b := build(t, repoSite(), themes.Default(), false)
	b.checkPassed(t)
	checkManifest(t, b)
	checkFragmentsFile(t, b)
}

// checkManifest compares b's manifest with testdata/default/manifest.txt,
// or rewrites it with -update.
func checkManifest(t *testing.T, b *built) {
	t.Helper()
	got := manifestHeader + strings.Join(b.manifest(), "\n") + "\n"
	if *update {
		if err := os.MkdirAll(filepath.Dir(manifestFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(manifestFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(manifestFile)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -update to create it)", err)
	}
	if d := lineDiff(string(data), got); d != "" {
		t.Errorf("the default site's files differ from %s (run go test ./generator -update, then review the diff):\n%s", manifestFile, d)
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	if len(out) == 0 && want != got {
		out = append(out, "(the same lines in another order)")
	}
	return strings.Join(out, "\n")
}

// TestDeterministic builds the default site twice, minified as it is
// published, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	// Straight into memory: the goldens' split and checks are not needed
	// to compare bytes, and this test should stay cheap.
	minified := func() *publish.Memory {
		var mem publish.Memory
		if _, err := generator.Build(context.Background(), generator.Options{Source: repoSite(), Theme: themes.Default(), Minify: true}, &mem); err != nil {
			t.Fatal(err)
		}
		return &mem
	}
	a, b := minified(), minified()
	if pa, pb := a.Paths(), b.Paths(); !slices.Equal(pa, pb) {
		t.Fatalf("two builds of the same input publish different files:\n%s", lineDiff(strings.Join(pa, "\n"), strings.Join(pb, "\n")))
	}
	for _, p := range a.Paths() {
		da, _ := a.Get(p)
		db, _ := b.Get(p)
		if !bytes.Equal(da, db) {
			t.Errorf("two builds of the same input differ in %s at %s", p, firstDiff(da, db))
		}
	}
}

// passedName names the entry of a site case that lists its passed files.
const passedName = "passed-through"

// TestSites builds each testdata/sites/<case>.txtar: its site/ files are
// the input; its public/ files the files the engine makes, whole; and its
// passed-through list the files published from a source, whose bytes are
// checked against that source. A comment line "minify" in the archive
// builds minified.
func TestSites(t *testing.T) {
	cases, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			want, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			b, got := buildCase(t, want, themes.Default())
			b.checkPassed(t)
			if *update {
				if err := os.WriteFile(file, txtar.Format(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diffs := compareArchives(want, got); len(diffs) > 0 {
				t.Errorf("%s: the build differs from the golden files (run go test ./generator -update, then review the diff):\n%s", file, strings.Join(diffs, "\n"))
			}
		})
	}
}

// buildCase builds the site/ files of a site case with theme as the
// built-in theme, and returns the build and the case's archive as the
// build would write it.
func buildCase(t testing.TB, ar *txtar.Archive, theme fs.FS) (*built, *txtar.Archive) {
	t.Helper()
	src := fstest.MapFS{}
	out := &txtar.Archive{Comment: ar.Comment}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "site/"); ok {
			src[name] = &fstest.MapFile{Data: f.Data}
			out.Files = append(out.Files, f)
		}
	}
	b := build(t, src, theme, strings.Contains(string(ar.Comment), "minify"))
	if lines := b.passedLines(); len(lines) > 0 {
		out.Files = append(out.Files, txtar.File{Name: passedName, Data: []byte(strings.Join(lines, "\n") + "\n")})
	}
	made := b.madeFiles()
	for _, p := range slices.Sorted(maps.Keys(made)) {
		out.Files = append(out.Files, txtar.File{Name: "public/" + p, Data: made[p]})
	}
	return b, out
}

// zipEntries lists the names in a .zip, one a line.
func zipEntries(t testing.TB, data []byte) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, f := range r.File {
		out = append(out, f.Name+"\n"...)
	}
	return out
}
