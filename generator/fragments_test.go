package generator_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
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
//	Your progress on 1.1.1 Not started In progress Done
//	html: <a href="/items/1.1.1/">
//	== data/toolkit.json
//	json: edition.counts.met = 45
//	json: items[id=1.1.1].week = 1
//
// "== path" starts a file of the build (as the manifest names it). Each
// line after it must appear in that file, in order: a plain line in its
// text (for HTML, the tags taken out and character references decoded;
// for any file, runs of white space read as one space), a line after
// "html: " in its markup with runs of white space read as one space. The
// two kinds are each in order among themselves. A line after "json: " is
// a path in a JSON file and the value it must have; a path is field names
// joined by dots, and [key=value] picks the element of an array whose key
// field is value, [n] the nth. So a fragment fails on what a reader (or
// the browser code) would notice, not on how the markup is indented or
// on a field added beside it.
type pageFragments struct {
	path  string
	line  int // of the "==" line, for messages
	wants []fragment
}

type fragment struct {
	line int
	kind string // "text", "markup" or "json"
	text string
}

var fragmentKinds = map[string]string{"html: ": "markup", "json: ": "json"}

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
			f := fragment{line: i + 1, kind: "text", text: collapseSpace(l)}
			for prefix, kind := range fragmentKinds {
				if rest, ok := strings.CutPrefix(l, prefix); ok {
					f = fragment{line: i + 1, kind: kind, text: collapseSpace(rest)}
				}
			}
			if f.kind == "json" && !strings.Contains(f.text, " = ") {
				return nil, fmt.Errorf("%s:%d: a json fragment is \"path = value\"", name, i+1)
			}
			out[len(out)-1].wants = append(out[len(out)-1].wants, f)
		}
	}
	return out, nil
}

var (
	fragmentSpace = regexp.MustCompile(`\s+`)
	// fragmentTag matches an HTML tag or comment; the templates write no
	// ">" inside attribute values.
	fragmentTag = regexp.MustCompile(`<!--[\s\S]*?-->|<[^>]*>`)
)

func collapseSpace(s string) string {
	return strings.TrimSpace(fragmentSpace.ReplaceAllString(s, " "))
}

// fragmentText is what a reader of the file sees: for HTML, its text
// without tags; for other files, the file.
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
		hay := map[string]string{"text": fragmentText(pg.path, string(data)), "markup": collapseSpace(string(data))}
		at := map[string]int{}      // where the last fragment of each kind ended
		prev := map[string]string{} // and what it was
		for _, f := range pg.wants {
			where := fmt.Sprintf("%s:%d: %s", name, f.line, pg.path)
			if f.kind == "json" {
				if msg := checkJSON(data, f.text); msg != "" {
					problems = append(problems, where+": "+msg)
				}
				continue
			}
			h := hay[f.kind]
			if i := strings.Index(h[at[f.kind]:], f.text); i >= 0 {
				at[f.kind] += i + len(f.text)
				prev[f.kind] = f.text
				continue
			}
			msg := fmt.Sprintf("%s has no %s %q", where, f.kind, f.text)
			if prev[f.kind] != "" {
				msg += fmt.Sprintf(" after %q", prev[f.kind])
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

// nearestText shows the place in hay that best matches want: where the
// longest start of want is, or failing that the longest end, with a
// little text either side.
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

// jsonStep is one step of a json fragment's path: a field, an index, or
// the element whose key field has a value.
var jsonStep = regexp.MustCompile(`^([^.\[\]]*)(?:\[([^\]=]+)(?:=([^\]]*))?\])?$`)

// checkJSON checks one "path = value" fragment against a JSON file and
// says what is wrong, with what the file has instead; "" if nothing is.
func checkJSON(data []byte, fragment string) string {
	path, want, _ := strings.Cut(fragment, " = ")
	var doc, wantValue any
	if err := json.Unmarshal(data, &doc); err != nil {
		return "not JSON: " + err.Error()
	}
	if err := json.Unmarshal([]byte(want), &wantValue); err != nil {
		return fmt.Sprintf("the wanted value %s is not JSON: %v", want, err)
	}
	v := doc
	steps := splitPath(path)
	for done, step := range steps {
		at := cmp.Or(strings.Join(steps[:done], "."), "the file")
		m := jsonStep.FindStringSubmatch(step)
		if m == nil {
			return fmt.Sprintf("%q is not a path step", step)
		}
		if m[1] != "" {
			obj, ok := v.(map[string]any)
			if !ok {
				return fmt.Sprintf("%s is not an object, so has no %s", at, m[1])
			}
			if v, ok = obj[m[1]]; !ok {
				return fmt.Sprintf("no field %s in %s, which has %s", m[1], at, strings.Join(slices.Sorted(maps.Keys(obj)), ", "))
			}
		}
		if m[2] == "" {
			continue
		}
		arr, ok := v.([]any)
		if !ok {
			return fmt.Sprintf("%s is not an array", m[1])
		}
		found := false
		for i, el := range arr {
			if m[3] == "" && strconv.Itoa(i) == m[2] {
				v, found = el, true
				break
			}
			if obj, ok := el.(map[string]any); ok && m[3] != "" && fmt.Sprint(obj[m[2]]) == m[3] {
				v, found = el, true
				break
			}
		}
		if !found {
			return fmt.Sprintf("no element [%s] in %s (%d elements)", strings.Trim(m[0][len(m[1]):], "[]"), m[1], len(arr))
		}
	}
	if !reflect.DeepEqual(v, wantValue) {
		got, _ := json.Marshal(v)
		return fmt.Sprintf("%s is %s, not %s", path, got, want)
	}
	return ""
}

// splitPath splits a json fragment's path at the dots outside brackets,
// since an id such as 1.1.1 has dots of its own.
func splitPath(path string) []string {
	var steps []string
	depth, from := 0, 0
	for i, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == '.' && depth == 0:
			steps = append(steps, path[from:i])
			from = i + 1
		}
	}
	return append(steps, path[from:])
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
