package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The depth check must catch every kind of deep nesting before the parser
// sees it, and never flag the YAML people write.
func TestDepthLimit(t *testing.T) {
	deep := []struct{ name, src, at string }{
		{"flow lists", "items: " + strings.Repeat("[", 40000) + strings.Repeat("]", 40000) + "\n", "f.yaml:1:39"},
		{"flow sets", "a: " + strings.Repeat("{b: ", 100000) + "\n", "f.yaml:1:128"},
		{"dashes", strings.Repeat("- ", 100000) + "x\n", "f.yaml:1:63"},
		{"indentation", indented(40), "f.yaml:33:33"},
		{"flow in a list", "- - - [" + strings.Repeat("[", 40) + "\n", "f.yaml:1:35"},
		{"flow over lines", "a: [\n" + strings.Repeat("  [\n", 40), "f.yaml:32:3"},
		{"after a quoted key", `"k": ` + strings.Repeat("[", 40) + "\n", "f.yaml:1:37"},
		{"after a block scalar", "a: |\n  [[[[[\nb: " + strings.Repeat("[", 40) + "\n", "f.yaml:3:35"},
	}
	for _, c := range deep {
		t.Run(c.name, func(t *testing.T) {
			var v doc
			errs := DecodeYAML("f.yaml", []byte(c.src), 1, &v)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), c.at+": the YAML nests more than 32 levels deep here") {
				t.Errorf("got %v, want one error at %s", errs, c.at)
			}
		})
	}
	shallow := []string{
		"title: Use [the form] here\nnote: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n",
		"a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n",
		"a: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n",
		"a: b # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
		"tags: [a, [b, c], {d: e}]\n" + strings.Repeat("x: y\n", 100),
		indented(31),
	}
	for i, src := range shallow {
		if _, _, deep := tooDeep([]byte(src), MaxDepth); deep {
			t.Errorf("case %d flagged as too deep:\n%s", i, src)
		}
	}
}

// indented nests n mappings by indentation, one a line.
func indented(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat(" ", i), i)
	}
	return b.String()
}

// The default site's YAML and front matter must all pass the depth check
// and decode: the limit is for hostile files, not for real ones.
func TestDepthOfDefaultSite(t *testing.T) {
	root := filepath.Join("..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (filepath.Ext(p) != ".yaml" && filepath.Ext(p) != ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if filepath.Ext(p) == ".md" {
			doc, err := Split(p, data)
			if err != nil {
				return err
			}
			data = doc.FrontMatter
		}
		if l, c, deep := tooDeep(data, MaxDepth); deep {
			t.Errorf("%s:%d:%d flagged as too deep", p, l, c)
		}
		if l, c, deep := tooDeep(data, 6); deep {
			t.Errorf("%s:%d:%d nests deeper than 6, which the limit's comment says never happens", p, l, c)
		}
		n++
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

// A file nested 100,000 deep is refused at once: measured in bytes
// allocated (deterministic, unlike time), it costs less than reading a
// copy of the file ten times over. Before the check, 40,000 deep took 42 s
// and 2.5 GB.
func TestDeepYAMLIsCheap(t *testing.T) {
	for _, src := range []string{
		"a: " + strings.Repeat("[", 100000) + "\n",
		strings.Repeat("- ", 100000) + "\n",
		"a: " + strings.Repeat("{b: ", 100000) + "\n",
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var v doc
		errs := DecodeYAML("f.yaml", []byte(src), 1, &v)
		runtime.ReadMemStats(&after)
		if len(errs) != 1 {
			t.Fatalf("want one error, got %d", len(errs))
		}
		if used := after.TotalAlloc - before.TotalAlloc; used > uint64(10*len(src)) {
			t.Errorf("refusing %d bytes allocated %d bytes", len(src), used)
		}
	}
}

func BenchmarkDeepYAML(b *testing.B) {
	src := []byte("a: " + strings.Repeat("[", 100000) + "\n")
	for b.Loop() {
		var v doc
		DecodeYAML("f.yaml", src, 1, &v)
	}
}

func TestByteOrderMark(t *testing.T) {
	d, errs := decode(t, "\ufefftitle: Hello\nweek: 3\n", 1)
	if len(errs) > 0 || d.Title != "Hello" || d.Week != 3 {
		t.Errorf("with a BOM: %+v %v", d, errs)
	}
	doc, err := Split("p.md", []byte("\ufeff---\ntitle: T\n---\nBody\n"))
	if err != nil || string(doc.FrontMatter) != "title: T\n" || string(doc.Body) != "Body\n" || doc.BodyLine != 4 {
		t.Errorf("Split with a BOM: %+v %v", doc, err)
	}
}

func TestInvalidUTF8(t *testing.T) {
	_, errs := decode(t, "title: Hello\nweek: 3\nnote: caf\xe9 au lait\n", 5)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "f.yaml:7:10: the file is not UTF-8 text here (byte 0xE9)") ||
		!strings.Contains(errs[0], "Save the file as UTF-8") {
		t.Errorf("got %v", errs)
	}
	_, err := Split("p.md", []byte("---\ntitle: T\n---\n\nIt's \x93quoted\x94.\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "p.md:5:6: the file is not UTF-8 text here (byte 0x93)") {
		t.Errorf("Split: %v", err)
	}
	if _, err := utf8Text("x", []byte("fine: “quoted” é ✓\n")); err != nil {
		t.Errorf("valid UTF-8 refused: %v", err)
	}
}

// A quote left open on line 3 used to be reported where the parser gave
// up, many lines below.
func TestUnclosedQuote(t *testing.T) {
	src := "- title: One\n  url: https://a\n- title: \"Two\n  url: https://b\n- title: Three\n  url: https://c\n- title: \"Four\"\n  url: https://d\n"
	var v []struct {
		Title string `yaml:"title"`
		URL   string `yaml:"url"`
	}
	errs := DecodeYAML("f.yaml", []byte(src), 10, &v)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "f.yaml:12:10: YAML syntax error: the quoted text that starts here is not closed on its line, so YAML read on to line 16. Add the closing \" at the end of the text") {
		t.Errorf("got %v", errs)
	}
	for _, ok := range []string{"a: \"x\" # \"\n", "a: 'it''s'\n", "a: \"say \\\"hi\\\"\"\n", "- \"x\"\n"} {
		if l, _, _, open := unclosedQuote([]byte(ok)); open {
			t.Errorf("%q: a closed quote reported open at line %d", ok, l)
		}
	}
}

func FuzzDecodeYAML(f *testing.F) {
	f.Add([]byte("title: Hello\nweek: 3\ntags: [a, b]\nlinks:\n  - title: T\n    url: https://x\n"))
	f.Add([]byte("\ufefftitle: \"open\nweek: [[[\n"))
	f.Add([]byte("a: |\n  text\n- - - [x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var d doc
		errs := DecodeYAML("f.yaml", data, 3, &d)
		for _, err := range errs {
			// Every problem has a position in the file, at or after the
			// fragment's first line.
			fe := err.(interface{ Error() string })
			if !strings.HasPrefix(fe.Error(), "f.yaml:") {
				t.Fatalf("problem without the file: %v", err)
			}
		}
		var list []link
		DecodeYAML("f.yaml", data, 1, &list)
	})
}

func FuzzSplit(f *testing.F) {
	f.Add([]byte("---\ntitle: T\n---\nBody\n"))
	f.Add([]byte("\ufeff---\r\ntitle: T\r\n---\r\n"))
	f.Add([]byte("---\ntitle: T\n"))
	f.Add([]byte("no front matter\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Split("p.md", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "p.md:") {
				t.Fatalf("problem without the file: %v", err)
			}
			return
		}
		// The parts are the file, cut at line ends, and their first lines
		// are where they are in the file.
		text := strings.TrimPrefix(string(data), "\ufeff")
		if !strings.HasSuffix(text, string(doc.Body)) {
			t.Fatalf("body %q is not the end of the file", doc.Body)
		}
		before := text[:len(text)-len(doc.Body)]
		// An empty body at the end of a file with no final line break
		// starts on a line the file does not have; nothing points there.
		if got := strings.Count(before, "\n") + 1; got != doc.BodyLine && len(doc.Body) > 0 {
			t.Fatalf("body starts on line %d, says %d", got, doc.BodyLine)
		}
		if doc.FrontMatter != nil && (doc.FMLine != 2 || !strings.Contains(before, string(doc.FrontMatter))) {
			t.Fatalf("front matter %q at line %d", doc.FrontMatter, doc.FMLine)
		}
	})
}
