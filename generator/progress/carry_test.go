package progress

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/toolkit"
)

// editionVector is one of testdata/editions' cases, which the browser's
// themes/default/tests/editions.test.js runs through editions.js's
// migrate: a document saved in one edition, the history, and the document
// the browser makes of it in the later edition.
type editionVector struct {
	Name    string          `json:"name"`
	History []Step          `json:"history"`
	Items   []vectorItem    `json:"items"`
	From    json.RawMessage `json:"from"`
	To      string          `json:"to"`
	Want    json.RawMessage `json:"want"`
}

type vectorItem struct {
	ID            string `json:"id"`
	NotApplicable bool   `json:"notApplicable"`
}

func itemsOf(vs []vectorItem) []*toolkit.Item {
	out := make([]*toolkit.Item, len(vs))
	for i, v := range vs {
		out[i] = &toolkit.Item{ID: v.ID, NotApplicable: v.NotApplicable}
	}
	return out
}

// summary is what a test compares of a document: its items, each kept
// entry as the browser writes it, and where and why each value is kept
// aside.
type summary struct {
	Items   map[string]Entry
	Kept    map[string]string
	LeftOut []place
}

func summarise(d *Document) summary {
	s := summary{Items: d.Items, Kept: map[string]string{}, LeftOut: []place{}}
	for id, k := range d.Kept {
		s.Kept[id] = string(k.json())
	}
	for _, l := range d.LeftOut {
		s.LeftOut = append(s.LeftOut, place{l.ID, l.Field, l.Why})
	}
	return s
}

// TestCarryEditionVectors: a file from an earlier edition is moved forward
// as the browser moves it: the same entries in items and kept, and
// nothing refused that the browser takes (testdata/editions, which
// editions.test.js runs too). The browser's result, read as a document of
// the new edition, is what readykit report must get from the old file.
func TestCarryEditionVectors(t *testing.T) {
	dir := filepath.Join(testdata(t), "..", "editions")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) < 3 {
		t.Fatalf("%d edition vectors in %s", len(files), dir)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var v editionVector
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			editions := map[string][]*toolkit.Item{v.To: itemsOf(v.Items)}
			var from struct{ Edition string }
			_ = json.Unmarshal(v.From, &from)
			doc, carry, err := ReadForward("old.json", v.From, editions, v.To, v.History)
			if _, ok := editionPath(v.History, from.Edition, v.To); !ok {
				// The browser's import refuses a file it has no way forward
				// for (importer.js), and so does the report.
				var fe *diag.FileError
				if !errors.As(err, &fe) || fe.Kind != kindOtherEdition || !strings.Contains(err.Error(), "cannot move forward") {
					t.Fatalf("%s: got %v, want the file refused", v.Name, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", v.Name, err)
			}
			want, err := Read("want.json", v.Want, editions)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := summarise(doc), summarise(want); !reflect.DeepEqual(g, w) {
				t.Errorf("%s:\n got %+v\nwant %+v", v.Name, g, w)
			}
			if len(doc.Problems) != 0 {
				t.Errorf("%s: problems %v", v.Name, doc.Problems)
			}
			if carry == nil || carry.From != from.Edition || doc.Edition != v.To {
				t.Errorf("%s: carry %+v, edition %s", v.Name, carry, doc.Edition)
			}
			// Every old entry ends up in items or kept: nothing is lost.
			var old struct{ Items, Kept map[string]json.RawMessage }
			_ = json.Unmarshal(v.From, &old)
			if got, n := len(doc.Items)+len(doc.Kept), len(old.Items)+len(old.Kept); got != n {
				t.Errorf("%s: %d entries after the move, %d before", v.Name, got, n)
			}
		})
	}
}

// carryVector is one of testdata/progress/carry's cases: a file as the
// browser exports it from an earlier edition, imported into a site of a
// later one. themes/default/tests/carry.test.js runs each through the
// browser's import (importer.js's parseImport); this test through
// ReadForward. Both must give want.
type carryVector struct {
	Name    string       `json:"name"`
	File    string       `json:"file"`
	Site    string       `json:"site"`
	Edition string       `json:"edition"`
	History []Step       `json:"history"`
	Items   []vectorItem `json:"items"`
	Want    struct {
		Fatal    string           `json:"fatal"`
		Migrated string           `json:"migrated"`
		Items    map[string]Entry `json:"items"`
		Kept     map[string]Kept  `json:"kept"`
		LeftOut  []place          `json:"leftOut"`
		Problems []Problem        `json:"problems"`
	} `json:"want"`
}

// TestCarryVectors: the shared carry vectors.
func TestCarryVectors(t *testing.T) {
	dir := filepath.Join(testdata(t), "carry")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) < 3 {
		t.Fatalf("%d carry vectors in %s", len(files), dir)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var v carryVector
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			in, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(v.File)))
			if err != nil {
				t.Fatal(err)
			}
			doc, carry, err := ReadForward("old.json", in, map[string][]*toolkit.Item{v.Edition: itemsOf(v.Items)}, v.Edition, v.History)
			if v.Want.Fatal != "" {
				var fe *diag.FileError
				if !errors.As(err, &fe) || fe.Kind != v.Want.Fatal {
					t.Fatalf("%s: got %v, want a %s error", v.Name, err, v.Want.Fatal)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", v.Name, err)
			}
			if from := ""; carry != nil {
				from = carry.From
				if from != v.Want.Migrated {
					t.Errorf("%s: moved from %q, want %q", v.Name, from, v.Want.Migrated)
				}
			} else if v.Want.Migrated != "" {
				t.Errorf("%s: not moved, want moved from %s", v.Name, v.Want.Migrated)
			}
			if !reflect.DeepEqual(doc.Items, v.Want.Items) {
				t.Errorf("%s: items\n%+v\nwant\n%+v", v.Name, doc.Items, v.Want.Items)
			}
			if !reflect.DeepEqual(doc.Kept, v.Want.Kept) && len(doc.Kept)+len(v.Want.Kept) > 0 {
				t.Errorf("%s: kept\n%+v\nwant\n%+v", v.Name, doc.Kept, v.Want.Kept)
			}
			left := []place{}
			for _, l := range doc.LeftOut {
				left = append(left, place{l.ID, l.Field, l.Why})
			}
			if !slices.Equal(left, v.Want.LeftOut) && len(left)+len(v.Want.LeftOut) > 0 {
				t.Errorf("%s: leftOut\n%v\nwant\n%v", v.Name, left, v.Want.LeftOut)
			}
			if g, w := where(doc.Problems), where(v.Want.Problems); !slices.Equal(g, w) {
				t.Errorf("%s: problems %q, want %q", v.Name, g, w)
			}
		})
	}
}
