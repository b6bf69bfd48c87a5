package programme

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/readykit/readykit/generator/internal/vectors"
)

// icsVector is the shape of testdata/ics/*.json, which
// tests/programme.test.js reads too.
type icsVector struct {
	Name  string
	Input struct {
		Today, Start, Deadline, YearlyDeadline string
		Weeks, MinWeeks                        int
	}
	Phases                []Phase
	Organisation, ID, URL string
	Stamp                 time.Time
	Want                  string
}

func TestICSVectors(t *testing.T) {
	for _, v := range vectors.Load[icsVector](t, "ics", 4) {
		t.Run(v.File, func(t *testing.T) {
			in := v.V.Input
			s := Plan(Input{Today: date(t, in.Today), Start: date(t, in.Start), Deadline: date(t, in.Deadline),
				YearlyDeadline: date(t, in.YearlyDeadline), Weeks: in.Weeks, MinWeeks: in.MinWeeks})
			got := NewCalendar(EventsInput{Schedule: s, Phases: v.V.Phases, Organisation: v.V.Organisation, ID: v.V.ID, URL: v.V.URL}, v.V.Stamp).ICS()
			if got != v.V.Want {
				gl, wl := strings.Split(got, "\r\n"), strings.Split(v.V.Want, "\r\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("got %d lines, want %d", len(gl), len(wl))
			}
			checkRFC5545(t, got)
		})
	}
}

// checkRFC5545 checks the rules of the format that a parser may forgive:
// CRLF only, no line over 75 octets, no character split across lines.
func checkRFC5545(t *testing.T, ics string) {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\r") {
		t.Fatal("line ends are not all CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		`a,b;c\d`:                 `a\,b\;c\\d`,
		"one\r\ntwo\rthree\nfour": `one\ntwo\nthree\nfour`,
		"bell\x07 del\x7f tab\t":  "bell del tab\t",
		"Tŷ 🏠":                    "Tŷ 🏠",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}
