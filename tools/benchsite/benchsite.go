// Package benchsite generates the synthetic sites the build benchmarks run
// on: a readykit site and a Hugo site with the same n Markdown pages, so the
// two generators can be timed on equal content.
//
// Every page is about 1.9 KB of Markdown: two or three headings, a bullet
// list, a numbered list, a GFM table, one link to another generated page
// and one external link. Pages are the same for the same n on every run:
// page i's text comes from a random source seeded with i alone, so page 7
// is also the same whatever n is (only its internal link depends on n).
package benchsite

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing/fstest"

	"github.com/readykit/readykit"
)

// Edition is the id of the edition the readykit bench site builds.
const Edition = "bench-2023-24-cat3"

// PagePath is the content file of generated page i (from 1), such as
// content/pages/p0042.md; its site address is PageURL(i).
func PagePath(i int) string { return fmt.Sprintf("content/pages/p%04d.md", i) }

// PageURL is the site address of generated page i, such as /pages/p0042/.
func PageURL(i int) string { return fmt.Sprintf("/pages/p%04d/", i) }

// Readykit returns a readykit site with n generated pages under
// content/pages/. Everything else is the default site (readykit.Starter()):
// its settings, its pages, its standards and programme, and the default
// theme's layouts, so a benchmark exercises the real templates, with two
// settings turned off: the service worker (options.offline) and the
// portable .zip copy (options.portable), which Hugo's build makes no
// counterpart of; ReadykitOffline keeps them on. Items and
// editions are the one part that is not the default site's: the default
// data is still being written, so the bench site brings its own edition
// (Edition) of 42 items, shaped like the 2023-24 Category 3 edition (26
// needed for Approaching Standards, 42 for Standards Met), and does not
// break or change while the real items do.
func Readykit(n int) fstest.MapFS {
	fsys := ReadykitOffline(n)
	cfg := fsys["readykit.yaml"]
	cfg.Data = withOptions(cfg.Data, "offline: false", "portable: false")
	return fsys
}

// ReadykitOffline is Readykit(n) with the default site's offline worker
// and portable copy on, as every real build makes them.
func ReadykitOffline(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(readykit.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "content/data/items" || p == "content/data/editions" {
			return fs.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(readykit.Starter(), p)
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		panic(err) // the starter is embedded in the binary
	}
	cfg := fsys["readykit.yaml"]
	if cfg == nil {
		panic("benchsite: the starter has no readykit.yaml")
	}
	fsys["readykit.yaml"] = &fstest.MapFile{Data: withEdition(cfg.Data, Edition), Mode: 0o644}

	ids, edition := items()
	fsys["content/data/editions/"+Edition+".yaml"] = &fstest.MapFile{Data: edition, Mode: 0o644}
	for i, id := range ids {
		fsys["content/data/items/"+id+".md"] = &fstest.MapFile{Data: item(i, id), Mode: 0o644}
	}
	for i := 1; i <= n; i++ {
		fsys[PagePath(i)] = &fstest.MapFile{Data: Page(i, n), Mode: 0o644}
	}
	return fsys
}

var (
	editionLine = regexp.MustCompile(`(?m)^edition:.*$`)
	optionsLine = regexp.MustCompile(`(?m)^options:[ \t]*\n`)
)

// withOptions adds settings, such as "offline: false", under options: in
// a readykit.yaml, which must not set them already.
func withOptions(cfg []byte, settings ...string) []byte {
	var lines strings.Builder
	for _, s := range settings {
		lines.WriteString("  " + s + "\n")
	}
	if loc := optionsLine.FindIndex(cfg); loc != nil {
		out := append([]byte{}, cfg[:loc[1]]...)
		out = append(out, lines.String()...)
		return append(out, cfg[loc[1]:]...)
	}
	out := append([]byte{}, cfg...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(append(out, "options:\n"...), lines.String()...)
}

// withEdition sets the edition in a readykit.yaml.
func withEdition(cfg []byte, id string) []byte {
	line := []byte("edition: " + id)
	if editionLine.Match(cfg) {
		return editionLine.ReplaceAllLiteral(cfg, line)
	}
	out := append([]byte{}, cfg...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(append(out, line...), '\n')
}

// Hugo returns a Hugo site with the same n pages as Readykit(n), at the
// same addresses, with minimal baseof, single and list layouts. Its
// content folder holds those n files and nothing else.
func Hugo(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"hugo.toml":                    {Data: []byte(hugoConfig), Mode: 0o644},
		"layouts/_default/baseof.html": {Data: []byte(hugoBaseof), Mode: 0o644},
		"layouts/_default/single.html": {Data: []byte(hugoSingle), Mode: 0o644},
		"layouts/_default/list.html":   {Data: []byte(hugoList), Mode: 0o644},
	}
	for i := 1; i <= n; i++ {
		fsys[PagePath(i)] = &fstest.MapFile{Data: Page(i, n), Mode: 0o644}
	}
	return fsys
}

// The Hugo site does what the readykit site does for its pages, and no
// more: HTML pages and a sitemap, no taxonomies and no feeds. Goldmark's
// defaults there match readykit's: GFM tables, heading ids, typographic
// quotes, no raw HTML.
const hugoConfig = `baseURL = "https://readykit.netlify.app/"
languageCode = "en-GB"
title = "DSPT readiness guide"
disableKinds = ["taxonomy", "term", "RSS"]
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
{{- with .Description }}
<meta name="description" content="{{ . }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main id="main-content">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
`

// WriteDir writes every file of fsys into dir, creating folders as needed
// and replacing files that are there already.
func WriteDir(fsys fs.FS, dir string) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// Page returns the Markdown of generated page i of n: front matter with
// title, description and weight, then the body.
func Page(i, n int) []byte {
	r := rand.New(rand.NewPCG(uint64(i), 0x7265616479))
	w := &strings.Builder{}
	w.Grow(2200)
	topic := pick(r, topics)
	fmt.Fprintf(w, "---\ntitle: %q\ndescription: %q\nweight: %d\n---\n", title(i, topic), sentence(r), i)

	// Another page of the site, never this one when there are others.
	other := (i*7+12)%n + 1
	if other == i && n > 1 {
		other = i%n + 1
	}
	fmt.Fprintf(w, "%s %s See also [%s](%s), which covers %s. %s\n\n",
		sentence(r), sentence(r), title(other, pick(r, topics)), PageURL(other), pick(r, objects), sentence(r))

	fmt.Fprintf(w, "## %s\n\n%s %s\n\n", heading(r, topic), sentence(r), sentence(r))
	for range 4 {
		fmt.Fprintf(w, "- %s\n", clause(r))
	}
	w.WriteString("\n")

	fmt.Fprintf(w, "## %s\n\n%s\n\n", heading(r, topic), sentence(r))
	for k := range 4 {
		fmt.Fprintf(w, "%d. %s\n", k+1, clause(r))
	}
	w.WriteString("\n| Task | Who | How often |\n|---|---|---|\n")
	for range 4 {
		fmt.Fprintf(w, "| %s %s | %s | %s |\n", upper(pick(r, verbs)), pick(r, objects), upper(pick(r, people)), pick(r, often))
	}
	w.WriteString("\n")

	link := externals[r.IntN(len(externals))]
	if i%3 != 0 {
		// Two pages in three have a third heading.
		fmt.Fprintf(w, "### %s\n\n", heading(r, topic))
	}
	fmt.Fprintf(w, "%s The [%s](%s) explains more. %s\n", sentence(r), link.title, link.url, sentence(r))
	return []byte(w.String())
}

func title(i int, topic string) string { return fmt.Sprintf("Page %d: %s", i, upper(topic)) }

func heading(r *rand.Rand, topic string) string {
	return upper(pick(r, verbs)) + " " + pick(r, objects) + " for " + topic
}

// sentence is a plain-English sentence of 70 to 120 characters.
func sentence(r *rand.Rand) string { return upper(clause(r)) + "." }

func clause(r *rand.Rand) string {
	return pick(r, people) + " " + pick(r, does) + " " + pick(r, objects) + " " + pick(r, often)
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var (
	topics = []string{
		"staff training", "backups", "passwords", "care records", "incident reporting",
		"supplier contracts", "access control", "unsupported software", "business continuity",
		"mobile devices", "email safety", "paper records", "network security", "data sharing",
	}
	people = []string{
		"the registered manager", "the data security lead", "every member of staff",
		"the IT provider", "the office manager", "a senior leader", "the deputy manager",
	}
	does = []string{
		"checks", "reviews", "writes down", "keeps a copy of", "signs off", "updates",
		"tests", "explains", "records", "agrees",
	}
	verbs   = []string{"Check", "Review", "Record", "Test", "Update", "Agree", "Plan", "Share"}
	objects = []string{
		"the backup of care records", "the list of who can log in", "the training records",
		"the incident log", "the business continuity plan", "the supplier contracts",
		"the asset register", "the data protection policy", "the password rules",
		"the leavers checklist", "the record of processing", "the privacy notice",
	}
	often = []string{
		"every month", "once a year", "when someone leaves", "after every incident",
		"before the deadline", "at each team meeting", "every quarter", "when anything changes",
	}
	externals = []struct{ title, url string }{
		{"NCSC small business guide", "https://www.ncsc.gov.uk/collection/small-business-guide"},
		{"ICO guidance for small organisations", "https://ico.org.uk/for-organisations/advice-for-small-organisations/"},
		{"Digital Care Hub guidance", "https://www.digitalcarehub.co.uk/dspt/"},
		{"Data Security and Protection Toolkit", "https://www.dsptoolkit.nhs.uk/"},
	}
)

// editionItems are the ids of the bench edition, shaped like the 2023-24
// Category 3 edition: ids that are toolkit references, and a few named ones
// whose reference is not known.
var editionItems = []string{
	"1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.2.4", "1.3.1", "1.3.2", "1.3.7", "1.3.8",
	"1.3.12", "1.3.13", "own-devices", "mobile-phones", "1.4.1", "1.4.2", "1.4.3",
	"2.1.1", "2.2.1", "3.1.1", "3.2.1", "3.4.1", "4.1.1", "4.2.4", "passwords",
	"5.1.1", "6.1.1", "6.1.2", "6.1.3", "6.2.1", "7.1.2", "7.2.1", "7.3.2", "7.3.4",
	"8.1.4", "8.2.1", "8.3.1", "9.1.1", "9.5.2", "public-wifi", "10.1.2", "10.2.1", "10.2.2",
}

// approachingItems is how many of editionItems are needed for Approaching
// Standards; the rest are needed for Standards Met.
const approachingItems = 26

// items returns the edition's item ids and its edition file.
func items() ([]string, []byte) {
	var w strings.Builder
	fmt.Fprintf(&w, `# A fixed edition for benchmarks, shaped like the 2023-24 Category 3 edition.
id: %s
title: 2023-24
category: 3
toolkitVersion: "6"
deadline: 2024-06-30
counts:
  approaching: %d
  met: %d
items:
`, Edition, approachingItems, len(editionItems))
	for _, id := range editionItems {
		fmt.Fprintf(&w, "  - %q\n", id)
	}
	return editionItems, []byte(w.String())
}

// item returns the file of the k-th item of the edition.
func item(k int, id string) []byte {
	ref, standard := id, 0
	if _, err := fmt.Sscanf(id, "%d.", &standard); err != nil {
		// A named item belongs to the standard of the item before it.
		ref = ""
		prev := editionItems[k-1]
		fmt.Sscanf(prev, "%d.", &standard)
		if standard == 0 {
			fmt.Sscanf(editionItems[k-2], "%d.", &standard)
		}
	}
	// Spread the Approaching Standards items evenly through the list.
	level := "met"
	if (k+1)*approachingItems/len(editionItems) > k*approachingItems/len(editionItems) {
		level = "approaching"
	}
	confidence := []string{"confirmed", "likely", "unverified"}[k%3]
	who := []string{"[manager]", "[data-lead, it-provider]", "[manager, all-staff]", "[office]", "[senior-lead]"}[k%5]
	week := 1 + k*10/len(editionItems)
	r := rand.New(rand.NewPCG(uint64(k), 0x6974656d))
	topic := pick(r, topics)
	link := externals[k%len(externals)]

	var w strings.Builder
	fmt.Fprintf(&w, `---
id: %q
ref: %q
standard: %d
level: %s
notApplicable: %t
confidence: %s
source: Benchmark data, not the toolkit's
title: %q
asks: %q
evidence:
  - %s
  - %s
who: %s
week: %d
links:
  - title: %q
    url: %s
---
`, id, ref, standard, level, k%7 == 3, confidence, upper(topic)+" ("+id+")", sentence(r),
		upper(clause(r)), upper(clause(r)), who, week, link.title, link.url)
	fmt.Fprintf(&w, "%s %s\n\n**How to find it.** %s %s\n\n**Common pitfalls:**\n\n", sentence(r), sentence(r), sentence(r), sentence(r))
	for range 3 {
		fmt.Fprintf(&w, "- %s\n", upper(clause(r)))
	}
	fmt.Fprintf(&w, "\nSee [standard %d](%s) and the [%s](%s).\n", standard, path.Join("/standards", fmt.Sprint(standard))+"/", link.title, link.url)
	return []byte(w.String())
}
