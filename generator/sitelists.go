package generator

import (
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/toolkit"
)

// Levels returns the levels the edition's items are at, in order
// (Approaching Standards, Standards Met, then optional), for a choice such
// as the checklist's filter: a level no item has is left out.
func (s *Site) Levels() []toolkit.Level {
	var out []toolkit.Level
	for _, it := range s.Items {
		if !slices.Contains(out, it.Level) {
			out = append(out, it.Level)
		}
	}
	slices.Sort(out)
	return out
}

// Roles returns the roles the edition's items say usually do the work,
// each once, by name.
func (s *Site) Roles() []toolkit.Role {
	var out []toolkit.Role
	for _, it := range s.Items {
		for _, r := range it.Who {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	slices.SortFunc(out, func(a, b toolkit.Role) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}
