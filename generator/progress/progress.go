// Package progress reads a progress file exported from the browser: the
// versioned JSON document that session.js keeps in localStorage. readykit
// report uses it. The file may come from anywhere, so it is checked before
// anything in it is used, and every problem is said in plain words.
//
// It reads a file exactly as the browser's import does (filetext.js, then
// importer.js and normalise in progress.js): the same encodings, limits
// and checks, a bad value left out on its own and listed with its item and
// field, never the whole entry. Like the browser, it loses nothing it can
// read: entries for items the edition does not list are kept (Kept), and
// each value that fails its check is kept whole aside (LeftOut), with the
// values the browser kept aside before. Both pass the shared vectors in
// testdata/progress at the repository's top.
package progress

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
)

// The document format this package reads, and the newest version.
const (
	Format  = "readykit-progress"
	Version = 1
	// MaxBytes is the largest progress file accepted, before and after
	// decoding to UTF-8; the browser refuses larger ones too.
	MaxBytes = 1 << 20
)

// Why a file could not be used at all: the Kind of the *diag.FileError
// that Read returns. The browser's tests
// classify its messages the same way, so the vectors can say which.
const (
	kindTooLarge     = "too-large"
	kindEncoding     = "encoding"
	kindEmpty        = "empty"
	kindDamaged      = "damaged"
	kindNotOurs      = "not-ours"
	kindNewer        = "newer"
	kindOtherEdition = "edition"
)

// Organisation is who the progress is for.
type Organisation struct {
	Name        string `json:"name"`
	ODSCode     string `json:"odsCode"`
	CompletedBy string `json:"completedBy"`
}

// Published is when the organisation last published its toolkit, and at
// which level ("approaching" or "met"); both are "" until recorded.
type Published struct {
	Date  string `json:"date"`
	Level string `json:"level"`
}

// Programme holds the dates the user set on the Programme page.
type Programme struct {
	Start    string `json:"start"`
	Deadline string `json:"deadline"`
}

// Entry is what was saved for one item: the plan's fields and when it was
// last changed.
type Entry struct {
	plan.Entry
	Updated string `json:"updated"`
}

// Kept is an entry kept from an earlier edition, with that edition's id.
type Kept struct {
	From string `json:"from"`
	Entry
}

// Problem is a value left out because it does not check out. ID and
// Field say where (either may be empty: a field of the whole document has
// no item, an entry that is not an entry has no field); they are the
// browser's ids and field names, such as "kept.status" or
// "organisation.odsCode".
type Problem struct {
	ID      string `json:"id,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	// KeptAside is true when the value is in the document's LeftOut, so
	// it is not lost: the browser keeps it there too, and the user can put
	// it back. A report need not list such a problem twice.
	KeptAside bool `json:"-"`
}

func (p Problem) String() string { return p.Message }

// Document is a progress file, read and checked.
type Document struct {
	Site         string
	Edition      string
	Organisation Organisation
	Programme    Programme
	Published    Published
	// Updated is when the progress was last saved; zero if not known.
	Updated time.Time
	// Items are the entries for items of the edition, by id. Entries with
	// nothing in them are left out.
	Items map[string]Entry
	// Kept are the entries kept apart from Items, by id, as the browser
	// keeps them: those it kept from earlier editions (whose item this
	// edition may have again), and the file's own entries for ids the
	// edition does not list (From is then the file's edition).
	Kept map[string]Kept
	// Aside are the ids, sorted, of the file's own entries for items the
	// edition does not list (the browser's normalise calls them aside).
	// Each went into Kept, or whole into LeftOut when Kept held an entry
	// for its id already.
	Aside []string
	// LeftOut are the values kept aside, in the order the browser writes
	// them (by id, field and value): the file's own list, read back and
	// checked, then each value of this file that failed its check.
	LeftOut []LeftOut
	// Problems are the values that were left out, in the order the file
	// has them.
	Problems []Problem
	// order and keptOrder are the ids of Items and Kept in the order
	// JavaScript's Object.keys gives them, which moving the document to
	// another edition follows as the browser does.
	order, keptOrder []string
}

// PlanEntries are the items' entries as the plan rules take them.
func (d *Document) PlanEntries() map[string]plan.Entry {
	out := make(map[string]plan.Entry, len(d.Items))
	for id, e := range d.Items {
		out[id] = e.Entry
	}
	return out
}

// unusable is a progress file that cannot be used at all: a problem with
// the whole file, of kind reason (kindTooLarge and the others above).
func unusable(file, reason, msg string) *diag.FileError {
	return &diag.FileError{Pos: diag.Pos{File: file}, Msg: msg, Kind: reason}
}

// TooLargeError says that file, of size bytes (or, with size < 0, of more
// than MaxBytes), is too large to be a progress file.
func TooLargeError(file string, size int64) *diag.FileError {
	msg := "the file is more than 1 MB; a readykit progress file is never more than 1 MB, so this is not one"
	if size >= 0 {
		msg = fmt.Sprintf("the file is %.1f MB; a readykit progress file is never more than 1 MB, so this is not one", float64(size)/(1<<20))
	}
	return unusable(file, kindTooLarge, msg)
}

const notOurs = "this is not a readykit progress file; download one from the Your progress page of the site"

// Read checks and reads a progress file named file (for messages). items
// are the item lists of the editions the site knows, by edition id: the
// file's edition must be one of them.
func Read(file string, data []byte, editions map[string][]*toolkit.Item) (*Document, error) {
	return read(file, data, func(edition string) (map[string]bool, error) { return knownOf(editions, file, edition) })
}

// knownOf is, for each item of the edition, whether it allows "not
// applicable"; a file of an edition not in editions cannot be read.
func knownOf(editions map[string][]*toolkit.Item, file, edition string) (map[string]bool, error) {
	items, ok := editions[edition]
	if !ok {
		return nil, unusable(file, kindOtherEdition, fmt.Sprintf("the file is for the edition %q, which this site does not have; build the report from a site that has it, with --source", edition))
	}
	known := map[string]bool{}
	for _, it := range items {
		known[it.ID] = it.NotApplicable
	}
	return known, nil
}

// read is Read, with the file's edition checked by check: it gives, for
// each item the edition lists, whether it allows "not applicable", or nil
// to take every id and status as the browser does before moving a file to
// a later edition.
func read(file string, data []byte, check func(edition string) (map[string]bool, error)) (*Document, error) {
	fail := func(reason, format string, args ...any) error {
		return unusable(file, reason, fmt.Sprintf(format, args...))
	}
	if len(data) > MaxBytes {
		return nil, TooLargeError(file, int64(len(data)))
	}
	text, ok := decodeText(data)
	switch {
	case !ok:
		return nil, fail(kindEncoding, "the file's characters cannot be read: it is not saved as UTF-8 or UTF-16 text. It may be damaged, or saved by a program that changed it; use a backup downloaded from the Your progress page")
	case len(text) > MaxBytes:
		return nil, TooLargeError(file, int64(len(text)))
	case strings.Trim(text, " \t\r\n") == "":
		return nil, fail(kindEmpty, "the file is empty")
	}
	data = []byte(text)

	// First the file as a whole and its header, so a file that is not ours
	// is called that rather than faulted for its contents. Two hostile
	// files read differently in the browser, and are left so: encoding/json
	// refuses nesting deeper than 10,000, which JSON.parse reads (no
	// progress file nests more than four deep), and it turns half of a
	// surrogate pair written as \ud800 into U+FFFD, which JavaScript keeps.
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))):
			return nil, fail(kindDamaged, "the file ends too soon: it may have been cut short while saving or copying")
		case errors.As(err, &syn):
			line, col := position(data, syn.Offset-1)
			return nil, fail(kindDamaged, "the file is not valid JSON at line %d, column %d: it is damaged, or not a readykit progress file", line, col)
		}
		return nil, fail(kindNotOurs, notOurs)
	}
	format, ok := str(top["format"])
	if !ok || format != Format {
		return nil, fail(kindNotOurs, notOurs)
	}
	// The version is a JSON number as JavaScript reads it: 1.0 is 1, and
	// one too large to hold is no version at all.
	version, err := strconv.ParseFloat(string(bytes.TrimSpace(top["version"])), 64)
	switch {
	case len(top["version"]) == 0 || !isNumber(top["version"]) || math.IsInf(version, 0) || (err != nil && !errors.Is(err, strconv.ErrRange)) || version != math.Trunc(version) || version < 1:
		return nil, fail(kindNotOurs, notOurs)
	case version > Version:
		return nil, fail(kindNewer, "the file was made by a newer version of readykit (format version %v); update readykit to read it", version)
	}
	edition, ok := str(top["edition"])
	if !ok || !isID(edition) {
		return nil, fail(kindNotOurs, notOurs)
	}
	known, err := check(edition)
	if err != nil {
		return nil, err
	}

	r := &reader{doc: &Document{Edition: edition, Items: map[string]Entry{}, Kept: map[string]Kept{}, LeftOut: []LeftOut{}}}
	doc := r.doc
	if site, _ := str(top["site"]); slugPattern.MatchString(site) {
		doc.Site = site
	}
	// Values kept aside before come first, so the limit keeps the oldest.
	if raw, ok := top["leftOut"]; ok {
		r.readBack(raw)
	}
	r.copy([]string{"created", "updated", "exported"}, top, "Progress file", "", "", true, func(f string, v value) {
		if f == "updated" {
			doc.Updated = parseDateTime(v.s)
		}
	})
	if o, ok := object(top["organisation"]); ok {
		r.copy([]string{"name", "odsCode", "completedBy"}, o, "Organisation", "", "organisation.", true, func(f string, v value) {
			*map[string]*string{"name": &doc.Organisation.Name, "odsCode": &doc.Organisation.ODSCode, "completedBy": &doc.Organisation.CompletedBy}[f] = v.s
		})
	}
	if p, ok := object(top["programme"]); ok {
		r.copy([]string{"start", "deadline"}, p, "Programme", "", "programme.", true, func(f string, v value) {
			*map[string]*string{"start": &doc.Programme.Start, "deadline": &doc.Programme.Deadline}[f] = v.s
		})
	}

	if p, ok := object(top["published"]); ok {
		r.copy([]string{"date", "level"}, p, "Publication", "", "published.", true, func(f string, v value) {
			*map[string]*string{"date": &doc.Published.Date, "level": &doc.Published.Level}[f] = v.s
		})
	}

	// The entries for ids the edition does not list, in the file's order.
	var aside []string
	asideItems := map[string]Entry{}
	r.entries(top, "items", func(id string, raw map[string]json.RawMessage, where string) {
		na, ok := known[id]
		if known == nil {
			na, ok = true, true
		}
		// Entries set aside belong to another edition: keep their status as is.
		e := r.entry(raw, where, id, "", na || !ok)
		switch {
		case e.empty():
		case ok:
			doc.Items[id] = e
			doc.order = append(doc.order, id)
		default:
			asideItems[id] = e
			aside = append(aside, id)
		}
	})
	r.entries(top, "kept", func(id string, raw map[string]json.RawMessage, where string) {
		from, _ := str(raw["from"])
		if e := r.entry(raw, where, id, "kept.", true); !e.empty() {
			doc.Kept[id] = Kept{From: from, Entry: e}
			doc.keptOrder = append(doc.keptOrder, id)
		}
	})
	// An entry for an id that is kept already goes whole to LeftOut, so
	// neither is lost.
	for _, id := range aside {
		k := Kept{From: edition, Entry: asideItems[id]}
		_, taken := doc.Kept[id]
		switch {
		case taken:
			r.keepAside(LeftOut{ID: id, Field: "kept", Value: k.json(), Why: whyReplaced}, -1)
		case len(doc.Kept) < maxItems:
			doc.Kept[id] = k
			doc.keptOrder = append(doc.keptOrder, id)
		default:
			r.lost++
		}
	}
	r.finish()
	doc.Aside = slices.Sorted(slices.Values(aside))
	return doc, nil
}

type reader struct {
	doc *Document
	// left are the values to keep aside, in the order the browser
	// collects them, and lost counts what could not be kept.
	left []pending
	lost int
}

// pending is a value to keep aside and the index in Problems of the
// problem that reports it, or -1 when none does.
type pending struct {
	rec     LeftOut
	problem int
}

func (r *reader) problem(msg, id, field string) {
	r.doc.Problems = append(r.doc.Problems, Problem{ID: id, Field: field, Message: msg})
}

// copy checks the fields of raw named in fields, in that order, and
// passes the good values to set; it lists the rest and keeps each of them
// whole aside, under the same id and field as its problem. Over-long text
// is left out, never cut: a cut note could mislead.
func (r *reader) copy(fields []string, raw map[string]json.RawMessage, where, id, path string, notApplicable bool, set func(string, value)) {
	for _, f := range fields {
		msg, ok := raw[f]
		if !ok {
			continue
		}
		v := valueOf(msg)
		if why := rules[f].check(v, notApplicable); why != "" {
			r.problem(fmt.Sprintf("%s: the %s %s, so it was left out.", where, rules[f].label, why), id, path+f)
			r.keepAside(LeftOut{ID: id, Field: path + f, Value: msg, Why: whyCode(f, v, why)}, len(r.doc.Problems)-1)
			continue
		}
		set(f, v)
	}
}

func (r *reader) entry(raw map[string]json.RawMessage, where, id, path string, notApplicable bool) Entry {
	e := Entry{Entry: plan.Entry{Status: toolkit.StatusNotStarted}}
	r.copy(entryFields, raw, where, id, path, notApplicable, func(f string, v value) {
		switch f {
		case "status":
			e.Status = v.s
		case "reviewed":
			e.Reviewed = v.b
		case "exceptional":
			e.Exceptional = v.b
		case "updated":
			e.Updated = v.s
		default:
			*map[string]*string{"notes": &e.Notes, "evidence": &e.Evidence, "owner": &e.Owner, "due": &e.Due, "action": &e.Action,
				"priority": &e.Priority, "localRef": &e.LocalRef, "dependencies": &e.Dependencies, "milestones": &e.Milestones,
				"reason": &e.Reason, "done": &e.Done}[f] = v.s
		}
	})
	return e
}

// empty is true for an entry that holds nothing worth keeping (its
// time aside), as progress.js's isEmptyEntry.
func (e Entry) empty() bool {
	p := e.Entry
	return p.Status == toolkit.StatusNotStarted && !p.Reviewed && !p.Exceptional && p.Notes == "" && p.Evidence == "" &&
		p.Owner == "" && p.Due == "" && p.Action == "" && p.Priority == "" && p.LocalRef == "" && p.Dependencies == "" && p.Milestones == "" &&
		p.Reason == "" && p.Done == ""
}

// entries reads the map of id -> entry at top[key] (the items or the kept
// entries): at most maxItems of them, taken in the order JavaScript's
// Object.keys gives, so the same ones are read here as in the browser.
func (r *reader) entries(top map[string]json.RawMessage, key string, add func(id string, raw map[string]json.RawMessage, where string)) {
	kept := key == "kept"
	src, present := top[key]
	keys, vals, isObj := ordered(src)
	if (present && !isObj) || len(keys) > maxItems {
		what := "items"
		if kept {
			what = "kept items"
		}
		r.problem(fmt.Sprintf("Progress file: some %s could not be read, so they were left out.", what), "", "")
	}
	for _, id := range keys[:min(len(keys), maxItems)] {
		raw, ok := object(vals[id])
		from, _ := str(raw["from"])
		if !isID(id) || !ok || (kept && !isID(from)) {
			pid := ""
			if isID(id) {
				pid = id
			}
			r.problem(fmt.Sprintf("Progress file: the entry %s could not be read, so it was left out.", quote(id)), pid, "")
			continue
		}
		where := "Item " + id
		if kept {
			where += " (kept from " + EditionTitle(from) + ")"
		}
		add(id, raw, where)
	}
}

// ordered reads a JSON object's members: its keys in the order Object.keys
// gives them in JavaScript (those that are array indices first, by number,
// then the rest in the order they first appear) and the last value of
// each, as JSON.parse keeps. ok is false if raw is not an object.
func ordered(raw json.RawMessage) (keys []string, vals map[string]json.RawMessage, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, nil, false
	}
	vals = map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		k, isKey := t.(string)
		var v json.RawMessage
		if err != nil || !isKey || dec.Decode(&v) != nil {
			return nil, nil, false
		}
		if _, seen := vals[k]; !seen {
			keys = append(keys, k)
		}
		vals[k] = v
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		ia, aok := arrayIndex(a)
		ib, bok := arrayIndex(b)
		switch {
		case aok && bok:
			return cmp.Compare(ia, ib)
		case aok:
			return -1
		case bok:
			return 1
		}
		return 0
	})
	return keys, vals, true
}

// arrayIndex is true for a key JavaScript treats as an array index: the
// canonical decimal form of a number below 2³²−1.
func arrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (k[0] == '0' && k != "0") {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return n, err == nil && n < 1<<32-1
}

func object(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(raw, &m) == nil
}

func str(raw json.RawMessage) (string, bool) {
	v := valueOf(raw)
	return v.s, v.kind == 's'
}

func isNumber(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

// EditionTitle turns an edition id such as "dspt-2023-24-cat3" into
// "2023-24", as people name editions.
func EditionTitle(id string) string {
	for i := 0; i+7 <= len(id); i++ {
		s := id[i : i+7]
		if isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:]) {
			return s
		}
	}
	return id
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseDateTime reads a time that isDateTime accepted; seconds and their
// fraction may be left out.
func parseDateTime(s string) time.Time {
	m := dateTimePattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	nsec := 0
	if m[5] != "" {
		nsec = n((m[5][1:] + "000000000")[:9])
	}
	loc := time.UTC
	if m[6] != "Z" {
		off := n(m[8])*3600 + n(m[9])*60
		if m[7] == "-" {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(n(m[1][:4]), time.Month(n(m[1][5:7])), n(m[1][8:]), n(m[2]), n(m[3]), n(m[4]), nsec, loc)
}

// position turns a byte offset into a line and column, counting from 1.
func position(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:max(0, min(int(off), len(data)))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
