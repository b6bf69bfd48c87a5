package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/toolkit"
)

var fuzzEditions = map[string][]*toolkit.Item{
	"dspt-2024-25-cat3": {{ID: "1.1.1"}, {ID: "1.1.2"}, {ID: "2.1.1"}, {ID: "own-devices", NotApplicable: true}, {ID: "8.1.1", NotApplicable: true}, {ID: "1"}, {ID: "250"}},
}

// encode writes a document back as a progress file, as the browser saves
// what it read: the entries set aside are in kept now.
func encode(t *testing.T, d *Document) []byte {
	top := map[string]any{
		"format": Format, "version": Version, "site": d.Site, "edition": d.Edition,
		"organisation": d.Organisation, "programme": d.Programme, "items": d.Items, "kept": d.Kept, "leftOut": d.LeftOut,
	}
	if !d.Updated.IsZero() {
		top["updated"] = d.Updated.Format(time.RFC3339Nano)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// The browser does not escape <, > and &, and a file that grew on the
	// way back could pass the size limit.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(top); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func utf16LE(b []byte) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(b))) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// same compares what two readings hold; times by instant, as a time
// written back may name its zone differently. Aside is not compared: it
// says what one reading moved into Kept.
func same(a, b *Document) bool {
	return a.Site == b.Site && a.Edition == b.Edition && a.Organisation == b.Organisation && a.Programme == b.Programme &&
		a.Updated.Equal(b.Updated) && reflect.DeepEqual(a.Items, b.Items) && reflect.DeepEqual(a.Kept, b.Kept) && reflect.DeepEqual(a.LeftOut, b.LeftOut)
}

// FuzzRead: no file makes Read panic; a refusal always has a reason; what
// is kept aside is bounded and has a place; and whatever Read accepts, it
// accepts the same way again: read twice alike, and what it kept (kept
// entries and values aside included), written back as the browser saves
// it (as UTF-8 and as UTF-16), reads back the same with nothing left out
// and nothing more set aside. The seeds in testdata/fuzz/FuzzRead are the
// shared vectors' files.
func FuzzRead(f *testing.F) {
	reasons := []string{kindTooLarge, kindEncoding, kindEmpty, kindDamaged, kindNotOurs, kindNewer, kindOtherEdition}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("f.json", data, fuzzEditions)
		if err != nil {
			var e *diag.FileError
			if !errors.As(err, &e) || !slices.Contains(reasons, e.Kind) || e.Msg == "" {
				t.Fatalf("error without a known reason: %#v", err)
			}
			return
		}
		for _, p := range doc.Problems {
			if p.Message == "" || (p.ID != "" && !isID(p.ID)) {
				t.Errorf("problem %+v", p)
			}
		}
		for id := range doc.Items {
			if !slices.ContainsFunc(fuzzEditions[doc.Edition], func(it *toolkit.Item) bool { return it.ID == id }) {
				t.Errorf("item %q is not in the edition", id)
			}
		}
		if len(doc.Items)+len(doc.Aside) > maxItems || len(doc.Kept) > maxItems || len(doc.LeftOut) > maxItems {
			t.Errorf("%d items, %d aside, %d kept, %d left out", len(doc.Items), len(doc.Aside), len(doc.Kept), len(doc.LeftOut))
		}
		for _, l := range doc.LeftOut {
			if canon, ok := jsJSON(l.Value); !isPlace(l.ID, l.Field) || !slices.Contains(whyCodes, l.Why) || !ok || !bytes.Equal(canon, l.Value) {
				t.Errorf("left out %+v (%s)", l, l.Value)
			}
		}
		again, err := Read("f.json", data, fuzzEditions)
		if err != nil || !same(doc, again) || !slices.Equal(doc.Aside, again.Aside) || !reflect.DeepEqual(doc.Problems, again.Problems) {
			t.Fatalf("read twice, read differently: %v", err)
		}

		back := encode(t, doc)
		for _, b := range [][]byte{back, utf16LE(back)} {
			if len(b) > MaxBytes {
				continue
			}
			re, err := Read("f.json", b, fuzzEditions)
			if err != nil {
				t.Fatalf("written back, refused: %v\n%s", err, back)
			}
			if len(re.Problems) > 0 || len(re.Aside) > 0 {
				t.Errorf("written back, problems %v, set aside %q\n%s", re.Problems, re.Aside, back)
			}
			if !same(doc, re) {
				t.Errorf("written back, read differently:\n%+v\n%+v\n%s", doc, re, back)
			}
		}
	})
}
