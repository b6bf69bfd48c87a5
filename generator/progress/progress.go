// Package progress reads a progress file exported from the browser: the
// versioned JSON document that app.js keeps in localStorage (see
// themes/default/static/js/progress.js for its full rules). readykit
// report uses it; the file may come from anywhere, so it is checked before
// anything in it is used, and every problem is said in plain words.
package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
)

// The document format this package reads, and the newest version.
const (
	Format  = "readykit-progress"
	Version = 1
	// MaxBytes is the largest progress file accepted; the browser refuses
	// larger ones too.
	MaxBytes = 1 << 20
)

// Organisation is who the progress is for.
type Organisation struct {
	Name        string `json:"name"`
	ODSCode     string `json:"odsCode"`
	CompletedBy string `json:"completedBy"`
}

// Document is a progress file, read and checked.
type Document struct {
	Site         string
	Edition      string
	Organisation Organisation
	Updated      time.Time
	// Items are the entries for items of the edition, by id.
	Items map[string]plan.Entry
	// Aside are entries for ids the edition does not have.
	Aside []string
	// Problems are values that were left out, in plain words.
	Problems []string
}

// Error is a progress file that cannot be used, with why, for the user.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Read checks and reads a progress file named file (for messages). items
// are the item lists of the editions the site knows, by edition id: the
// file's edition must be one of them.
func Read(file string, data []byte, editions map[string][]*toolkit.Item) (*Document, error) {
	fail := func(format string, args ...any) error { return &Error{file, fmt.Sprintf(format, args...)} }
	if len(data) > MaxBytes {
		return nil, fail("the file is %.1f MB; a readykit progress file is never more than 1 MB, so this is not one", float64(len(data))/(1<<20))
	}
	// First the file as a whole and its header, so a file that is not ours
	// is called that rather than faulted for its contents.
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var syn *json.SyntaxError
		switch {
		case len(bytes.TrimSpace(data)) == 0:
			return nil, fail("the file is empty")
		case errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))):
			return nil, fail("the file ends too soon: it may have been cut short while saving or copying")
		case errors.As(err, &syn):
			line, col := position(data, syn.Offset-1)
			return nil, fail("the file is not valid JSON at line %d, column %d: it is damaged, or not a readykit progress file", line, col)
		}
		return nil, fail("this is not a readykit progress file; download one from the Your progress page of the site")
	}
	var format string
	var version int
	if json.Unmarshal(top["format"], &format) != nil || format != Format || json.Unmarshal(top["version"], &version) != nil {
		return nil, fail("this is not a readykit progress file; download one from the Your progress page of the site")
	}
	switch {
	case version > Version:
		return nil, fail("the file was made by a newer version of readykit (format version %d); update readykit to read it", version)
	case version < 1:
		return nil, fail("the file has an unknown format version %d", version)
	}
	var raw struct {
		Site         string                     `json:"site"`
		Edition      string                     `json:"edition"`
		Organisation Organisation               `json:"organisation"`
		Updated      string                     `json:"updated"`
		Items        map[string]json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, fail("the file's %q has the wrong kind of value, so it cannot be read", typ.Field)
		}
		return nil, fail("the file cannot be read: %v", err)
	}
	items, ok := editions[raw.Edition]
	if !ok {
		return nil, fail("the file is for the edition %q, which this site does not have; build the report from a site that has it, with --source", raw.Edition)
	}
	doc := &Document{Site: raw.Site, Edition: raw.Edition, Organisation: raw.Organisation, Items: map[string]plan.Entry{}}
	doc.Updated, _ = time.Parse(time.RFC3339, raw.Updated)
	known := map[string]*toolkit.Item{}
	for _, it := range items {
		known[it.ID] = it
	}
	for id, msg := range raw.Items {
		it := known[id]
		if it == nil {
			doc.Aside = append(doc.Aside, id)
			continue
		}
		var e plan.Entry
		if err := json.Unmarshal(msg, &e); err != nil {
			doc.Problems = append(doc.Problems, fmt.Sprintf("Item %s could not be read, so it was left out.", it.Reference()))
			continue
		}
		if e.Due != "" {
			if _, err := time.Parse(time.DateOnly, e.Due); err != nil || !datePattern.MatchString(e.Due) {
				doc.Problems = append(doc.Problems, fmt.Sprintf("Item %s: the date %q is not a date, so it was left out.", it.Reference(), e.Due))
				e.Due = ""
			}
		}
		switch e.Status {
		case "", toolkit.StatusNotStarted, toolkit.StatusInProgress, toolkit.StatusMet:
		case toolkit.StatusNotApplicable:
			if !it.NotApplicable {
				doc.Problems = append(doc.Problems, fmt.Sprintf("Item %s cannot be not applicable, so its status was left out.", it.Reference()))
				e.Status = ""
			}
		default:
			doc.Problems = append(doc.Problems, fmt.Sprintf("Item %s: the status %q is not one readykit knows, so it was left out.", it.Reference(), e.Status))
			e.Status = ""
		}
		doc.Items[id] = e
	}
	slices.Sort(doc.Aside)
	slices.Sort(doc.Problems)
	return doc, nil
}

// position turns a byte offset into a line and column, counting from 1.
func position(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:min(int(off), len(data))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
