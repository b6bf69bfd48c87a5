package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// table is a plain-text table in Markdown's pipe syntax, its columns
// padded to line up, so it reads in a terminal and pastes into an issue.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t table) String() string {
	width := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			if i < len(width) {
				width[i] = max(width[i], utf8.RuneCountInString(c))
			}
		}
	}
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString("|")
		for i := range width {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)) + " |")
		}
		b.WriteString("\n")
	}
	line(t.header)
	b.WriteString("|")
	for _, w := range width {
		b.WriteString(strings.Repeat("-", w+2) + "|")
	}
	b.WriteString("\n")
	for _, r := range t.rows {
		line(r)
	}
	return b.String()
}

// seconds formats a summary of seconds as "0.652 s (0.640–0.700)".
func seconds(s summary) string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f s (%.3f–%.3f)", s.Median, s.Min, s.Max)
}

// millis formats a summary of seconds in milliseconds, with its p95:
// "463 ms, p95 1500, max 1620".
func millis(s summary) string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f ms, p95 %.0f, max %.0f", s.Median*1e3, s.P95*1e3, s.Max*1e3)
}

// millisRange formats a summary of seconds in milliseconds with its
// range: "980 ms (950–1010)".
func millisRange(s summary) string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f ms (%.0f–%.0f)", s.Median*1e3, s.Min*1e3, s.Max*1e3)
}

// megabytes formats a summary of bytes in MB (2^20) with its range.
func megabytes(s summary) string {
	if s.N == 0 {
		return "–"
	}
	const mb = 1 << 20
	return fmt.Sprintf("%.0f MB (%.0f–%.0f)", s.Median/mb, s.Min/mb, s.Max/mb)
}

// ratio formats a/b to two places, or "–" when either is zero, which is
// a figure not measured.
func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}
