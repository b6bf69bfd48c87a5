package generator

import (
	"encoding/json"

	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

// toolkitJSON is /data/toolkit.json: what the browser needs to keep and
// score progress (the edition, its items and where earlier editions' items
// went) without parsing pages. Its shape is the contract with the
// JavaScript in themes/default/static/js.
type toolkitJSON struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Site    string `json:"site"`
	// BaseURL is the site's address, "" when it has none: with Site, the
	// browser makes calendar UIDs from it as programme.CalendarID does.
	BaseURL string `json:"baseURL"`
	Edition struct {
		ID       string `json:"id"`
		Title    string `json:"title"`
		Deadline string `json:"deadline"`
		// DeadlineText is the deadline in words, as the pages write it.
		DeadlineText string `json:"deadlineText"`
		Counts       struct {
			Approaching int `json:"approaching"`
			Met         int `json:"met"`
		} `json:"counts"`
	} `json:"edition"`
	Standards []jsonStandard `json:"standards"`
	Items     []jsonItem     `json:"items"`
	History   []jsonStep     `json:"history"`
	// Rules are the plan rule sets; DefaultRules the id of the one to use
	// unless the reader picks another.
	// OrganisationType is the site's: for a care provider, DefaultRules is
	// "" and the plan page is the Approaching Standards action plan.
	Rules            []jsonRules   `json:"rules"`
	DefaultRules     string        `json:"defaultRules"`
	OrganisationType string        `json:"organisationType"`
	Programme        jsonProgramme `json:"programme"`
	Labels           jsonLabels    `json:"labels"`
}

// jsonLabels are the words the browser shows that Go also writes (in
// pages, reports and files), so that the browser never spells them again.
type jsonLabels struct {
	// Statuses maps each status to its name: met to "Done".
	Statuses map[string]string `json:"statuses"`
	// RefToCheck stands for the reference of an item with no number.
	RefToCheck string `json:"refToCheck"`
	// CheckMark goes beside the reference of an item not confirmed, and
	// Confirmed in the "Reference status" cell of one that is.
	CheckMark string `json:"checkMark"`
	Confirmed string `json:"confirmed"`
	// NoReason stands for the reason of an item marked not applicable
	// without one; NotRecorded for where a done item's evidence is kept,
	// when nobody wrote it; NoDateYet for the next review of an item with
	// no date to count from.
	NoReason string `json:"noReason"`
	// Levels names each level key: approaching is "Approaching Standards".
	Levels      map[string]string `json:"levels"`
	NotRecorded string            `json:"notRecorded"`
	NoDateYet   string            `json:"noDateYet"`
}

// jsonProgramme is what programme.js needs to lay the programme out on
// the reader's dates: its shape, and the site's own dates if it fixes them.
type jsonProgramme struct {
	Weeks    int         `json:"weeks"`
	MinWeeks int         `json:"minWeeks"`
	Phases   []jsonPhase `json:"phases"`
	Start    string      `json:"start"`
	Deadline string      `json:"deadline"`
	Client   string      `json:"client"`
}

type jsonPhase struct {
	Name string `json:"name"`
	From int    `json:"from"`
	To   int    `json:"to"`
	Work string `json:"work"`
}

type jsonRules struct {
	ID                  string   `json:"id"`
	Title               string   `json:"title"`
	Source              string   `json:"source"`
	Required            []string `json:"required"`
	MonthsAfterDeadline int      `json:"monthsAfterDeadline"`
	Exceptional         bool     `json:"exceptional"`
	MaxOutstanding      int      `json:"maxOutstanding"`
	AppliesTo           []string `json:"appliesTo"`
	Whom                string   `json:"whom"`
}

type jsonStandard struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	URL    string `json:"url"`
}

type jsonItem struct {
	ID  string `json:"id"`
	Ref string `json:"ref"`
	// Label is the reference to show: Ref, or labels.refToCheck.
	Label         string `json:"label"`
	Title         string `json:"title"`
	Standard      int    `json:"standard"`
	Level         string `json:"level"`
	NotApplicable bool   `json:"notApplicable"`
	URL           string `json:"url"`
	Week          int    `json:"week"`
	// Confidence is how sure the data is of the item's number, level and
	// wording; Check is true unless it is confirmed, so every page, print
	// and file marks the item to check in the toolkit.
	Confidence string `json:"confidence"`
	Check      bool   `json:"check"`
	// Review is how often the item's evidence goes stale; left out when
	// it does not.
	Review *jsonReview `json:"review,omitempty"`
}

// jsonReview is an item's review rule. Check is true unless the rule is
// confirmed: every date worked out from it says to check it in the toolkit.
type jsonReview struct {
	Months     int    `json:"months"`
	Source     string `json:"source"`
	Confidence string `json:"confidence"`
	Check      bool   `json:"check"`
}

type jsonStep struct {
	From    string            `json:"from"`
	To      string            `json:"to"`
	Carried map[string]string `json:"carried"`
}

// toolkitData renders /data/toolkit.json. Maps marshal with sorted keys, so
// the file is the same for the same site.
func (b *builder) toolkitData() []byte {
	s := b.site
	out := toolkitJSON{Format: "readykit-toolkit", Version: 1, Site: s.Config.ProgressKey, BaseURL: b.cfg.BaseURL}
	out.Edition.ID = s.Edition.ID
	out.Edition.Title = s.Edition.Title
	out.Edition.Deadline = s.Edition.Deadline.String()
	if !s.Edition.Deadline.IsZero() {
		out.Edition.DeadlineText = words.Date(s.Edition.Deadline.Time)
	}
	out.Edition.Counts.Approaching = s.Edition.Counts.Approaching
	out.Edition.Counts.Met = s.Edition.Counts.Met
	out.Standards = []jsonStandard{}
	for _, st := range s.Standards {
		out.Standards = append(out.Standards, jsonStandard{st.Number, st.Name, b.relURL(standardURL(st.Number))})
	}
	out.Items = []jsonItem{}
	for _, it := range s.Items {
		ji := jsonItem{it.ID, it.Ref, it.Reference(), it.Title, it.Standard, it.Level.Key(), it.NotApplicable, b.relURL(itemURL(it.ID)), it.Week, string(it.Confidence), it.Confidence.NeedsCheck(), nil}
		if r := it.Review; r != nil {
			ji.Review = &jsonReview{int(r.Months), r.Basis, string(r.Confidence), r.Confidence.NeedsCheck()}
		}
		out.Items = append(out.Items, ji)
	}
	out.History = []jsonStep{}
	for _, d := range s.History {
		out.History = append(out.History, jsonStep{d.From.ID, d.To.ID, d.Carried})
	}
	out.Rules = []jsonRules{}
	for _, r := range s.Rules {
		out.Rules = append(out.Rules, jsonRules{r.ID, r.Title, r.Source, append([]string{}, r.Required...), r.MonthsAfterDeadline, r.Exceptional, r.MaxOutstanding,
			append([]string{}, r.AppliesTo...), r.Whom()})
	}
	out.OrganisationType = s.Config.OrganisationType
	if r := plan.For(s.Rules, s.DefaultRules, s.Config.OrganisationType); r != nil {
		out.DefaultRules = r.ID
	}
	p := s.Programme
	out.Programme = jsonProgramme{Weeks: p.Weeks, MinWeeks: p.MinWeeks, Phases: []jsonPhase{},
		Start: s.Config.Programme.Start.String(), Deadline: s.Config.Programme.Deadline.String(), Client: s.Config.Programme.Client}
	for _, ph := range p.Phases {
		out.Programme.Phases = append(out.Programme.Phases, jsonPhase{ph.Name, ph.From, ph.To, ph.Work})
	}
	out.Labels = jsonLabels{Statuses: map[string]string{}, RefToCheck: (&toolkit.Item{}).Reference(), CheckMark: plan.CheckMark,
		Confirmed: plan.RefStatus(&toolkit.Item{Confidence: toolkit.Confirmed}), NoReason: plan.NoReason, NotRecorded: plan.NotRecorded, NoDateYet: plan.NoDateYet, Levels: map[string]string{}}
	for _, l := range []toolkit.Level{toolkit.Approaching, toolkit.Met, toolkit.Optional} {
		out.Labels.Levels[l.Key()] = l.Name()
	}
	for _, st := range []string{toolkit.StatusNotStarted, toolkit.StatusInProgress, toolkit.StatusMet, toolkit.StatusNotApplicable} {
		out.Labels.Statuses[st] = toolkit.StatusName(st)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err) // plain values always marshal
	}
	return append(data, '\n')
}
