package report

import (
	"strconv"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// GroupRow is one care home's (or client's) line in the group view,
// worked out from its exported progress file.
type GroupRow struct {
	// Name is the organisation's name, or the file's name when none was
	// given, so every row says whose it is.
	Name    string
	ODSCode string
	Site    string
	// Edition is the edition's short title, such as 2026-27.
	Edition     string
	Approaching toolkit.Tally
	Met         toolkit.Tally
	// Overdue counts the plan's rows (mandatory items not done) whose
	// target date is before today.
	Overdue int
	// Next is the earliest target date from today on among those rows,
	// else the edition's deadline, as YYYY-MM-DD.
	Next string
	// Updated is the day the progress was last saved (its export), as
	// YYYY-MM-DD in the time zone it was written in; "" if not known.
	Updated string
	// File is the progress file's name, without its folder.
	File string
}

// NewGroupRow works out the row for doc, read from the file named file,
// against the edition's items (in order) and its deadline, on the day
// today. The readiness and the plan's rows are toolkit.Score's and
// plan.Analyse's, so the row agrees with the care home's own pages.
func NewGroupRow(file string, doc *progress.Document, items []*toolkit.Item, deadline, today time.Time) GroupRow {
	status := map[string]string{}
	for id, e := range doc.Items {
		status[id] = e.Status
	}
	r := toolkit.Score(items, status)
	row := GroupRow{Name: doc.Organisation.Name, ODSCode: doc.Organisation.ODSCode, Site: doc.Site,
		Edition: progress.EditionTitle(doc.Edition), Approaching: r.Approaching, Met: r.Met, File: file}
	if row.Name == "" {
		row.Name = file
	}
	if !doc.Updated.IsZero() {
		row.Updated = doc.Updated.Format(time.DateOnly)
	}
	// Dates compare as YYYY-MM-DD text, as the browser compares them.
	day := today.Format(time.DateOnly)
	for _, g := range plan.Analyse(items, doc.PlanEntries(), nil, deadline).Gaps {
		due := g.Entry.Due
		if _, err := content.ParseDate(due); err != nil {
			continue
		}
		switch {
		case due < day:
			row.Overdue++
		case row.Next == "" || due < row.Next:
			row.Next = due
		}
	}
	if row.Next == "" && !deadline.IsZero() {
		row.Next = deadline.Format(time.DateOnly)
	}
	return row
}

// percent is how much of a tally is done, in whole per cent rounded down,
// so that 100 means all of it; a level with nothing needed (every item
// not applicable) is 100.
func percent(t toolkit.Tally) int {
	if t.Total == 0 {
		return 100
	}
	return t.Done * 100 / t.Total
}

// Cells are the row as text, in plan.GroupColumns' order, as the CSV and the
// browser's table hold it.
func (r GroupRow) Cells() []string {
	of := func(t toolkit.Tally) string { return strconv.Itoa(t.Done) + " of " + strconv.Itoa(t.Total) }
	pc := func(t toolkit.Tally) string { return strconv.Itoa(percent(t)) + "%" }
	return []string{r.Name, r.ODSCode, r.Site, r.Edition, of(r.Approaching), pc(r.Approaching), of(r.Met), pc(r.Met),
		strconv.Itoa(r.Overdue), r.Next, r.Updated, r.File}
}

// Skipped is a file the group view could not use, and why, in words for
// the person who picked it.
type Skipped struct {
	File string
	Why  string
}

// GroupReport is the group view: a row for each file that could be used,
// in the order given, and the files skipped.
type GroupReport struct {
	SiteTitle string
	// Edition is the site's edition, whose deadline is the fallback for
	// each row's next deadline.
	Edition *toolkit.Edition
	Rows    []GroupRow
	Skipped []Skipped
	// Made is when the report was made, shown on it.
	Made time.Time
}

// CSV is the group view's table as CSV (see CSV).
func (g *GroupReport) CSV() []byte {
	rows := make([][]string, len(g.Rows))
	for i, r := range g.Rows {
		rows[i] = r.Cells()
	}
	return CSV(plan.GroupColumns, rows)
}
