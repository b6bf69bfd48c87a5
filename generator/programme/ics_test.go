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
	// Site and BaseURL, when given, are what ID is made from.
	Site, BaseURL string
	Stamp         time.Time
	Want          string
}

func TestICSVectors(t *testing.T) {
	for _, v := range vectors.Load[icsVector](t, "ics", 4) {
		t.Run(v.File, func(t *testing.T) {
			in := v.V.Input
			if v.V.Site != "" {
				if id := CalendarID(v.V.Site, v.V.BaseURL); id != v.V.ID {
					t.Fatalf("CalendarID(%q, %q) = %q, want %q", v.V.Site, v.V.BaseURL, id, v.V.ID)
				}
			}
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

// TestCalendarIDVectors checks the rule that programme.js's calendarId
// follows too.
func TestCalendarIDVectors(t *testing.T) {
	type idCase struct{ Site, BaseURL, Want string }
	var all []idCase
	for _, v := range vectors.Load[struct{ Cases []idCase }](t, "calendar-id", 2) {
		for _, c := range v.V.Cases {
			if got := CalendarID(c.Site, c.BaseURL); got != c.Want {
				t.Errorf("%s: CalendarID(%q, %q) = %q, want %q", v.File, c.Site, c.BaseURL, got, c.Want)
			}
			all = append(all, c)
		}
	}
	// Sites that differ in key or host never share an identity.
	seen := map[string]idCase{}
	for _, c := range all {
		if o, ok := seen[c.Want]; ok && (o.Site != c.Site || CalendarID("", o.BaseURL) != CalendarID("", c.BaseURL)) {
			t.Errorf("%+v and %+v share %q", o, c, c.Want)
		}
		seen[c.Want] = c
	}
}

// Two clients' calendars, even with the same dates and the same progress
// key, share no UID once their addresses differ.
func TestCalendarsOfTwoSitesShareNoUID(t *testing.T) {
	s := Plan(Input{Start: date(t, "2027-04-12"), YearlyDeadline: date(t, "2024-06-30"), Weeks: 10, MinWeeks: 8})
	phases := []Phase{{Name: "One", From: 1, To: 5}, {Name: "Two", From: 6, To: 10}}
	uids := func(key, base string) map[string]bool {
		out := map[string]bool{}
		ics := NewCalendar(EventsInput{Schedule: s, Phases: phases, ID: CalendarID(key, base)}, s.Start).ICS()
		for _, l := range strings.Split(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n") {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				out[u] = true
			}
		}
		if len(out) != len(phases)+2 {
			t.Fatalf("%d UIDs in\n%s", len(out), ics)
		}
		return out
	}
	for _, pair := range [][2][2]string{
		{{"oak-house", ""}, {"elm-lodge", ""}},
		{{"readykit", "https://oak-house.netlify.app/"}, {"readykit", "https://elm-lodge.netlify.app/"}},
		{{"oak-house", "https://smithcare.example/oak-house/"}, {"elm-lodge", "https://smithcare.example/elm-lodge/"}},
	} {
		a := uids(pair[0][0], pair[0][1])
		for u := range uids(pair[1][0], pair[1][1]) {
			if a[u] {
				t.Errorf("%v and %v share UID %s", pair[0], pair[1], u)
			}
		}
	}
	// The same site gives the same UIDs in every build.
	a, b := uids("oak-house", "https://oak-house.netlify.app/"), uids("oak-house", "https://oak-house.netlify.app/")
	for u := range a {
		if !b[u] {
			t.Errorf("UID %s not made again", u)
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
