package toolkit

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
)

// TestScoreVectors runs the readiness vectors that scoring.js is tested
// against too (testdata/readiness at the repository's top), so the
// browser and the report command count alike.
func TestScoreVectors(t *testing.T) {
	type vector struct {
		Name  string `json:"name"`
		Items []struct {
			ID            string `json:"id"`
			Standard      int    `json:"standard"`
			Level         string `json:"level"`
			NotApplicable bool   `json:"notApplicable"`
		} `json:"items"`
		Progress *struct {
			Items map[string]struct {
				Status string `json:"status"`
			} `json:"items"`
		} `json:"progress"`
		Want Readiness `json:"want"`
	}
	for _, vec := range vectors.Load[vector](t, "readiness", 6) {
		v, f := vec.V, vec.File
		items := make([]*Item, len(v.Items))
		for i, it := range v.Items {
			items[i] = &Item{ID: it.ID, Standard: it.Standard, NotApplicable: it.NotApplicable}
			if err := items[i].Level.UnmarshalText([]byte(it.Level)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		status := map[string]string{}
		if v.Progress != nil {
			for id, e := range v.Progress.Items {
				status[id] = e.Status
			}
		}
		got := Score(items, status)
		if !reflect.DeepEqual(normal(got), normal(v.Want)) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(v.Want)
			t.Errorf("%s (%s):\n got %s\nwant %s", f, v.Name, g, w)
		}
	}
}

// normal makes empty and missing lists alike, as JSON does not tell them
// apart.
func normal(r Readiness) Readiness {
	fix := func(t Tally) Tally {
		if t.Blocking == nil {
			t.Blocking = []string{}
		}
		return t
	}
	r.Approaching, r.Met = fix(r.Approaching), fix(r.Met)
	out := map[string]Tally{}
	for k, t := range r.Standards {
		out[k] = fix(t)
	}
	r.Standards = out
	return r
}
