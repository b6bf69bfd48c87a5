package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/upkeep"
	"github.com/readykit/readykit/generator/words"
)

// CheckMark is what every page, printout and file says beside the
// reference of an item whose number, level or wording is not confirmed
// for care providers. The browser reads it from toolkit.json's
// labels.checkMark.
const CheckMark = "Check in the toolkit"

// RefStatus is the "Reference status" cell for it: CheckMark unless the
// item is confirmed.
func RefStatus(it *toolkit.Item) string {
	if it.Confidence.NeedsCheck() {
		return CheckMark
	}
	return "Confirmed"
}

// PlanColumns are the improvement plan's columns, in the order the
// guidance lists what a plan must hold, with whether to check the
// reference beside it. plan.js has the same.
var PlanColumns = []string{"Reference", "Reference status", "Evidence item", "Actions", "Milestones, funding and resources",
	"Owner", "Priority", "Local reference", "Planned completion date", "Status", "Dependencies", "Exceptional"}

// GapColumns are the gap analysis's columns.
var GapColumns = []string{"Reference", "Reference status", "Evidence item", "Standard", "Needed for", "Status",
	"Owner", "Target date", "Where the evidence is kept", "Notes"}

// GroupColumns are the group view's columns, one row per care home or
// client, kept here beside the other tables' so the site's templates name
// them without the report writer. group.js has the same list; both pass
// testdata/group.
var GroupColumns = []string{"Care home or client", "ODS code", "Site", "Edition",
	"Approaching Standards: done", "Approaching Standards: %", "Standards Met: done", "Standards Met: %",
	"Items overdue", "Next deadline", "Last export", "File"}

// RegisterColumns are the evidence register's columns: every item, what
// is done, where its evidence is kept and when it is next due for review,
// for the toolkit's questions and an inspector. plan.js has the same.
var RegisterColumns = []string{"Ref", "Evidence item", "Standard", "Level", "Status", "Where the evidence is kept", "Who holds it",
	"Done or last reviewed", "Next review due", "Not applicable: reason", "Reference status"}

// What the register says of an item not applicable with no reason given,
// of a done item with nowhere written for its evidence, and of an item
// whose evidence goes stale but has no date to count from yet. The
// browser reads them from toolkit.json's labels.
const (
	NoReason    = "No reason recorded"
	NotRecorded = "Not recorded"
	NoDateYet   = "No date yet"
)

// NAReason is what every printout and file says for why an item is not
// applicable: the reason as written, or NoReason when there is none.
func NAReason(e Entry) string {
	if strings.TrimSpace(e.Reason) == "" {
		return NoReason
	}
	return e.Reason
}

// RegisterRows are the evidence register's rows, as text: one per item,
// in the order given (the edition's). Done items say where their evidence
// is kept, or that it is not recorded; items not applicable give the
// reason. The next review counts from the date done, else from published
// (the date the toolkit was last published, or ""), as package upkeep
// says; when its interval is not confirmed, the reference status says to
// check that date in the toolkit too.
func RegisterRows(items []*toolkit.Item, entries map[string]Entry, published string) [][]string {
	rows := make([][]string, len(items))
	for i, it := range items {
		e := entries[it.ID]
		status := e.Status
		if toolkit.StatusName(status) == "" {
			status = toolkit.StatusNotStarted
		}
		na := status == toolkit.StatusNotApplicable
		due, reason := "", ""
		if na {
			reason = NAReason(e)
		} else if it.Review != nil {
			if due = upkeep.NextReview(it, upkeep.Entry{Status: status, Done: e.Done}, published); due == "" {
				due = NoDateYet
			}
		}
		ref := RefStatus(it)
		if due != "" && due != NoDateYet && it.Review.Confidence.NeedsCheck() {
			if it.Confidence.NeedsCheck() {
				ref += " (and the review date)"
			} else {
				ref += " (check the review date in the toolkit)"
			}
		}
		evidence := e.Evidence
		if status == toolkit.StatusMet && evidence == "" {
			evidence = NotRecorded
		}
		rows[i] = []string{it.Reference(), it.Title, strconv.Itoa(it.Standard), it.Level.Name(), toolkit.StatusName(status), evidence, e.Owner,
			e.Done, due, reason, ref}
	}
	return rows
}

// Capitalise gives s a capital first letter: high becomes High.
func Capitalise(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// PlanRows are the plan's rows, one per gap, as text.
func (r Result) PlanRows() [][]string {
	rows := make([][]string, len(r.Gaps))
	for i, g := range r.Gaps {
		e := g.Entry
		exceptional := ""
		if e.Exceptional {
			exceptional = "Yes"
		}
		rows[i] = []string{g.Item.Reference(), RefStatus(g.Item), g.Item.Title, e.Action, e.Milestones, e.Owner, Capitalise(e.Priority),
			e.LocalRef, e.Due, toolkit.StatusName(e.Status), e.Dependencies, exceptional}
	}
	return rows
}

// GapRows are the gap analysis's rows, one per gap, as text.
func (r Result) GapRows() [][]string {
	rows := make([][]string, len(r.Gaps))
	for i, g := range r.Gaps {
		e := g.Entry
		rows[i] = []string{g.Item.Reference(), RefStatus(g.Item), g.Item.Title, strconv.Itoa(g.Item.Standard), g.Item.Level.Name(),
			toolkit.StatusName(e.Status), e.Owner, e.Due, e.Evidence, e.Notes}
	}
	return rows
}

// Verdict says why the plan would not be agreed, or "" when it would.
// Reasons come in a fixed order (missing fields in the rules' order, late
// dates, dates that are not dates, too many items), as in plan.js.
func (r Result) Verdict() string {
	if r.Agreed {
		return ""
	}
	count := map[string]int{}
	for _, f := range r.Findings {
		count[f.Rule]++
	}
	var reasons []string
	seen := map[string]bool{}
	for _, field := range r.required {
		if n := count["missing-"+field]; n > 0 && !seen[field] {
			seen[field] = true
			reasons = append(reasons, fmt.Sprintf("%d %s no %s", n, words.Plural(n, "row has", "rows have"), plain(field)))
		}
	}
	if n := count["too-late"]; n > 0 {
		reasons = append(reasons, fmt.Sprintf("%d %s after %s", n, words.Plural(n, "date is", "dates are"), r.latestLong()))
	}
	if n := count["bad-date"]; n > 0 {
		reasons = append(reasons, words.Plural(n, "a date is not a date", fmt.Sprintf("%d dates are not dates", n)))
	}
	if count["too-many"] > 0 {
		reasons = append(reasons, fmt.Sprintf("it covers %d outstanding items, more than %d", len(r.Gaps), r.max))
	}
	return "This plan would not be agreed because " + words.And(reasons, "; ") + "."
}

func (r Result) latestLong() string {
	d, err := content.ParseDate(r.latest)
	if err != nil {
		return r.latest
	}
	return words.Date(d.Time)
}

// actionFields are what an Approaching Standards action plan says about
// each item: what will be done, by whom, and when. plan.js has the same.
var actionFields = []string{"action", "owner", "due"}

// actionNouns name the action plan's fields in neutral words: what is
// still to write, not what is wrong.
var actionNouns = map[string]string{"action": "what will be done", "owner": "who will do it", "due": "a date"}

// Missing lists the action plan fields e has no value for, in
// actionFields order.
func Missing(e Entry) []string {
	var out []string
	for _, f := range actionFields {
		if value(e, f) == "" {
			out = append(out, f)
		}
	}
	return out
}

// MissingNote says what one action plan row still needs ("Still to add:
// who will do it and a date."), or "" when it has everything.
func MissingNote(e Entry) string {
	var nouns []string
	for _, f := range Missing(e) {
		nouns = append(nouns, actionNouns[f])
	}
	if len(nouns) == 0 {
		return ""
	}
	return "Still to add: " + words.And(nouns, ", ") + "."
}

// ActionSummary says in neutral words how much of the action plan is
// written: how many items still need each field. plan.js's
// actionSummary says the same.
func (r Result) ActionSummary() string {
	if len(r.Gaps) == 0 {
		return "Every mandatory item is done: there is nothing to plan."
	}
	count := map[string]int{}
	for _, g := range r.Gaps {
		for _, f := range Missing(g.Entry) {
			count[f]++
		}
	}
	var parts []string
	for _, f := range actionFields {
		if n := count[f]; n > 0 {
			parts = append(parts, actionNouns[f]+" for "+words.Count(n, "item", "items"))
		}
	}
	head := "The plan has " + words.Count(len(r.Gaps), "item", "items") + "."
	if len(parts) == 0 {
		return head + " Each one says what will be done, who will do it and when."
	}
	return head + " Still to fill in: " + words.And(parts, ", ") + "."
}
