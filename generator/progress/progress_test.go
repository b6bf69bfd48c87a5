package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
)

// vector is one of testdata/progress's cases; the browser's
// themes/default/tests/progress-vectors.test.js runs the same ones.
type vector struct {
	Name    string `json:"name"`
	File    string `json:"file"`
	PadTo   int    `json:"padTo"`
	Site    string `json:"site"`
	Edition string `json:"edition"`
	Items   []struct {
		ID            string `json:"id"`
		NotApplicable bool   `json:"notApplicable"`
	} `json:"items"`
	Want struct {
		Fatal    string           `json:"fatal"`
		Items    map[string]Entry `json:"items"`
		Problems []Problem        `json:"problems"`
		Aside    []string         `json:"aside"`
		// Kept is each kept entry's id and the edition it is from, and
		// LeftOut each value kept aside, in the order the browser writes
		// them. Pointers, so a vector that forgets them fails.
		Kept    *map[string]string `json:"kept"`
		LeftOut *[]place           `json:"leftOut"`
		// Published, when a vector gives it, is the publication read.
		Published *Published `json:"published"`
	} `json:"want"`
}

// place is a value kept aside without the value itself: the vectors say
// where it belongs and why it is there, in the order serialise writes.
type place struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	Why   string `json:"why"`
}

// testdata is the repository's testdata/progress folder.
func testdata(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "testdata", "progress")
}

// input is a vector's file, padded with spaces to PadTo.
func (v *vector) input(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testdata(t), filepath.FromSlash(v.File)))
	if err != nil {
		t.Fatal(err)
	}
	if v.PadTo > len(data) {
		data = append(data, bytes.Repeat([]byte(" "), v.PadTo-len(data))...)
	}
	return data
}

func (v *vector) editions() map[string][]*toolkit.Item {
	items := make([]*toolkit.Item, len(v.Items))
	for i, it := range v.Items {
		items[i] = &toolkit.Item{ID: it.ID, NotApplicable: it.NotApplicable}
	}
	return map[string][]*toolkit.Item{v.Edition: items}
}

// where is a problem without its wording, which may differ from the
// browser's; the item and field may not.
func where(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.ID+"|"+p.Field)
	}
	slices.Sort(out)
	return out
}

// TestVectors: readykit report reads every shared vector as the browser
// does: the same reason to refuse a file, or the same items, problems (by
// item and field) and entries set aside.
func TestVectors(t *testing.T) {
	all := vectors.Load[vector](t, "progress", 30)
	names := map[string]bool{}
	for _, vec := range all {
		names[strings.TrimSuffix(vec.File, ".json")] = true
	}
	for _, want := range []string{"good", "reviewed-yes", "long-note", "impossible-date", "not-applicable-not-allowed", "unknown-status", "unknown-id",
		"non-object-entry", "too-many-entries", "bom", "utf16le", "utf16be", "not-ours", "newer", "truncated", "empty",
		"left-out-read-back", "left-out-values", "left-out-not-a-list", "kept-unknown-id", "kept-replaced", "left-out-limit", "kept-limit", "left-out-too-deep"} {
		if !names[want] {
			t.Errorf("no vector %s.json", want)
		}
	}
	for _, vec := range all {
		v := vec.V
		t.Run(strings.TrimSuffix(vec.File, ".json"), func(t *testing.T) {
			doc, err := Read("progress.json", v.input(t), v.editions())
			if v.Want.Fatal != "" {
				var e *diag.FileError
				if !errors.As(err, &e) || e.Kind != v.Want.Fatal {
					t.Fatalf("%s: got %v (%#v), want a %s error", v.Name, err, err, v.Want.Fatal)
				}
				if !strings.HasPrefix(err.Error(), "progress.json: ") || len(e.Msg) < 15 {
					t.Errorf("message %q does not name the file and say what is wrong", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", v.Name, err)
			}
			if len(doc.Items) != 0 || len(v.Want.Items) != 0 {
				if !reflect.DeepEqual(doc.Items, v.Want.Items) {
					got, _ := json.MarshalIndent(doc.Items, "", " ")
					t.Errorf("%s: items\n%s\nwant %v", v.Name, got, v.Want.Items)
				}
			}
			if g, w := where(doc.Problems), where(v.Want.Problems); !slices.Equal(g, w) {
				t.Errorf("%s: problems %q, want %q\n%v", v.Name, g, w, doc.Problems)
			}
			if !slices.Equal(doc.Aside, v.Want.Aside) && len(doc.Aside)+len(v.Want.Aside) > 0 {
				t.Errorf("%s: aside %q, want %q", v.Name, doc.Aside, v.Want.Aside)
			}
			if v.Want.Kept == nil || v.Want.LeftOut == nil {
				t.Fatalf("%s: the vector's want has no kept or no leftOut", v.Name)
			}
			kept := map[string]string{}
			for id, k := range doc.Kept {
				kept[id] = k.From
			}
			if !reflect.DeepEqual(kept, *v.Want.Kept) {
				t.Errorf("%s: kept %v, want %v", v.Name, kept, *v.Want.Kept)
			}
			if v.Want.Published != nil && doc.Published != *v.Want.Published {
				t.Errorf("%s: published %+v, want %+v", v.Name, doc.Published, *v.Want.Published)
			}
			left := []place{}
			for _, l := range doc.LeftOut {
				left = append(left, place{l.ID, l.Field, l.Why})
			}
			if !slices.Equal(left, *v.Want.LeftOut) {
				t.Errorf("%s: leftOut\n%v\nwant\n%v", v.Name, left, *v.Want.LeftOut)
			}
			// Every problem about a value says whether it was kept aside,
			// and one was exactly when a record for its place is there.
			for _, p := range doc.Problems {
				if p.KeptAside && !slices.ContainsFunc(doc.LeftOut, func(l LeftOut) bool { return l.ID == p.ID && l.Field == p.Field }) {
					t.Errorf("%s: problem %q is marked kept aside, but nothing is kept for %s|%s", v.Name, p.Message, p.ID, p.Field)
				}
			}
			for _, p := range doc.Problems {
				if !strings.HasSuffix(p.Message, ".") || (p.ID != "" && !strings.Contains(p.Message, p.ID)) {
					t.Errorf("problem %q is not a sentence naming its item", p.Message)
				}
			}
		})
	}
}

// TestSpec: the rules this package holds are the ones pinned in
// testdata/progress/spec/fields.json, which progress.js is checked
// against too.
func TestSpec(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testdata(t), "spec", "fields.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Statuses           []string       `json:"statuses"`
		Priorities         []string       `json:"priorities"`
		EntryFields        []string       `json:"entryFields"`
		TextFields         map[string]int `json:"textFields"`
		OrganisationFields map[string]int `json:"organisationFields"`
		PublishedLevels    []string       `json:"publishedLevels"`
		Limits             struct{ Bytes, Items int }
		Why                []string `json:"why"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"statuses", statuses, spec.Statuses},
		{"priorities", priorities, spec.Priorities},
		{"entry fields", entryFields, spec.EntryFields},
		{"text fields", textFields, spec.TextFields},
		{"organisation fields", organisationFields, spec.OrganisationFields},
		{"publication levels", publishedLevels, spec.PublishedLevels},
		{"byte limit", MaxBytes, spec.Limits.Bytes},
		{"entry limit", maxItems, spec.Limits.Items},
		{"reasons a value is kept aside", whyCodes, spec.Why},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: %v here, %v in spec/fields.json", c.name, c.got, c.want)
		}
	}
	// Every entry field has a rule, and Entry has every field, so none is
	// read in one language and ignored in the other.
	e, _ := json.Marshal(Entry{})
	var m map[string]any
	_ = json.Unmarshal(e, &m)
	for _, f := range entryFields {
		if rules[f].check == nil || m[f] == nil {
			t.Errorf("field %s: no rule, or not in Entry", f)
		}
	}
	if len(m) != len(entryFields) {
		t.Errorf("Entry has %d fields, the spec %d", len(m), len(entryFields))
	}
}

func TestDates(t *testing.T) {
	for s, want := range map[string]bool{
		"2024-02-29": true, "2025-02-29": false, "2025-02-30": false, "1900-02-29": false, "2000-02-29": true, "0000-02-29": true,
		"2025-04-31": false, "2025-12-31": true, "2025-13-01": false, "2025-00-10": false, "2025-01-00": false, "2025-1-01": false,
		"25-01-01": false, "2025-01-01T00:00Z": false, "": false, "２０２５-01-01": false,
	} {
		if isDate(s) != want {
			t.Errorf("isDate(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{
		"2025-03-02T09:15Z": true, "2025-03-02T09:15:00.000Z": true, "2025-03-02T09:15:00+01:00": true, "2025-03-02T23:59:59.123456789-23:59": true,
		"2025-03-02T24:00Z": false, "2025-03-02T23:60Z": false, "2025-03-02T23:59:60Z": false, "2025-03-02T10:00+24:00": false,
		"2025-02-30T10:00Z": false, "2025-03-02T09:15:00": false, "2025-03-02 09:15Z": false, "2025-03-02T09:15:00.1234567890Z": false,
	} {
		if isDateTime(s) != want {
			t.Errorf("isDateTime(%q) = %v", s, !want)
		}
	}
	want := time.Date(2025, 3, 2, 9, 15, 0, 120_000_000, time.FixedZone("", -(5*3600+30*60)))
	if got := parseDateTime("2025-03-02T09:15:00.12-05:30"); !got.Equal(want) {
		t.Errorf("parseDateTime: %v, want %v", got, want)
	}
}

// TestRead checks what the vectors cannot say: the document's other
// fields, the wording, and the limits on decoded text.
func TestRead(t *testing.T) {
	items := map[string][]*toolkit.Item{"dspt-2024-25-cat3": {{ID: "1.1.1"}, {ID: "own-devices", NotApplicable: true}}}
	read := func(s string) (*Document, error) { return Read("f.json", []byte(s), items) }

	doc, err := read(`{"format":"readykit-progress","version":1,"site":"oak-house","edition":"dspt-2024-25-cat3",
		"organisation":{"name":"Oak House","odsCode":"VN X12","completedBy":"Sam"},"updated":"2025-03-02T09:15Z",
		"programme":{"start":"2025-04-14","deadline":2025},
		"items":{"1.1.1":{"status":"met","reviewed":"yes"}},
		"kept":{"9.9.9":{"from":"dspt-2023-24-cat3","status":"met","notes":"Done"},"9.9.8":{"status":"met"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Site != "oak-house" || doc.Organisation != (Organisation{"Oak House", "", "Sam"}) || doc.Programme != (Programme{"2025-04-14", ""}) ||
		!doc.Updated.Equal(time.Date(2025, 3, 2, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("document %+v", doc)
	}
	if k := doc.Kept["9.9.9"]; k.From != "dspt-2023-24-cat3" || k.Status != "met" || k.Notes != "Done" || len(doc.Kept) != 1 {
		t.Errorf("kept %+v", doc.Kept)
	}
	var msgs []string
	for _, p := range doc.Problems {
		msgs = append(msgs, p.ID+"|"+p.Field+"|"+p.Message)
	}
	if want := []string{
		`|organisation.odsCode|Organisation: the ODS code "VN X12" is not letters and digits only, so it was left out.`,
		`|programme.deadline|Programme: the deadline is not a date, so it was left out.`,
		`1.1.1|reviewed|Item 1.1.1: the reviewed mark "yes" is not yes or no, so it was left out.`,
		`9.9.8||Progress file: the entry "9.9.8" could not be read, so it was left out.`,
	}; !slices.Equal(msgs, want) {
		t.Errorf("problems, in the file's order:\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if e := doc.PlanEntries()["1.1.1"]; e != (plan.Entry{Status: "met"}) {
		t.Errorf("plan entry %+v", e)
	}

	// A UTF-16 file under 1 MB can hold more than 1 MB of text; the browser
	// measures the text, so this does too.
	body := bytes.Repeat([]byte{0xAC, 0x20}, 400_000) // "€", 3 bytes in UTF-8
	_, err = Read("f.json", append([]byte{0xFF, 0xFE}, body...), items)
	var e *diag.FileError
	if !errors.As(err, &e) || e.Kind != kindTooLarge || !strings.Contains(e.Msg, "1.1 MB") {
		t.Errorf("UTF-16 that grows past the limit: %v", err)
	}
	// JavaScript's order of keys: a later duplicate keeps the first place.
	keys, vals, _ := ordered(json.RawMessage(`{"b":1,"10":2,"a":3,"2":4,"b":5,"01":6,"4294967295":7,"4294967294":8}`))
	if want := []string{"2", "10", "4294967294", "b", "a", "01", "4294967295"}; !slices.Equal(keys, want) || string(vals["b"]) != "5" {
		t.Errorf("ordered: %q %s, want %q and b=5", keys, vals["b"], want)
	}
	if got := quote(strings.Repeat("📋", 30)); got != `"`+strings.Repeat("📋", 20)+`…"` {
		t.Errorf("quote cuts at 40 UTF-16 units: %s", got)
	}
}

// TestJSJSON: a value kept aside is written as the browser's JSON.stringify
// writes it (the wants are what node printed), so both sort the list alike
// and write equal files.
func TestJSJSON(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "1.0": "1", "1e2": "100", "1E21": "1e+21", "123456789012345678901": "123456789012345680000",
		"1e-7": "1e-7", "1.5e-7": "1.5e-7", "0.000001": "0.000001", "0.0000015": "0.0000015", "-2.5e-10": "-2.5e-10",
		"1e400": "null", "-1e400": "null", "1e-400": "0", "12345678901234567890": "12345678901234567000", "0.1": "0.1",
		"1.7976931348623157e308": "1.7976931348623157e+308", "5e-324": "5e-324", "123e-20": "1.23e-18", "3.14159": "3.14159",
		`[1, [2.50, {"b":1, "a":2, "b":3}]]`: `[1,[2.5,{"b":3,"a":2}]]`,
		`{"10":1,"x":2,"2":3}`:               `{"2":3,"10":1,"x":2}`,
		`"a\u0001\u001f\n\"\\\/\u2028😀<&>"`:  "\"a\\u0001\\u001f\\n\\\"\\\\/\u2028😀<&>\"",
		` null `:                             "null",
		`true`:                               "true",
	} {
		if got, ok := jsJSON(json.RawMessage(in)); !ok || string(got) != want {
			t.Errorf("jsJSON(%s) = %s %v, want %s", in, got, ok, want)
		}
	}
	nest := func(n int, leaf string) string { return strings.Repeat("[", n) + leaf + strings.Repeat("]", n) }
	for in, ok := range map[string]bool{nest(20, `"x"`): true, nest(21, `"x"`): false, nest(21, ""): true, nest(22, ""): false, nest(5000, "1"): false} {
		if _, got := jsJSON(json.RawMessage(in)); got != ok {
			t.Errorf("%d lists deep: kept %v, want %v", strings.Count(in, "["), got, ok)
		}
	}
	// JavaScript compares strings by UTF-16 units: an emoji (a surrogate
	// pair, from U+D800) comes before U+FF5E, though Go's bytes say later.
	if compareUTF16("😀", "～") >= 0 || compareUTF16("a", "ab") >= 0 || compareUTF16("b", "a") <= 0 || compareUTF16("～", "～") != 0 {
		t.Error("compareUTF16 does not order as JavaScript's <")
	}
}

// TestLeftOut: what the vectors cannot say of values kept aside: the
// values themselves, which problems they answer, and what a report asks of
// them.
func TestLeftOut(t *testing.T) {
	items := map[string][]*toolkit.Item{"dspt-2024-25-cat3": {{ID: "1.1.1"}, {ID: "own-devices", NotApplicable: true}}}
	doc, err := Read("f.json", []byte(`{"format":"readykit-progress","version":1,"edition":"dspt-2024-25-cat3",
		"items":{"1.1.1":{"status":"met","reviewed":"yes","due":[1.50,{"a":1}]},"9.9.9":{"status":"in-progress","notes":"newer"}},
		"kept":{"9.9.9":{"from":"dspt-2023-24-cat3","status":"met","notes":"older"}},
		"leftOut":[{"id":"own-devices","field":"status","value":"not-applicable","why":"not-allowed"},
			{"id":"1.1.1","field":"notes","value":"`+strings.Repeat("n", 5001)+`","why":"too-long"}]}`), items)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, l := range doc.LeftOut {
		got = append(got, fmt.Sprintf("%s|%s|%.40s|%s", l.ID, l.Field, l.Value, l.Why))
	}
	if want := []string{
		`1.1.1|due|[1.5,{"a":1}]|not-valid`,
		`1.1.1|notes|"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn|too-long`,
		`1.1.1|reviewed|"yes"|not-valid`,
		`9.9.9|kept|{"from":"dspt-2024-25-cat3","status":"in|replaced`,
		`own-devices|status|"not-applicable"|not-allowed`,
	}; !slices.Equal(got, want) {
		t.Errorf("left out:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The whole entry in the browser's order, from first, milestones after exceptional.
	if v := string(doc.LeftOut[3].Value); v != `{"from":"dspt-2024-25-cat3","status":"in-progress","reviewed":false,"notes":"newer","evidence":"","owner":"",`+
		`"due":"","action":"","priority":"","localRef":"","dependencies":"","exceptional":false,"milestones":"","reason":"","done":"","updated":""}` {
		t.Errorf("replaced entry %s", v)
	}
	for _, p := range doc.Problems {
		if !p.KeptAside {
			t.Errorf("problem %q is kept aside, but not marked so", p.Message)
		}
	}
	if k := doc.Kept["9.9.9"]; k.From != "dspt-2023-24-cat3" || k.Notes != "older" || !slices.Equal(doc.Aside, []string{"9.9.9"}) {
		t.Errorf("kept %+v, aside %q", doc.Kept, doc.Aside)
	}

	// What a report asks of each.
	k, ok := doc.LeftOut[3].Entry()
	if !ok || k.From != "dspt-2024-25-cat3" || k.Status != "in-progress" || k.Notes != "newer" {
		t.Errorf("replaced entry read back as %+v %v", k, ok)
	}
	if _, ok := doc.LeftOut[2].Entry(); ok {
		t.Error("a reviewed mark read as an entry")
	}
	for i, want := range []struct{ label, text, now, allowed string }{
		{"target date", `[1.5,{"a":1}]`, "is not a date", "is not a date"},
		{"note", strings.Repeat("n", 5001), "is longer than 5000 characters", "is longer than 5000 characters"},
		{"reviewed mark", "yes", `"yes" is not yes or no`, `"yes" is not yes or no`},
		{"entry", string(doc.LeftOut[3].Value), "", ""},
		{"status", "not-applicable", `is "not applicable", which this item does not allow`, ""},
	} {
		l := doc.LeftOut[i]
		if l.Label() != want.label || l.Text() != want.text || l.Check(false) != want.now || l.Check(true) != want.allowed {
			t.Errorf("%s|%s: label %q, text %.30q, check %q / %q", l.ID, l.Field, l.Label(), l.Text(), l.Check(false), l.Check(true))
		}
	}

	// A leftOut that is null is not a list: one value that cannot be kept,
	// said in the singular.
	doc, err = Read("f.json", []byte(`{"format":"readykit-progress","version":1,"edition":"dspt-2024-25-cat3","leftOut":null}`), items)
	if err != nil || len(doc.Problems) != 1 || doc.Problems[0].Message != "Progress file: 1 value could not be kept (unreadable or too many), so it was left out." {
		t.Errorf("leftOut null: %v %v", doc.Problems, err)
	}
}
