package toolkit

import (
	"maps"
	"slices"
	"testing"

	"github.com/readykit/readykit/generator/content"
)

func ids(items []*Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func texts(ids ...string) []content.Text {
	out := make([]content.Text, len(ids))
	for i, id := range ids {
		out[i] = content.Text{Value: id}
	}
	return out
}

func TestCompare(t *testing.T) {
	d := &Data{
		Items: []*Item{
			{ID: "1.1.1", Ref: "1.1.1", Standard: 1, Level: Approaching, Title: "ICO number"},
			{ID: "1.3.1", Ref: "1.3.1", Standard: 1, Level: Approaching, Title: "Policies"},
			{ID: "ico-old", Ref: "1.3.1", Standard: 1, Level: Approaching, Title: "ICO number"},
			{ID: "fax", Ref: "9.9.9", Standard: 9, Level: Met, Title: "Fax machines"},
			{ID: "4.5.3", Ref: "4.5.3", Standard: 4, Level: Met, Title: "MFA"},
		},
	}
	old := &Edition{ID: "old", Items: texts("ico-old", "1.3.1", "fax")}
	cur := &Edition{ID: "new", Previous: "old", Items: texts("1.1.1", "1.3.1", "4.5.3"),
		Mapping: map[string]content.Text{"ico-old": {Value: "1.1.1"}},
		Changes: map[string]*ItemChange{"1.3.1": {Level: Met, Asks: "Reworded.", Ref: "1.3.2"}},
	}
	d.Editions = []*Edition{old, cur}
	diff := compare(d.View(old), d.View(cur))

	if got := ids(diff.Added); !slices.Equal(got, []string{"4.5.3"}) {
		t.Errorf("added %v", got)
	}
	if got := ids(diff.Removed); !slices.Equal(got, []string{"fax"}) {
		t.Errorf("removed %v", got)
	}
	if len(diff.Moved) != 1 || diff.Moved[0].To.ID != "1.3.1" || diff.Moved[0].From.Level != Approaching || diff.Moved[0].To.Level != Met {
		t.Errorf("moved %+v", diff.Moved)
	}
	if len(diff.Reworded) != 1 || diff.Reworded[0].To.Asks != "Reworded." {
		t.Errorf("reworded %+v", diff.Reworded)
	}
	// ico-old (1.3.1) became 1.1.1; 1.3.1 became 1.3.2 by its change.
	if got := ids([]*Item{diff.Renumbered[0].To, diff.Renumbered[1].To}); !slices.Equal(got, []string{"1.3.1", "1.1.1"}) {
		t.Errorf("renumbered %v", got)
	}
	want := map[string]string{"ico-old": "1.1.1", "1.3.1": "1.3.1"}
	if !maps.Equal(diff.Carried, want) {
		t.Errorf("carried %v, want %v", diff.Carried, want)
	}
	// The shared item is not changed by an edition's view of it.
	if d.Items[1].Level != Approaching || d.Items[1].Ref != "1.3.1" {
		t.Errorf("a view changed the shared item: %+v", d.Items[1])
	}
	if h := d.History(); len(h) != 1 || h[0].To != cur {
		t.Errorf("history %+v", h)
	}
}
