package content

import (
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
)

type link struct {
	Title string `yaml:"title,required"`
	URL   string `yaml:"url,required"`
	Src   Source
}

type doc struct {
	Title string            `yaml:"title,required"`
	Week  int               `yaml:"week"`
	Draft bool              `yaml:"draft"`
	Due   Date              `yaml:"due"`
	Tags  []Text            `yaml:"tags"`
	Links []link            `yaml:"links"`
	Meta  map[string]string `yaml:"meta"`
	Src   Source
}

func decode(t *testing.T, src string, line int) (doc, []string) {
	t.Helper()
	var d doc
	var msgs []string
	for _, err := range DecodeYAML("f.yaml", []byte(src), line, &d) {
		msgs = append(msgs, err.Error())
	}
	return d, msgs
}

func TestDecodeValues(t *testing.T) {
	d, errs := decode(t, "title: Hello\nweek: 3\ndraft: true\ndue: 2025-06-30\ntags: [a, 1.10]\nlinks:\n  - title: T\n    url: https://x\nmeta:\n  k: v\n", 1)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if d.Title != "Hello" || d.Week != 3 || !d.Draft || d.Due.String() != "2025-06-30" {
		t.Errorf("decoded %+v", d)
	}
	if len(d.Tags) != 2 || d.Tags[1].Value != "1.10" || d.Tags[1].Pos != (diag.Pos{File: "f.yaml", Line: 5, Col: 11}) {
		t.Errorf("tags %+v; numbers must keep their written form and position", d.Tags)
	}
	if got := d.Links[0].Src.At("url"); got != (diag.Pos{File: "f.yaml", Line: 8, Col: 10}) {
		t.Errorf("url at %v", got)
	}
	if d.Meta["k"] != "v" {
		t.Errorf("meta %v", d.Meta)
	}
	if got := d.Src.At("week"); got.Line != 2 || got.Col != 7 {
		t.Errorf("week at %v", got)
	}
}

// Every problem is reported, each at its own position, with what to do.
func TestDecodeCollectsEveryError(t *testing.T) {
	_, errs := decode(t, "titel: x\nweek: three\ndraft: maybe\ndue: 2025-02-30\nlinks:\n  - title: T\ntags: {a: b}\n", 10)
	want := []string{
		`f.yaml:10:1: unknown key "titel". Did you mean "title"?`,
		`f.yaml:11:7: "week" should be a whole number, not "three". Write a whole number such as 3, without quotes`,
		`f.yaml:12:8: "draft" should be true or false, not "maybe". Write true or false`,
		`f.yaml:13:6: "due": "2025-02-30" is not a real date in the form YYYY-MM-DD. Write dates as year-month-day, for example 2025-06-30`,
		`f.yaml:15:5: missing required key "url". Add a line "url: ..."`,
		`f.yaml:16:7: "tags" should be a list, not a set of key: value lines. Write each entry on its own line, starting with "- "`,
		`f.yaml:10:1: missing required key "title". Add a line "title: ..."`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeSyntaxError(t *testing.T) {
	_, errs := decode(t, "title: a\n  bad: b\n", 3)
	want := `f.yaml:3:8: YAML syntax error: mapping value is not allowed in this context. Check the indentation, and put quotes around text that contains a colon followed by a space`
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("got %q\nwant %q", errs, want)
	}
	_, errs = decode(t, "title: a\ntitle: b\n", 1)
	if len(errs) != 1 || !strings.Contains(errs[0], `f.yaml:2:1: YAML syntax error: the key "title" already defined on line 1, column 1. Remove one of the two`) {
		t.Errorf("duplicate key: %q", errs)
	}
	_, errs = decode(t, "title: a\nweek:\n\t- 1\n", 1)
	if len(errs) != 1 || !strings.Contains(errs[0], "a tab is used for indentation. Indent YAML with spaces, not tabs") {
		t.Errorf("tab: %q", errs)
	}
}

func TestDecodeEmptyRequired(t *testing.T) {
	_, errs := decode(t, "title:\n", 1)
	if len(errs) != 1 || errs[0] != `f.yaml:1:1: "title" is empty. Give "title" a value` {
		t.Errorf("got %q", errs)
	}
	_, errs = decode(t, "", 4)
	if len(errs) != 1 || errs[0] != `f.yaml:4:1: missing required key "title". Add a line "title: ..."` {
		t.Errorf("empty document: %q", errs)
	}
}

func TestSplit(t *testing.T) {
	d, err := Split("p.md", []byte("---\ntitle: x\nweek: 2\n---\nBody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.FrontMatter) != "title: x\nweek: 2\n" || d.FMLine != 2 || string(d.Body) != "Body\n" || d.BodyLine != 5 {
		t.Errorf("split %+v", d)
	}
	// Positions in front matter count from the file's first line.
	var v doc
	errs := DecodeYAML("p.md", d.FrontMatter, d.FMLine, &v)
	if len(errs) != 0 || v.Src.At("week").Line != 3 {
		t.Errorf("week at %v, errors %v", v.Src.At("week"), errs)
	}

	d, err = Split("p.md", []byte("No front matter\n"))
	if err != nil || d.FrontMatter != nil || d.BodyLine != 1 {
		t.Errorf("no front matter: %+v %v", d, err)
	}
	_, err = Split("p.md", []byte("---\ntitle: x\nBody\n"))
	if err == nil || err.Error() != "p.md:1:1: the front matter that starts here never closes. Add a line with just --- after the last front matter line" {
		t.Errorf("unclosed: %v", err)
	}
	d, err = Split("p.md", []byte("---\r\ntitle: x\r\n---\r\n"))
	if err != nil || d.BodyLine != 4 || len(d.Body) != 0 {
		t.Errorf("CRLF: %+v %v", d, err)
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"titel", "title"}, {"wek", "week"}, {"colour", ""}, {"Title", "title"},
	} {
		if got := Suggest(c.word, []string{"title", "week", "draft"}); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestSkip(t *testing.T) {
	for name, want := range map[string]bool{
		"page.md": false, ".page.md.swp": true, "page.md~": true, "#page.md#": true,
		".#page.md": true, "4913": true, ".git": true, "data": false,
	} {
		if Skip(name) != want {
			t.Errorf("Skip(%q) = %v", name, !want)
		}
	}
}
