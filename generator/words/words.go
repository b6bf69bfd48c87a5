// Package words writes the plain English that pages, reports and messages
// share: dates as people read them, counts with the right form of a noun,
// and lists joined with "and". One home, so that a page, a printed report
// and a terminal message never word the same thing two ways.
package words

import (
	"fmt"
	"strings"
	"time"
)

// Date writes a date as the pages write dates: 30 June 2026.
func Date(t time.Time) string { return t.Format("2 January 2006") }

// DayMonth writes the day and month alone, when the year goes without
// saying: 30 June.
func DayMonth(t time.Time) string { return t.Format("2 January") }

// Plural picks the singular or plural form for n: one when n is 1.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count writes n with its noun: "1 item", "3 items".
func Count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, Plural(n, one, many))
}

// Size writes a byte count as people read it: "1 MB", "1.5 MB", "64 KB",
// "300 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return Count(int(n), "byte", "bytes")
}

// And joins a list the way a sentence does: "a, b and c" with sep ", ",
// or "a; b and c" with sep "; " when the parts hold commas themselves.
// words.js's and is the same.
func And(parts []string, sep string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], sep) + " and " + parts[len(parts)-1]
}
