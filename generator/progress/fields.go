package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/toolkit"
)

// The rules of the document's fields. They are progress.js's (FIELDS,
// TEXT_FIELDS, ORGANISATION_FIELDS, LIMITS), written again in Go;
// testdata/progress/spec/fields.json pins both copies, and the vectors
// beside it check that both apply them alike.
var (
	statuses   = []string{toolkit.StatusNotStarted, toolkit.StatusInProgress, toolkit.StatusMet, toolkit.StatusNotApplicable}
	priorities = []string{"high", "medium", "low"}
	// textFields are an entry's free-text fields and their longest length,
	// in UTF-16 code units as JavaScript counts.
	textFields = map[string]int{"notes": 5000, "evidence": 1000, "owner": 1000, "action": 2000, "localRef": 1000, "dependencies": 1000, "milestones": 2000, "reason": 500}
	// organisationFields are the organisation's fields and their longest length.
	organisationFields = map[string]int{"name": 200, "odsCode": 20, "completedBy": 200}
	// entryFields are an entry's fields in the order progress.js checks
	// them, so problems come in the same order.
	entryFields = []string{"status", "reviewed", "notes", "evidence", "owner", "due", "action", "priority", "localRef", "dependencies", "exceptional", "milestones", "reason", "done", "updated"}
	// publishedLevels are the levels a recorded publication can be at,
	// besides "".
	publishedLevels = []string{toolkit.Approaching.Key(), toolkit.Met.Key()}
)

// maxItems is the most entries read from a document's items (and, apart,
// from its kept entries); the rest are left out, so a hostile file cannot
// keep anyone busy.
const maxItems = 500

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{0,59}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9-]{1,40}$`)
	odsPattern      = regexp.MustCompile(`^[A-Za-z0-9]*$`)
	dateTimePattern = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|([+-])([01]\d|2[0-3]):([0-5]\d))$`)
)

func isID(s string) bool { return idPattern.MatchString(s) }

// isDate is true for a real calendar day written YYYY-MM-DD, so not
// 2025-02-30; years run from 0000 to 9999 on the Gregorian calendar, as
// JavaScript's Date has them, and as the site's own dates are read.
func isDate(s string) bool {
	_, err := content.ParseDate(s)
	return err == nil
}

func isDateTime(s string) bool {
	m := dateTimePattern.FindStringSubmatch(s)
	return m != nil && isDate(m[1])
}

// value is a JSON value as the checks need it: a string, a boolean, or
// something else (a number, null, an array or an object).
type value struct {
	kind byte // 's', 'b' or 0
	s    string
	b    bool
}

func valueOf(raw json.RawMessage) value {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return value{kind: 's', s: s}
		}
	case string(raw) == "true" || string(raw) == "false":
		return value{kind: 'b', b: string(raw) == "true"}
	}
	return value{}
}

// A check returns "" for a good value, else the end of a sentence "the
// <label> ...", worded as progress.js words it.
type check func(v value, notApplicable bool) string

func bad(v value, ok bool, what string) string {
	switch {
	case ok:
		return ""
	case v.kind == 's':
		return quote(v.s) + " is not " + what
	}
	return "is not " + what
}

func text(max int) check {
	return func(v value, _ bool) string {
		switch {
		case v.kind != 's':
			return "is not text"
		case length(v.s) > max:
			return fmt.Sprintf("is longer than %d characters", max)
		}
		return ""
	}
}

func day(v value, _ bool) string {
	return bad(v, v.kind == 's' && (v.s == "" || isDate(v.s)), "a date")
}

func dateTime(v value, _ bool) string {
	return bad(v, v.kind == 's' && (v.s == "" || isDateTime(v.s)), "a date and time")
}

func yesNo(v value, _ bool) string { return bad(v, v.kind == 'b', "yes or no") }

func status(v value, notApplicable bool) string {
	if v.kind == 's' && v.s == toolkit.StatusNotApplicable && !notApplicable {
		return `is "not applicable", which this item does not allow`
	}
	return bad(v, v.kind == 's' && slices.Contains(statuses, v.s), "a known status")
}

func priority(v value, _ bool) string {
	return bad(v, v.kind == 's' && (v.s == "" || slices.Contains(priorities, v.s)), "high, medium or low")
}

func level(v value, _ bool) string {
	return bad(v, v.kind == 's' && (v.s == "" || slices.Contains(publishedLevels, v.s)), "Approaching Standards or Standards Met")
}

func odsCode(v value, na bool) string {
	if why := text(organisationFields["odsCode"])(v, na); why != "" {
		return why
	}
	return bad(v, odsPattern.MatchString(v.s), "letters and digits only")
}

type rule struct {
	label string
	check check
}

var rules = map[string]rule{
	"status":       {"status", status},
	"reviewed":     {"reviewed mark", yesNo},
	"exceptional":  {"exceptional mark", yesNo},
	"notes":        {"note", nil},
	"evidence":     {"evidence location", nil},
	"owner":        {"owner", nil},
	"action":       {"action", nil},
	"localRef":     {"local reference", nil},
	"dependencies": {"dependencies list", nil},
	"milestones":   {"milestones list", nil},
	"reason":       {"not-applicable reason", nil},
	"done":         {"date done or last reviewed", day},
	"date":         {"publication date", day},
	"level":        {"publication level", level},
	"due":          {"target date", day},
	"start":        {"start date", day},
	"deadline":     {"deadline", day},
	"priority":     {"priority", priority},
	"updated":      {"time last changed", dateTime},
	"created":      {"start time", dateTime},
	"exported":     {"export time", dateTime},
	"name":         {"name", text(organisationFields["name"])},
	"completedBy":  {"completed-by name", text(organisationFields["completedBy"])},
	"odsCode":      {"ODS code", odsCode},
}

func init() {
	for f, max := range textFields {
		r := rules[f]
		r.check = text(max)
		rules[f] = r
	}
}
