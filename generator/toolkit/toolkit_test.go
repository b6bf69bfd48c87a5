package toolkit

import (
	"slices"
	"testing"
)

func TestCompareItems(t *testing.T) {
	items := []*Item{
		{ID: "passwords", Standard: 4},
		{ID: "1.3.12", Ref: "1.3.12", Standard: 1},
		{ID: "10.1.2", Ref: "10.1.2", Standard: 10},
		{ID: "own-devices", Standard: 1},
		{ID: "1.3.2", Ref: "1.3.2", Standard: 1},
		{ID: "4.1.1", Ref: "4.1.1", Standard: 4},
	}
	slices.SortFunc(items, compareItems)
	var got []string
	for _, it := range items {
		got = append(got, it.ID)
	}
	want := []string{"1.3.2", "1.3.12", "own-devices", "4.1.1", "passwords", "10.1.2"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestLevel(t *testing.T) {
	var l Level
	if err := l.UnmarshalText([]byte("met")); err != nil || l != Met || l.Name() != "Standards Met" || l.Key() != "met" {
		t.Errorf("met: %v %v", l, err)
	}
	if err := l.UnmarshalText([]byte("exceeded")); err == nil {
		t.Error("exceeded is not an item level")
	}
}
