package generator_test

import (
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// A fragments file says, page by page, what the default site must say. It
// is written by hand and never rewritten by -update:
//
//	# a comment
//	== checklist/index.html
//	Checklist
//	42 items
//	html: <a href="/items/1.1.1/">
//
// "== path" starts a file of the build (as the manifest names it). Each
// line after it must appear in that file, in order: a plain line in its
// text (for HTML, the tags taken out and character references decoded;
// for any file, runs of white space read as one space), a line after
// "html: " in its markup with runs of white space read as one space. The
// two kinds are each in order among themselves. So a fragment fails on
// what a reader would notice, not on how the markup is indented.
type pageFragments struct {
	path  string
	line  int // of the "==" line, for messages
	wants []fragment
}

type fragment struct {
	line   int
	text   string
	markup bool
}

const markupPrefix = "html: "

func parseFragments(name, data string) ([]pageFragments, error) {
	var out []pageFragments
	for i, l := range strings.Split(data, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "=="):
			out = append(out, pageFragments{path: strings.TrimSpace(l[2:]), line: i + 1})
		case len(out) == 0:
			return nil, fmt.Errorf("%s:%d: a fragment before the first \"== path\" line", name, i+1)
		default:
			f := fragment{line: i + 1, text: collapseSpace(l)}
			if rest, ok := strings.CutPrefix(l, markupPrefix); ok {
				f = fragment{line: i + 1, text: collapseSpace(rest), markup: true}
			}
			out[len(out)-1].wants = append(out[len(out)-1].wants, f)
		}
	}
	return out, nil
}

var (
	fragmentSpace = regexp.MustCompile(`\s+`)
	// fragmentTag matches an HTML tag or comment; the templates write no ">" inside
	// attribute values.
	fragmentTag = regexp.MustCompile(`<!--[\s\S]*?-->|<[^>]*>`)
)

func collapseSpace(s string) string { return strings.TrimSpace(fragmentSpace.ReplaceAllString(s, " ")) }

// fragmentText is what a reader of the file sees: for HTML, its text without
// tags; for other files, the file.
func fragmentText(path, data string) string {
	if strings.HasSuffix(path, ".html") {
		data = html.UnescapeString(fragmentTag.ReplaceAllString(data, " "))
	}
	return collapseSpace(data)
}

// checkFragments returns, for each fragment not found, the file, the
// fragment and the nearest text the file has. files are as the manifest
// names them.
func checkFragments(name string, pages []pageFragments, files map[string][]byte) []string {
	var problems []string
	for _, pg := range pages {
		data, ok := files[pg.path]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s:%d: the build made no file %s", name, pg.line, pg.path))
			continue
		}
		hay := map[bool]string{false: fragmentText(pg.path, string(data)), true: collapseSpace(string(data))}
		at := map[bool]int{}      // where the last fragment of each kind ended
		prev := map[bool]string{} // and what it was
		for _, f := range pg.wants {
			h := hay[f.markup]
			if i := strings.Index(h[at[f.markup]:], f.text); i >= 0 {
				at[f.markup] += i + len(f.text)
				prev[f.markup] = f.text
				continue
			}
			kind := "text"
			if f.markup {
				kind = "markup"
			}
			msg := fmt.Sprintf("%s:%d: %s has no %s %q", name, f.line, pg.path, kind, f.text)
			if prev[f.markup] != "" {
				msg += fmt.Sprintf(" after %q", prev[f.markup])
			}
			if strings.Contains(h, f.text) {
				msg += " (it comes before it: the order changed)"
			} else {
				msg += "; nearest: " + nearestText(h, f.text)
			}
			problems = append(problems, msg)
		}
	}
	return problems
}

// nearestText shows the place in hay that best matches want: where the longest
// start of want is, or failing that the longest end, with a little text
// either side.
func nearestText(hay, want string) string {
	const around = 40
	show := func(i, n int) string {
		from, to := max(i-around, 0), min(i+n+around, len(hay))
		for from > 0 && !utf8.RuneStart(hay[from]) {
			from--
		}
		for to < len(hay) && !utf8.RuneStart(hay[to]) {
			to++
		}
		return fmt.Sprintf("%q", hay[from:to])
	}
	words := strings.Fields(want)
	for n := len(words) - 1; n > 0; n-- {
		if i := strings.Index(hay, strings.Join(words[:n], " ")); i >= 0 {
			return show(i, len(strings.Join(words[:n], " ")))
		}
		if i := strings.Index(hay, strings.Join(words[len(words)-n:], " ")); i >= 0 {
			return show(i, len(strings.Join(words[len(words)-n:], " ")))
		}
	}
	// One word, or no word of it: the longest start of it that appears.
	for n := len(want) - 1; n >= 4; n-- {
		if i := strings.Index(hay, want[:n]); i >= 0 {
			return show(i, n)
		}
	}
	return "nothing like it"
}

// checkFragmentsFile checks b's made files against
// testdata/default/fragments.txt.
func checkFragmentsFile(t *testing.T, b *built) {
	t.Helper()
	data, err := os.ReadFile(fragmentsFile)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := parseFragments(fragmentsFile, string(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("%s names no page", fragmentsFile)
	}
	if problems := checkFragments(fragmentsFile, pages, b.madeFiles()); len(problems) > 0 {
		t.Errorf("the default site does not say what %s wants (edit that file by hand if the change is meant):\n%s", fragmentsFile, strings.Join(problems, "\n"))
	}
}
