package generator

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
)

// Model is a site's settings and toolkit data without its pages or theme:
// what commands such as readykit report need.
type Model struct {
	Config Config
	Data   *toolkit.Data
	// Rules are the rule sets improvement plans can be judged by, sorted
	// by id; DefaultRules is the one the site names or else the newest.
	Rules        []*plan.Rules
	DefaultRules *plan.Rules
}

// RuleSet returns the rule set with the given id, or nil.
func (m *Model) RuleSet(id string) *plan.Rules {
	for _, r := range m.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// EditionItems returns every edition's items, as that edition words
// them, by edition id.
func (m *Model) EditionItems() map[string][]*toolkit.Item {
	out := map[string][]*toolkit.Item{}
	for _, e := range m.Data.Editions {
		out[e.ID] = m.Data.View(e).Items
	}
	return out
}

// RuleIDs lists the rule sets' ids, for messages.
func (m *Model) RuleIDs() []string {
	ids := make([]string, len(m.Rules))
	for i, r := range m.Rules {
		ids[i] = r.ID
	}
	return ids
}

// Load reads and checks a site's settings and data (editions, standards,
// items, glossary, programme and plan rules), but not its pages or theme.
func Load(src fs.FS) (*Model, error) {
	return LoadClient(src, "")
}

// LoadClient is Load for one client of the portfolio in src: its settings
// over the shared ones, and its data files over the shared data. Problems
// name the file they are in, the client's or the shared one. An empty
// client is Load.
func LoadClient(src fs.FS, client string) (*Model, error) {
	b, err := newBuilder(Options{Source: src, Client: client})
	if err != nil {
		return nil, &StageError{Stage: "load", Err: err}
	}
	m, err := b.loadModel()
	if b.origin != nil {
		relocate(err, b.origin)
	}
	return m, err
}

func (b *builder) loadModel() (*Model, error) {
	var errs diag.List
	cerrs, ok := b.loadConfig()
	if errs.Add(cerrs...); ok {
		errs.Add(b.loadData()...)
	}
	if errs.Len() > 0 {
		return nil, &StageError{Stage: "load", Err: errs.Err()}
	}
	errs.Add(b.checkData()...)
	if errs.Len() > 0 {
		return nil, &StageError{Stage: "check", Err: errs.Err()}
	}
	return b.model(), nil
}

// checkData validates the data as a whole, apart from pages: the toolkit
// data, the programme, the plan rules and what the settings name. Like
// check, it changes nothing; the rule sets are in order of id from load.
func (b *builder) checkData() []error {
	var errs diag.List
	errs.Add(b.data.Check(b.prog.Weeks)...)
	if !b.progUnread {
		errs.Add(b.prog.Check()...)
	}
	for i, r := range b.rules {
		errs.Add(r.Check()...)
		if i > 0 && b.rules[i-1].ID == r.ID {
			errs.Addf(r.Src.At("id"), "Give each rule set its own id", "rule set %q is defined twice; the other is at %s", r.ID, b.rules[i-1].Src.At("id"))
		}
	}
	if b.cfg.PlanRules != "" && b.model().RuleSet(b.cfg.PlanRules) == nil {
		ids := b.model().RuleIDs()
		hint := "Use one of: " + strings.Join(ids, ", ")
		if len(ids) == 0 {
			hint = "Add a rule set under " + plansDir + ", or remove the line"
		} else if s := content.Suggest(b.cfg.PlanRules, ids); s != "" {
			hint = fmt.Sprintf("Did you mean %q?", s)
		}
		errs.Addf(b.cfg.Src.At("planRules"), hint, "there is no plan rule set %q", b.cfg.PlanRules)
	}
	return errs.Unwrap()
}

func (b *builder) model() *Model {
	m := &Model{Config: b.cfg, Data: &b.data, Rules: b.rules}
	if m.DefaultRules = m.RuleSet(b.cfg.PlanRules); m.DefaultRules == nil && len(b.rules) > 0 {
		m.DefaultRules = b.rules[len(b.rules)-1]
	}
	return m
}
