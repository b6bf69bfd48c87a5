// Package plan turns saved progress into the two documents people take to
// a meeting: the gap analysis (every mandatory item not yet done) and the
// improvement plan (what will be done about each gap), and judges the plan
// by a rule set from the site's data, such as the 2024-25 guidance or the
// earlier 2020-21 one.
//
// The browser does the same in plan.js; both are tested against the
// vectors in testdata/plan, so a plan checked on screen and one checked by
// readykit report get the same findings.
package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// Rules is a rule set an improvement plan is judged by.
type Rules struct {
	ID     string `yaml:"id,required"`
	Title  string `yaml:"title,required"`
	Source string `yaml:"source,required"`
	// Required are the fields every row must have: action, owner, due.
	Required []string `yaml:"required"`
	// MonthsAfterDeadline is how long after the edition's deadline the
	// last completion date may be; 0 means no limit.
	MonthsAfterDeadline int `yaml:"monthsAfterDeadline"`
	// Exceptional lets a row marked exceptional go past that date.
	Exceptional bool `yaml:"exceptional"`
	// MaxOutstanding is the most gaps a plan may have; 0 means no limit.
	MaxOutstanding int `yaml:"maxOutstanding"`
	// AppliesTo are the organisation types the rule set is for, such as
	// nhs-body: improvement plans are not asked of care providers, who
	// write an Approaching Standards action plan that nobody approves.
	AppliesTo []string `yaml:"appliesTo,required"`
	Src       content.Source
}

// OrganisationTypes are the kinds of organisation a site can be for
// (organisationType in readykit.yaml), and what people call them.
var OrganisationTypes = map[string]string{
	CareProvider:      "care providers",
	"nhs-body":        "NHS bodies",
	"local-authority": "local authorities",
}

// CareProvider is the organisation type a site is for unless it says
// otherwise.
const CareProvider = "care-provider"

// TypeNames lists the organisation types in a fixed order, for messages.
var TypeNames = []string{CareProvider, "nhs-body", "local-authority"}

// AppliesToType reports whether the rule set is for organisations of type t.
func (r *Rules) AppliesToType(t string) bool { return slices.Contains(r.AppliesTo, t) }

// Whom says in words whom the rule set is for: "NHS bodies and local
// authorities".
func (r *Rules) Whom() string {
	var names []string
	for _, t := range TypeNames {
		if r.AppliesToType(t) {
			names = append(names, OrganisationTypes[t])
		}
	}
	return words.And(names, ", ")
}

// Fields a row may be required to have, and what they are called in
// messages.
var fieldNames = map[string]string{"action": "action", "owner": "owner", "due": "completion date", "priority": "priority", "milestones": "milestones"}

// Check validates a rule set.
func (r *Rules) Check() []error {
	var errs diag.List
	for _, f := range r.Required {
		if _, ok := fieldNames[f]; !ok {
			errs.Addf(r.Src.At("required"), "Use action, owner, due, priority or milestones", "%q is not a plan field", f)
		}
	}
	if len(r.AppliesTo) == 0 {
		errs.Addf(r.Src.At("appliesTo"), "List whom it is for, such as [nhs-body, local-authority]", "rule set %s applies to nobody", r.ID)
	}
	for _, t := range r.AppliesTo {
		if _, ok := OrganisationTypes[t]; !ok {
			errs.Addf(r.Src.At("appliesTo"), "Use one of: "+strings.Join(TypeNames, ", "), "%q is not an organisation type", t)
		}
	}
	if r.MonthsAfterDeadline < 0 || r.MaxOutstanding < 0 {
		errs.Addf(r.Src.Pos, "Use 0 for no limit, or a positive number", "a limit in rule set %s is negative", r.ID)
	}
	return errs.Unwrap()
}

// Entry is one item's saved progress, with its plan fields.
type Entry struct {
	Status       string `json:"status"`
	Reviewed     bool   `json:"reviewed"`
	Notes        string `json:"notes"`
	Evidence     string `json:"evidence"`
	Owner        string `json:"owner"`
	Due          string `json:"due"`
	Action       string `json:"action"`
	Milestones   string `json:"milestones"`
	Priority     string `json:"priority"`
	LocalRef     string `json:"localRef"`
	Dependencies string `json:"dependencies"`
	Exceptional  bool   `json:"exceptional"`
	// Reason is why the item is not applicable, as the user wrote it.
	Reason string `json:"reason"`
	// Done is the day (YYYY-MM-DD) the item was done or its evidence last
	// reviewed, from which its next review is counted.
	Done string `json:"done"`
}

// Gap is a mandatory item not yet done, with what the user saved about it.
type Gap struct {
	Item  *toolkit.Item
	Entry Entry
}

// Finding is one problem with a plan: a rule a row (or, with no item, the
// whole plan) breaks.
type Finding struct {
	Item string `json:"id"`
	Rule string `json:"rule"`
	// Message says what is wrong, in words for the plan's author.
	Message string `json:"message"`
}

// Result is a gap analysis and the judgement of its plan.
type Result struct {
	// Gaps are the mandatory items not done: those needed for Approaching
	// Standards first, then those needed only for Standards Met, each in
	// item order.
	Gaps     []Gap
	Findings []Finding
	// Agreed reports whether the plan meets every rule.
	Agreed bool

	latest   string   // the last completion date the rules allow, if they set one
	max      int      // the rules' limit on outstanding items
	required []string // the rules' required fields, for the verdict
}

// Analyse finds the gaps in progress (entries by item id) among the
// edition's items, and judges the plan for them by rules. deadline is the
// edition's publication deadline, from which the rules' date limit counts.
func Analyse(items []*toolkit.Item, progress map[string]Entry, rules *Rules, deadline time.Time) Result {
	var res Result
	// The gaps are what readiness says blocks each level: one rule for
	// what is done, in toolkit.Score.
	status := make(map[string]string, len(progress))
	for id, e := range progress {
		status[id] = e.Status
	}
	r := toolkit.Score(items, status)
	byID := make(map[string]*toolkit.Item, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	for _, id := range r.Approaching.Blocking {
		res.Gaps = append(res.Gaps, Gap{Item: byID[id], Entry: progress[id]})
	}
	for _, id := range r.Met.Blocking {
		if byID[id].Level == toolkit.Met {
			res.Gaps = append(res.Gaps, Gap{Item: byID[id], Entry: progress[id]})
		}
	}
	if rules == nil {
		res.Agreed = true
		return res
	}
	var latest time.Time
	if rules.MonthsAfterDeadline > 0 {
		latest = deadline.AddDate(0, rules.MonthsAfterDeadline, 0)
		res.latest = latest.Format(time.DateOnly)
	}
	for _, g := range res.Gaps {
		id := g.Item.ID
		for _, f := range rules.Required {
			if value(g.Entry, f) == "" {
				res.Findings = append(res.Findings, Finding{id, "missing-" + f, fmt.Sprintf("Item %s has no %s.", g.Item.Reference(), plain(f))})
			}
		}
		if g.Entry.Due == "" {
			continue
		}
		due, err := content.ParseDate(g.Entry.Due)
		switch {
		case err != nil:
			res.Findings = append(res.Findings, Finding{id, "bad-date", fmt.Sprintf("Item %s has a completion date that is not a date.", g.Item.Reference())})
		case !latest.IsZero() && due.After(latest) && !(rules.Exceptional && g.Entry.Exceptional):
			res.Findings = append(res.Findings, Finding{id, "too-late", fmt.Sprintf("Item %s is due on %s, after %s.", g.Item.Reference(), words.Date(due.Time), words.Date(latest))})
		}
	}
	res.max, res.required = rules.MaxOutstanding, rules.Required
	if rules.MaxOutstanding > 0 && len(res.Gaps) > rules.MaxOutstanding {
		res.Findings = append(res.Findings, Finding{"", "too-many", fmt.Sprintf("The plan covers %d outstanding items; no more than %d are allowed.", len(res.Gaps), rules.MaxOutstanding)})
	}
	res.Agreed = len(res.Findings) == 0
	return res
}

func value(e Entry, field string) string {
	switch field {
	case "action":
		return e.Action
	case "owner":
		return e.Owner
	case "due":
		return e.Due
	case "priority":
		return e.Priority
	case "milestones":
		return e.Milestones
	}
	return ""
}

func plain(field string) string { return fieldNames[field] }

// For picks the rule set a plan for an organisation of type orgType is
// checked against: def if it applies to that type, else the newest of
// sets (sorted by id) that does. It is nil for a care provider, whose
// action plan nobody approves and no rule set judges.
func For(sets []*Rules, def *Rules, orgType string) *Rules {
	if def != nil && def.AppliesToType(orgType) {
		return def
	}
	for i := len(sets) - 1; i >= 0; i-- {
		if sets[i].AppliesToType(orgType) {
			return sets[i]
		}
	}
	return nil
}
