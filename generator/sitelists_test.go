package generator

import (
	"slices"
	"testing"

	"github.com/readykit/readykit/generator/toolkit"
)

func TestSiteLevelsAndRoles(t *testing.T) {
	s := &Site{Items: []*toolkit.Item{
		{ID: "a", Level: toolkit.Met, Who: []toolkit.Role{"manager", "it-provider"}},
		{ID: "b", Level: toolkit.Approaching, Who: []toolkit.Role{"all-staff", "manager"}},
		{ID: "c", Level: toolkit.Met, Who: []toolkit.Role{"office"}},
	}}
	if got, want := s.Levels(), []toolkit.Level{toolkit.Approaching, toolkit.Met}; !slices.Equal(got, want) {
		t.Errorf("Levels() = %v, want %v: each level once, in order, none that no item has", got, want)
	}
	// By name: All staff, IT provider, Office or HR staff, Registered manager.
	if got, want := s.Roles(), []toolkit.Role{"all-staff", "it-provider", "office", "manager"}; !slices.Equal(got, want) {
		t.Errorf("Roles() = %v, want %v", got, want)
	}
}
