package content

import (
	"fmt"
	"reflect"
	"testing"
)

// page is a page's front matter, as the load stage reads it.
type page struct {
	Title       string `yaml:"title,required"`
	LinkTitle   string `yaml:"linkTitle"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	Draft       bool   `yaml:"draft"`
	Aliases     []Text `yaml:"aliases"`
	Src         Source
}

// FuzzFlat: whatever the text, DecodeYAML gives the same values and the
// same problems whether flat reads it or the YAML parser does, into every
// kind of value front matter and data are decoded into.
//
//	go test -run '^$' -fuzz FuzzFlat ./generator/content
func FuzzFlat(f *testing.F) {
	for _, s := range []string{
		"title: \"Page 1: Access control\"\ndescription: \"The manager updates the rules.\"\nweight: 1\n",
		"title: Hello\nweek: 3\ndraft: true\ndue: 2025-06-30\n",
		"title: 'Caf\u00e9 hours'\nweight: 010\ndraft: yes\nlinkTitle: null\n",
		"title:\nweight: x\nunknown: 1.10\n\n\nDraft: false",
		"title: A  B\nweight: -1\n",
	} {
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, data []byte, line int) {
		if len(data) > 1<<12 {
			return
		}
		line = 1 + line&0xff
		for _, v := range []func() any{
			func() any { return new(page) },
			func() any { return new(doc) },
			func() any { return new(map[string]Text) },
			func() any { return new(map[string]any) },
			func() any { return new(string) },
		} {
			quick, slow := v(), v()
			qerrs := (&decoder{file: "f.yaml", line: line}).decode(data, quick)
			serrs := (&decoder{file: "f.yaml", line: line, parse: true}).decode(data, slow)
			if q, s := describeErrs(qerrs), describeErrs(serrs); q != s {
				t.Fatalf("%T: problems differ:\nflat:   %s\nparser: %s", quick, q, s)
			}
			if !reflect.DeepEqual(quick, slow) {
				t.Fatalf("%T: values differ:\nflat:   %+v\nparser: %+v", quick, quick, slow)
			}
		}
	})
}

func describeErrs(errs []error) string {
	return fmt.Sprintf("unread %v %q", IsUnread(errs...), errs)
}

// The front matter of every page in a large site is flat: flat must read
// it, or it saves nothing.
func TestFlatReads(t *testing.T) {
	for _, s := range []string{
		"title: \"Page 1: Access control\"\ndescription: \"The registered manager updates the password rules every month.\"\nweight: 1\n",
		"title: Staff training\nlinkTitle: Training\nweight: 20\nlayout: page\nmenu: main\n",
		"title: 'Caf\u00e9 opening hours (2025/26)'\ndraft: true\n",
	} {
		if _, ok := flat([]byte(s)); !ok {
			t.Errorf("flat does not read %q", s)
		}
	}
}

func BenchmarkFrontMatter(b *testing.B) {
	data := []byte("title: \"Page 1: Access control\"\ndescription: \"The registered manager updates the password rules every month.\"\nweight: 1\n")
	for _, parse := range []bool{false, true} {
		b.Run(fmt.Sprint("parse=", parse), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var p page
				if errs := (&decoder{file: "f.yaml", line: 2, parse: parse}).decode(data, &p); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}
