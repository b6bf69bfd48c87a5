package generator

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/readykit/readykit/generator/markdown"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/sitefs"
	"github.com/readykit/readykit/generator/theme"
	"github.com/readykit/readykit/themes"
)

// smallSite is the command's small valid test site with what the check
// stage used to change: standards out of order, rule sets whose files are
// not in the order of their ids, a programme without minWeeks, item
// guidance with a link and a glossary term, and an image beside the pages.
func smallSite(t *testing.T) fs.FS {
	site := ArchiveFS(t, "../cmd/readykit/testdata/base.txtar", "")
	extra := txtar.Parse([]byte(`-- content/data/standards.yaml --
- number: 2
  name: Staff responsibilities
  obligation: people
  summary: Staff know their duties.
- number: 1
  name: Personal confidential data
  obligation: people
  summary: Personal data is handled safely.
-- content/data/plans/a.yaml --
id: 2024-25
title: Newer rules
source: test
required: [action]
appliesTo: [nhs-body]
-- content/data/plans/b.yaml --
id: 2020-21
title: Older rules
source: test
required: [action]
appliesTo: [nhs-body]
-- content/data/glossary.yaml --
- id: ico
  term: ICO
  definition: The regulator.
-- content/glossary.md --
---
title: Glossary
layout: glossary
---
Terms.
-- content/picture.png --
not really a picture
`))
	for _, f := range extra.Files {
		site[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	item := string(site["content/data/items/1.1.1.md"].Data)
	site["content/data/items/1.1.1.md"].Data = []byte(item + "\nTell the ICO; see the [checklist](/checklist/).\n")
	return site
}

// TestCheckChangesNothing loads a site, takes a deep print of everything
// the load stage made, runs check, and compares: check reads and reports,
// and leaves building to assemble. That assemble then changes the print
// shows that the print would see what check used to change.
func TestCheckChangesNothing(t *testing.T) {
	sites := map[string]fs.FS{"small": smallSite(t), "default": os.DirFS("..")}
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			b := &builder{opts: Options{Source: sitefs.Guard(src), Theme: themes.Default()}}
			if err := b.load(); err != nil {
				t.Fatal(err)
			}
			before := b.print()
			if err := b.check(); err != nil {
				t.Fatal(err)
			}
			if after := b.print(); after != before {
				t.Errorf("check changed the model:\n%s", firstChange(before, after))
			}
			if err := b.assemble(); err != nil {
				t.Fatal(err)
			}
			if b.print() == before {
				t.Error("assemble changed nothing the print shows, so the print cannot show what check changes")
			}
		})
	}
}

// TestLoadSetsWhatCheckUsedTo: the defaults and the order that check used
// to set are there as soon as the site is loaded.
func TestLoadSetsWhatCheckUsedTo(t *testing.T) {
	b := &builder{opts: Options{Source: sitefs.Guard(smallSite(t)), Theme: themes.Default()}}
	if err := b.load(); err != nil {
		t.Fatal(err)
	}
	if b.prog.MinWeeks != 8 {
		t.Errorf("minWeeks after load = %d, want the default 8", b.prog.MinWeeks)
	}
	var ids []string
	for _, r := range b.rules {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"2020-21", "2024-25"}) {
		t.Errorf("rule sets after load %v, want them in order of id", ids)
	}
	if len(b.itemDocs["1.1.1"].Source) == 0 {
		t.Error("item 1.1.1's guidance was not read in load")
	}
}

// TestWhichFileWins builds a site that replaces theme files in the two
// ways the README gives, and has a file of its own beside the pages: each
// file is published from where replaces says.
func TestWhichFileWins(t *testing.T) {
	site := smallSite(t).(fstest.MapFS)
	for name, data := range map[string]string{
		"themes/default/static/favicon.svg": "the site's theme folder",
		"themes/default/static/js/app.js":   "// the site's theme folder",
		"static/js/app.js":                  "// the site's static folder",
	} {
		site[name] = &fstest.MapFile{Data: []byte(data)}
	}
	var mem publish.Memory
	if _, err := Build(context.Background(), Options{Source: site, Theme: themes.Default()}, &mem); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"favicon.svg": "the site's theme folder",
		"js/app.js":   "// the site's static folder",
		"picture.png": "not really a picture\n",
	} {
		if got, _ := mem.Get(path); string(got) != want {
			t.Errorf("%s is %.40q, want %q", path, got, want)
		}
	}
}

// print writes out, deeply, what the load stage made: settings, data,
// programme, rule sets, pages with their parsed Markdown, item guidance
// and the files published as they are. The theme and the Markdown
// converter are left out: they are tools, not the site.
func (b *builder) print() string {
	d := &printer{seen: map[seenKey]int{}, skip: map[reflect.Type]bool{
		reflect.TypeFor[*markdown.Converter](): true,
		reflect.TypeFor[*theme.Theme]():        true,
	}}
	for _, part := range []struct {
		name string
		v    any
	}{
		{"config", b.cfg}, {"data", b.data}, {"programme", b.prog}, {"rules", b.rules},
		{"pages", b.pages}, {"unread pages", b.unreadPages}, {"item docs", b.itemDocs},
		{"static", b.static}, {"view", b.view},
	} {
		fmt.Fprintf(&d.out, "== %s\n", part.name)
		d.print(reflect.ValueOf(part.v), 0)
	}
	return d.out.String()
}

// printer prints a value and all it points to, one field a line, so that
// two prints can be compared. A pointer seen before prints as its number.
type printer struct {
	out  strings.Builder
	seen map[seenKey]int
	skip map[reflect.Type]bool
}

type seenKey struct {
	addr uintptr
	typ  reflect.Type
}

func (d *printer) line(depth int, format string, args ...any) {
	d.out.WriteString(strings.Repeat(" ", depth))
	fmt.Fprintf(&d.out, format, args...)
	d.out.WriteByte('\n')
}

func (d *printer) print(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Invalid:
		d.line(depth, "nil")
	case reflect.Pointer:
		switch k := (seenKey{v.Pointer(), v.Type()}); {
		case v.IsNil():
			d.line(depth, "nil")
		case d.skip[v.Type()]:
			d.line(depth, "%s (left out)", v.Type())
		case d.seen[k] > 0:
			d.line(depth, "see #%d", d.seen[k])
		default:
			d.seen[k] = len(d.seen) + 1
			d.line(depth, "#%d %s", d.seen[k], v.Type())
			d.print(v.Elem(), depth+1)
		}
	case reflect.Interface:
		if v.IsNil() {
			d.line(depth, "nil")
			return
		}
		d.print(v.Elem(), depth)
	case reflect.Struct:
		d.line(depth, "%s {", v.Type())
		for i := range v.NumField() {
			d.line(depth+1, "%s:", v.Type().Field(i).Name)
			d.print(v.Field(i), depth+2)
		}
		d.line(depth, "}")
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			d.line(depth, "%q", v.Bytes())
			return
		}
		d.line(depth, "%s len %d", v.Type(), v.Len())
		for i := range v.Len() {
			d.print(v.Index(i), depth+1)
		}
	case reflect.Map:
		// Keys in a fixed order, so that the print is the same each time.
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		d.line(depth, "%s len %d", v.Type(), v.Len())
		for _, k := range keys {
			d.line(depth+1, "%v:", k)
			d.print(v.MapIndex(k), depth+2)
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		d.line(depth, "%s", v.Kind())
	case reflect.String:
		d.line(depth, "%q", v.String())
	case reflect.Bool:
		d.line(depth, "%t", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.line(depth, "%d", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.line(depth, "%d", v.Uint())
	case reflect.Float32, reflect.Float64:
		d.line(depth, "%g", v.Float())
	default:
		d.line(depth, "%s", v.Kind())
	}
}

// firstChange shows where two prints first differ, with a few lines
// around it.
func firstChange(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	from := max(0, i-8)
	return fmt.Sprintf("before:\n%s\nafter:\n%s",
		strings.Join(al[from:min(len(al), i+3)], "\n"), strings.Join(bl[from:min(len(bl), i+3)], "\n"))
}
