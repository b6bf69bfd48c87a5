// Package report writes a gap analysis, improvement plan and evidence
// register, from saved progress, as the documents people take to a
// meeting or show an inspector: a standalone printable HTML page, CSV (for
// the plan, the gaps or the register) and an Excel workbook. The rows are
// package plan's, so the files hold what the browser's pages and
// downloads hold.
package report

import (
	"bytes"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// Report is everything a report shows.
type Report struct {
	SiteTitle string
	Edition   *toolkit.Edition
	Rules     *plan.Rules
	Progress  *progress.Document
	Readiness toolkit.Readiness
	Result    plan.Result
	// Made is when the report was made, shown on it.
	Made time.Time
	// Client is the care provider the site is for (its client setting);
	// "" to name the organisation in the progress file instead.
	Client string
	// Version is the readykit version making the report, for the
	// workbook's properties; "" when not known.
	Version string
	// Carry says what moving the progress forward from an earlier edition
	// did; nil when the file was of the report's edition.
	Carry *progress.Carry
	// items are the edition's items, by id, to name those kept aside.
	items map[string]*toolkit.Item
	// order are the same items in the edition's order, for the register.
	order []*toolkit.Item
}

// New works out a report for progress against the edition's items.
func New(siteTitle string, edition *toolkit.Edition, items []*toolkit.Item, rules *plan.Rules, doc *progress.Document, made time.Time) *Report {
	status := statuses(doc)
	byID := map[string]*toolkit.Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	return &Report{
		SiteTitle: siteTitle, Edition: edition, Rules: rules, Progress: doc, Made: made, items: byID, order: items,
		Readiness: toolkit.Score(items, status),
		Result:    plan.Analyse(items, doc.PlanEntries(), rules, edition.Deadline.Time),
	}
}

// statuses are each item's status, by id, as toolkit.Score takes them.
func statuses(doc *progress.Document) map[string]string {
	status := map[string]string{}
	for id, e := range doc.Items {
		status[id] = e.Status
	}
	return status
}

func (r *Report) status() map[string]string { return statuses(r.Progress) }

// RegisterRows are the evidence register's rows: every item of the
// edition, in its order, with where its evidence is kept, when it was
// done and is next due for review, and why it is not applicable.
func (r *Report) RegisterRows() [][]string {
	return plan.RegisterRows(r.order, r.Progress.PlanEntries(), r.Progress.Published.Date)
}

// Decision is an item marked not applicable, with the reason given for it
// (plan.NoReason when none was).
type Decision struct {
	Item   *toolkit.Item
	Reason string
}

// NotApplicable are the items marked not applicable, in the edition's
// order, each with its reason.
func (r *Report) NotApplicable() []Decision {
	var out []Decision
	for _, it := range r.order {
		if e, ok := r.Progress.Items[it.ID]; ok && e.Status == toolkit.StatusNotApplicable {
			out = append(out, Decision{it, plan.NAReason(e.Entry)})
		}
	}
	return out
}

// PlanTitle names the plan: an improvement plan when a rule set judges
// it (NHS bodies, local authorities), else the action plan a care
// provider uploads when it publishes at Approaching Standards.
func (r *Report) PlanTitle() string {
	if r.Rules == nil {
		return "Approaching Standards action plan"
	}
	return "Improvement plan"
}

// CSV writes rows under header as CSV that Excel opens correctly: a UTF-8
// byte order mark, CRLF line ends, quotes only where needed, and any cell
// that a spreadsheet would run as a formula (starting with =, +, -, @, a
// tab or a carriage return) made into text with a leading apostrophe.
// csv.js does the same; both pass testdata/csv.
func CSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				c = "'" + c
			}
			if strings.ContainsAny(c, ",\"\r\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	return b.Bytes()
}
