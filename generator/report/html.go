package report

import (
	"bytes"
	_ "embed"
	"html/template"
	"strconv"

	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// The report is one file to email or print, so its styles travel inside
// it. It is never served as part of a site, whose strict policy forbids
// inline styles; it has no script at all.
//
//go:embed report.html
var reportHTML string

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"date":            day,
	"status":          toolkit.StatusName,
	"check":           func() string { return plan.CheckMark },
	"note":            plan.MissingNote,
	"cap":             plan.Capitalise,
	"plural":          words.Plural,
	"registerColumns": func() []string { return plan.RegisterColumns },
	"editionTitle":    progress.EditionTitle,
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
}).Parse(reportHTML))

// Group is the gaps needed first at one level.
type Group struct {
	Level toolkit.Level
	Gaps  []plan.Gap
}

// Groups splits the gaps by the level they are needed for.
func (r *Report) Groups() []Group {
	var out []Group
	for _, l := range []toolkit.Level{toolkit.Approaching, toolkit.Met} {
		g := Group{Level: l}
		for _, gap := range r.Result.Gaps {
			if gap.Item.Level == l {
				g.Gaps = append(g.Gaps, gap)
			}
		}
		out = append(out, g)
	}
	return out
}

// Findings returns the problems with one item's row.
func (r *Report) Findings(id string) []plan.Finding {
	var out []plan.Finding
	for _, f := range r.Result.Findings {
		if f.Item == id {
			out = append(out, f)
		}
	}
	return out
}

// StandardRows are the readiness of each standard with a mandatory item,
// in order. A standard whose mandatory items are all marked not applicable
// stays listed, and says so.
func (r *Report) StandardRows() []StandardRow {
	needed := map[int]bool{}
	for _, it := range r.order {
		if it.Level != toolkit.Optional {
			needed[it.Standard] = true
		}
	}
	var out []StandardRow
	for n := 1; n <= 50; n++ {
		if t, ok := r.Readiness.Standards[strconv.Itoa(n)]; ok && needed[n] {
			out = append(out, StandardRow{n, t, t.Total == 0})
		}
	}
	return out
}

// StandardRow is one standard's readiness. AllNA is true when every
// mandatory item of it is marked not applicable, so nothing is needed.
type StandardRow struct {
	Number int
	Tally  toolkit.Tally
	AllNA  bool
}

// HTML renders the report as a standalone page that prints on A4: the gap
// analysis and the not-applicable decisions upright, the plan and the
// evidence register landscape, and the organisation, edition and date at
// the top of every printed page.
func (r *Report) HTML() ([]byte, error) {
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
