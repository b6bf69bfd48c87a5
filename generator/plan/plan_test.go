package plan

import (
	"reflect"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/toolkit"
)

// vectorItem is an item as the shared vectors give it: toolkit.json's
// shape, which the plan and register vectors share.
type vectorItem struct {
	ID            string `json:"id"`
	Ref           string `json:"ref"`
	Title         string `json:"title"`
	Standard      int    `json:"standard"`
	Level         string `json:"level"`
	NotApplicable bool   `json:"notApplicable"`
	Confidence    string `json:"confidence"`
	Review        *struct {
		Months     int    `json:"months"`
		Source     string `json:"source"`
		Confidence string `json:"confidence"`
		Check      bool   `json:"check"`
	} `json:"review"`
}

// vectorItems makes the toolkit's items of a vector's, from file f.
func vectorItems(t *testing.T, f string, in []vectorItem) []*toolkit.Item {
	t.Helper()
	items := make([]*toolkit.Item, len(in))
	for i, it := range in {
		items[i] = &toolkit.Item{ID: it.ID, Ref: it.Ref, Title: it.Title, Standard: it.Standard, NotApplicable: it.NotApplicable,
			Confidence: toolkit.Confidence(it.Confidence)}
		if err := items[i].Level.UnmarshalText([]byte(it.Level)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if r := it.Review; r != nil {
			items[i].Review = &toolkit.Review{Months: toolkit.Months(r.Months), Basis: r.Source, Confidence: toolkit.Confidence(r.Confidence)}
			// The vector's check mark is toolkit.json's: what the
			// confidence says.
			if r.Check != items[i].Review.Confidence.NeedsCheck() {
				t.Errorf("%s: %s: review check %v for confidence %s", f, it.ID, r.Check, r.Confidence)
			}
		}
	}
	return items
}

// TestVectors runs the plan vectors that plan.js is tested against too
// (testdata/plan at the repository's top), so the browser and readykit
// report find the same gaps and judge the plan alike.
func TestVectors(t *testing.T) {
	type vector struct {
		Name     string       `json:"name"`
		Rules    *Rules       `json:"rules"`
		Deadline string       `json:"deadline"`
		Items    []vectorItem `json:"items"`
		Progress struct {
			Items map[string]Entry `json:"items"`
		} `json:"progress"`
		Want struct {
			Gaps     []string `json:"gaps"`
			Findings []struct {
				ID   string `json:"id"`
				Rule string `json:"rule"`
			} `json:"findings"`
			Agreed   bool       `json:"agreed"`
			Latest   string     `json:"latest"`
			Verdict  string     `json:"verdict"`
			PlanRows [][]string `json:"planRows"`
			GapRows  [][]string `json:"gapRows"`
			// Only the action plan vectors have these.
			ActionSummary *string           `json:"actionSummary"`
			ActionNotes   map[string]string `json:"actionNotes"`
		} `json:"want"`
	}
	for _, vec := range vectors.Load[vector](t, "plan", 7) {
		v, f := vec.V, vec.File
		items := vectorItems(t, f, v.Items)
		deadline, err := time.Parse(time.DateOnly, v.Deadline)
		if err != nil {
			t.Fatalf("%s: deadline: %v", f, err)
		}
		got := Analyse(items, v.Progress.Items, v.Rules, deadline)
		name := f + " (" + v.Name + ")"

		var gaps []string
		for _, g := range got.Gaps {
			gaps = append(gaps, g.Item.ID)
		}
		if !reflect.DeepEqual(gaps, v.Want.Gaps) && !(len(gaps) == 0 && len(v.Want.Gaps) == 0) {
			t.Errorf("%s: gaps %v, want %v", name, gaps, v.Want.Gaps)
		}
		type fid struct{ ID, Rule string }
		var gotF, wantF []fid
		for _, x := range got.Findings {
			gotF = append(gotF, fid{x.Item, x.Rule})
		}
		for _, x := range v.Want.Findings {
			wantF = append(wantF, fid{x.ID, x.Rule})
		}
		if !reflect.DeepEqual(gotF, wantF) {
			t.Errorf("%s: findings %v, want %v", name, gotF, wantF)
		}
		if got.Agreed != v.Want.Agreed || got.latest != v.Want.Latest {
			t.Errorf("%s: agreed %v latest %q, want %v %q", name, got.Agreed, got.latest, v.Want.Agreed, v.Want.Latest)
		}
		if got.Verdict() != v.Want.Verdict {
			t.Errorf("%s: verdict\n %q\nwant\n %q", name, got.Verdict(), v.Want.Verdict)
		}
		if rows := got.PlanRows(); !equalRows(rows, v.Want.PlanRows) {
			t.Errorf("%s: plan rows\n %q\nwant\n %q", name, rows, v.Want.PlanRows)
		}
		if rows := got.GapRows(); !equalRows(rows, v.Want.GapRows) {
			t.Errorf("%s: gap rows\n %q\nwant\n %q", name, rows, v.Want.GapRows)
		}
		if v.Want.ActionSummary != nil {
			if s := got.ActionSummary(); s != *v.Want.ActionSummary {
				t.Errorf("%s: action summary\n %q\nwant\n %q", name, s, *v.Want.ActionSummary)
			}
			notes := map[string]string{}
			for _, g := range got.Gaps {
				if n := MissingNote(g.Entry); n != "" {
					notes[g.Item.ID] = n
				}
			}
			if !reflect.DeepEqual(notes, v.Want.ActionNotes) && !(len(notes) == 0 && len(v.Want.ActionNotes) == 0) {
				t.Errorf("%s: action notes %q, want %q", name, notes, v.Want.ActionNotes)
			}
		}
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestFor: a care provider's plan is judged by no rule set, even one the
// site names; an NHS body or local authority gets the site's rule set when
// it applies to them, or else the newest that does.
func TestFor(t *testing.T) {
	nhs := &Rules{ID: "2020-21", AppliesTo: []string{"nhs-body"}}
	both := &Rules{ID: "2024-25", AppliesTo: []string{"nhs-body", "local-authority"}}
	sets := []*Rules{nhs, both}
	for _, c := range []struct {
		def     *Rules
		orgType string
		want    *Rules
	}{
		{both, CareProvider, nil},
		{nhs, CareProvider, nil},
		{nhs, "nhs-body", nhs},
		{nil, "nhs-body", both},
		{nhs, "local-authority", both},
	} {
		if got := For(sets, c.def, c.orgType); got != c.want {
			t.Errorf("For(default %v, %s) = %v, want %v", c.def, c.orgType, got, c.want)
		}
	}
	if w := both.Whom(); w != "NHS bodies and local authorities" {
		t.Errorf("Whom() = %q", w)
	}
	if w := (&Rules{AppliesTo: []string{"local-authority", CareProvider, "nhs-body"}}).Whom(); w != "care providers, NHS bodies and local authorities" {
		t.Errorf("Whom() = %q", w)
	}
}
