package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/readykit/readykit/generator/toolkit"
)

// Why a value is in LeftOut: progress.js's WHY. Codes, not words, so that
// the browser and readykit report agree on them and each can say them in
// its own words.
const (
	// whyNotAllowed is the status "not-applicable" for an item that does not
	// allow it.
	whyNotAllowed = "not-allowed"
	// whyTooLong is text longer than its field holds.
	whyTooLong = "too-long"
	// whyNotValid is any other value that fails its check.
	whyNotValid = "not-valid"
	// whyReplaced is a whole kept entry that another entry for the same id
	// took the place of.
	whyReplaced = "replaced"
)

var whyCodes = []string{whyNotAllowed, whyTooLong, whyNotValid, whyReplaced}

// maxDepth is how deeply a value kept aside may nest (the value itself is
// at depth 0). No real value nests at all; the bound keeps a hostile one
// from being written back.
const maxDepth = 20

// LeftOut is a value kept aside because it does not fit: the browser keeps
// it in the document's "leftOut" list until the user puts it back or
// removes it, on the Your progress page.
type LeftOut struct {
	// ID is the item's id; "" for a field of the document itself.
	ID string `json:"id"`
	// Field is where the value belongs: an item's field ("notes"), a kept
	// entry's ("kept.notes"), a whole kept entry ("kept"), or one of the
	// document's own ("created", "organisation.odsCode", "programme.start").
	Field string `json:"field"`
	// Value is the value whole, as JSON written the way the browser
	// writes it (JSON.stringify), so equal values have equal bytes.
	Value json.RawMessage `json:"value"`
	// Why is not-allowed, too-long, not-valid or replaced (the codes above).
	Why string `json:"why"`
}

// Base is the field's own name, without "kept." or "organisation.":
// "notes", "odsCode"; "kept" for a whole kept entry.
func (l LeftOut) Base() string {
	return l.Field[strings.LastIndexByte(l.Field, '.')+1:]
}

// Label is what the field is called in messages: "note", "target date",
// "ODS code"; "entry" for a whole kept entry.
func (l LeftOut) Label() string { return Label(l.Base()) }

// Label is what a field of the document is called in messages, by its own
// name ("notes" is "note", "odsCode" "ODS code"), as progress.js's
// fieldName says it; "entry" for any other name.
func Label(field string) string {
	if r, ok := rules[field]; ok {
		return r.label
	}
	return "entry"
}

// TextLimit is the most characters (UTF-16 units, as JavaScript counts) a
// text field holds, by its own name; ok is false for a field that is not
// free text.
func TextLimit(field string) (max int, ok bool) {
	if max, ok = textFields[field]; !ok {
		max, ok = organisationFields[field]
	}
	return max, ok
}

// Check checks the value against its field's rules now, as the Your
// progress page does before it offers to put it back: "" when it fits,
// else why not, as the end of a sentence "the <label> ...".
// notApplicable says whether the item allows "not applicable". A whole
// kept entry is not checked here: see Entry.
func (l LeftOut) Check(notApplicable bool) string {
	r, ok := rules[l.Base()]
	if !ok {
		return ""
	}
	return r.check(valueOf(l.Value), notApplicable)
}

// Text is the value as text: a string as it is, yes or no for a mark,
// and anything else as its JSON.
func (l LeftOut) Text() string {
	switch v := valueOf(l.Value); v.kind {
	case 's':
		return v.s
	case 'b':
		return map[bool]string{true: "yes", false: "no"}[v.b]
	}
	return string(l.Value)
}

// Entry reads the value of a "replaced" record as the kept entry it was, as
// the browser does to show it or put it back: ok is false when it cannot
// be read as one (not an entry, no edition it came from, nothing in it).
// Values of it that do not check out are left out of the entry.
func (l LeftOut) Entry() (k Kept, ok bool) {
	raw, isObj := object(l.Value)
	from, _ := str(raw["from"])
	if l.Field != "kept" || !isObj || !isID(from) || !isID(l.ID) {
		return Kept{}, false
	}
	r := &reader{doc: &Document{}}
	e := r.entry(raw, "", l.ID, "kept.", true)
	return Kept{From: from, Entry: e}, !e.empty()
}

// docPlace are the document's own fields a value may be kept aside for.
var docPlace = regexp.MustCompile(`^(created|updated|exported|organisation\.(name|odsCode|completedBy)|programme\.(start|deadline)|published\.(date|level))$`)

// isPlace is true where a value kept aside can belong: with an id, an
// item's field, a kept entry's field or a whole kept entry; without, one
// of the document's own fields.
func isPlace(id, field string) bool {
	if id == "" {
		return docPlace.MatchString(field)
	}
	return isID(id) && (field == "kept" || slices.Contains(entryFields, strings.TrimPrefix(field, "kept.")))
}

// whyCode is the code for a value that failed its check with why.
func whyCode(f string, v value, why string) string {
	switch {
	case f == "status" && v.kind == 's' && v.s == toolkit.StatusNotApplicable:
		return whyNotAllowed
	case strings.HasPrefix(why, "is longer"):
		return whyTooLong
	}
	return whyNotValid
}

// readBack reads the file's own leftOut list. Its records are untrusted
// too: one that has no place to belong or no value is not kept, and an
// unknown reason is read as whyNotValid.
func (r *reader) readBack(raw json.RawMessage) {
	var list []json.RawMessage
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' || json.Unmarshal(t, &list) != nil {
		r.lost++
		return
	}
	for _, item := range list {
		rec, ok := object(item)
		id := ""
		if rawID, has := rec["id"]; has {
			if id, ok = str(rawID); !ok {
				r.lost++
				continue
			}
		}
		field, isStr := str(rec["field"])
		value, hasValue := rec["value"]
		if !ok || !isStr || !hasValue || !isPlace(id, field) {
			r.lost++
			continue
		}
		why, _ := str(rec["why"])
		if !slices.Contains(whyCodes, why) {
			why = whyNotValid
		}
		r.keepAside(LeftOut{ID: id, Field: field, Value: value, Why: why}, -1)
	}
}

// keepAside queues a value to keep aside; problem is the index of the
// problem that reports it, or -1.
func (r *reader) keepAside(rec LeftOut, problem int) {
	r.left = append(r.left, pending{rec, problem})
}

// finish keeps the queued values aside, at most maxItems of them and none
// nested deeper than maxDepth, and says how many could not be kept.
func (r *reader) finish() {
	doc := r.doc
	for _, p := range r.left {
		if len(doc.LeftOut) >= maxItems {
			r.lost++
			continue
		}
		v, ok := jsJSON(p.rec.Value)
		if !ok {
			r.lost++
			continue
		}
		p.rec.Value = v
		doc.LeftOut = append(doc.LeftOut, p.rec)
		if p.problem >= 0 {
			doc.Problems[p.problem].KeptAside = true
		}
	}
	// The browser writes the list sorted by id, field and value, so equal
	// documents give equal files; a stable sort keeps equal ones in order.
	slices.SortStableFunc(doc.LeftOut, func(a, b LeftOut) int {
		if c := compareUTF16(a.ID, b.ID); c != 0 {
			return c
		}
		if c := compareUTF16(a.Field, b.Field); c != 0 {
			return c
		}
		return compareUTF16(string(a.Value), string(b.Value))
	})
	if r.lost > 0 {
		r.problem(fmt.Sprintf("Progress file: %d %s could not be kept (unreadable or too many), so %s left out.", r.lost,
			map[bool]string{true: "value", false: "values"}[r.lost == 1], map[bool]string{true: "it was", false: "they were"}[r.lost == 1]), "", "")
	}
}

// json is the kept entry as the browser writes it in a "replaced" record:
// from first, then the fields in the order of progress.js's emptyEntry.
func (k Kept) json() json.RawMessage {
	var b bytes.Buffer
	b.WriteString(`{"from":`)
	writeJSString(&b, k.From)
	p := k.Entry.Entry
	for _, f := range entryFields {
		b.WriteString(`,"` + f + `":`)
		switch f {
		case "reviewed":
			b.WriteString(strconv.FormatBool(p.Reviewed))
		case "exceptional":
			b.WriteString(strconv.FormatBool(p.Exceptional))
		default:
			writeJSString(&b, map[string]string{"status": p.Status, "notes": p.Notes, "evidence": p.Evidence, "owner": p.Owner, "due": p.Due,
				"action": p.Action, "priority": p.Priority, "localRef": p.LocalRef, "dependencies": p.Dependencies, "milestones": p.Milestones,
				"reason": p.Reason, "done": p.Done, "updated": k.Updated}[f])
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

// jsJSON writes a JSON value as JavaScript's JSON.stringify writes what
// JSON.parse made of it: an object's keys in JavaScript's order with the
// last of a repeated key's values, numbers as JavaScript prints them, and
// only the characters JSON needs escaped. ok is false for a value nested
// deeper than maxDepth, which the browser does not keep either.
func jsJSON(raw json.RawMessage) (json.RawMessage, bool) {
	var b bytes.Buffer
	if !writeJS(&b, raw, 0) {
		return nil, false
	}
	return b.Bytes(), true
}

func writeJS(b *bytes.Buffer, raw json.RawMessage, depth int) bool {
	if depth > maxDepth {
		return false
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch raw[0] {
	case '{':
		keys, vals, ok := ordered(raw)
		if !ok {
			return false
		}
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSString(b, k)
			b.WriteByte(':')
			if !writeJS(b, vals[k], depth+1) {
				return false
			}
		}
		b.WriteByte('}')
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return false
		}
		b.WriteByte('[')
		for i, v := range list {
			if i > 0 {
				b.WriteByte(',')
			}
			if !writeJS(b, v, depth+1) {
				return false
			}
		}
		b.WriteByte(']')
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return false
		}
		writeJSString(b, s)
	case 't', 'f', 'n':
		b.Write(raw)
	default:
		// Out of range is a number still: JSON.parse reads it as
		// Infinity or 0, and so does ParseFloat.
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return false
		}
		b.WriteString(jsNumber(f))
	}
	return true
}

// writeJSString writes s as JSON.stringify does: only the quote, the
// backslash and control characters escaped.
func writeJSString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				fmt.Fprintf(b, `\u%04x`, c)
			} else {
				b.WriteRune(c)
			}
		}
	}
	b.WriteByte('"')
}

// jsNumber prints a number as JavaScript's Number.prototype.toString does
// (ECMA-262 Number::toString), and a number too large to hold as null, as
// JSON.stringify writes Infinity.
func jsNumber(f float64) string {
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return "null"
	case f == 0:
		return "0" // and -0
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// The shortest digits that read back as f, and where the point goes.
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	k, n := len(digits), e+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	ex := fmt.Sprintf("e%+d", n-1)
	if k == 1 {
		return sign + digits + ex
	}
	return sign + digits[:1] + "." + digits[1:] + ex
}

// compareUTF16 orders strings as JavaScript's < does, by UTF-16 code
// units, which differs from Go's byte order for characters beyond U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return slices.Compare(units(ra), units(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func units(r rune) []uint16 {
	if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
		return []uint16{uint16(r1), uint16(r2)}
	}
	return []uint16{uint16(r)}
}
