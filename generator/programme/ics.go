package programme

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/readykit/readykit/generator/words"
)

// Calendar is an iCalendar file (RFC 5545) of all-day events: what a
// calendar program needs to put the programme in someone's diary.
type Calendar struct {
	// Name is shown by calendar programs that name imported calendars.
	Name   string
	Events []Event
	// stamp is when the file was made: DTSTAMP on every event. A build
	// uses the programme's start, so the same site gives the same file.
	stamp time.Time
}

// Event is one all-day event, from its first day to its last included.
type Event struct {
	Summary, Description, URL string
	From, To                  time.Time
	uid                       string // UID: a calendar replaces an event with the same one
}

// EventsInput is what the programme's events are made from.
type EventsInput struct {
	Schedule Schedule
	Phases   []Phase
	// Organisation names whose programme it is, when known.
	Organisation string
	// ID keeps the events' UIDs apart from other sites' and profiles':
	// a CalendarID, with a profile's id after it for a profile's.
	// With the deadline's year, it keeps them the same when the dates move
	// within a year, so a calendar that honours UIDs can replace the old
	// events when a changed plan is imported.
	ID string
	// URL is the programme page's full address, when known.
	URL string
}

// CalendarID is a site's identity in its calendar events' UIDs: its
// progress key and, when the site has an address, the address's host, as
// in "oak-house.oak-house.netlify.app". The progress key alone is not
// enough: two sites made alike share one until someone changes it, and
// importing both sites' calendars would then replace one's events with
// the other's. The host is read by plain string rules, not a URL parser,
// so that programme.js's calendarId gives the same for any address (the
// shared vectors in testdata/calendar-id check it): it is what follows
// the scheme, up to a path, query or fragment, without a user or port,
// with upper-case letters made lower-case and each run of other
// characters than letters, digits, dots and hyphens made one hyphen.
func CalendarID(progressKey, baseURL string) string {
	host := baseURL
	if m := scheme.FindStringIndex(host); m != nil {
		host = host[m[1]:]
	}
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	host = port.ReplaceAllString(host, "")
	host = strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, host)
	host = strings.Trim(notHost.ReplaceAllString(host, "-"), ".-")
	if host == "" {
		return progressKey
	}
	return progressKey + "." + host
}

var (
	scheme  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	port    = regexp.MustCompile(`:[0-9]*$`)
	notHost = regexp.MustCompile(`[^a-z0-9.-]+`)
)

// NewCalendar makes the programme's calendar, stamped with the time it
// is made.
func NewCalendar(in EventsInput, stamp time.Time) Calendar {
	name := "DSPT programme"
	if in.Organisation != "" {
		name += " for " + in.Organisation
	}
	return Calendar{Name: name, Events: events(in), stamp: stamp}
}

// events gives one event per phase, the deadline, and a reminder a week
// before it. The words match programme.js's, which the shared vectors check.
func events(in EventsInput) []Event {
	s := in.Schedule
	year := s.Deadline.Format("2006")
	who := ""
	if in.Organisation != "" {
		who = in.Organisation + ": "
	}
	uid := func(kind string) string { return fmt.Sprintf("%s-%s-%s@readykit", kind, year, in.ID) }
	weeks := len(s.Weeks)
	var out []Event
	for i, ph := range in.Phases {
		span := s.Span(ph.From, ph.To)
		out = append(out, Event{
			uid:     uid(fmt.Sprintf("phase%d", i+1)),
			Summary: who + "DSPT " + strings.ToLower(ph.WeekRange()[:1]) + ph.WeekRange()[1:] + ": " + ph.Name,
			Description: fmt.Sprintf("%s of your %d-week programme for the Data Security and Protection Toolkit, to publish by %s.\n\n%s",
				ph.WeekRange(), weeks, words.Date(s.Deadline), ph.Work),
			URL: in.URL, From: span.From, To: span.To,
		})
	}
	out = append(out,
		Event{
			uid:         uid("reminder"),
			Summary:     who + "DSPT deadline in one week",
			Description: fmt.Sprintf("Your Data Security and Protection Toolkit must be published by %s. Check that every item is done or has a plan.", words.Date(s.Deadline)),
			URL:         in.URL, From: s.Deadline.AddDate(0, 0, -7), To: s.Deadline.AddDate(0, 0, -7),
		},
		Event{
			uid:         uid("deadline"),
			Summary:     who + "DSPT deadline: publish the toolkit today",
			Description: "Today is the last day to publish your Data Security and Protection Toolkit assessment.",
			URL:         in.URL, From: s.Deadline, To: s.Deadline,
		})
	return out
}

// String writes the span as people read it, saying a month or year
// once when both days share it: 13 to 19 April 2026.
func (s Span) String() string {
	switch {
	case s.From.Equal(s.To):
		return words.Date(s.From)
	case s.From.Year() != s.To.Year():
		return words.Date(s.From) + " to " + words.Date(s.To)
	case s.From.Month() != s.To.Month():
		return words.DayMonth(s.From) + " to " + words.Date(s.To)
	}
	return s.From.Format("2") + " to " + words.Date(s.To)
}

// ICS writes the calendar as RFC 5545 text: CRLF line ends, lines folded
// at 75 octets, text escaped.
func (c Calendar) ICS() string {
	var b strings.Builder
	line := func(name, value string) { fold(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//readykit//DSPT programme//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escape(c.Name))
	stamp := c.stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", escape(e.uid))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", e.From.Format("20060102"))
		// An all-day event ends on the day after its last.
		line("DTEND;VALUE=DATE", e.To.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY", escape(e.Summary))
		line("DESCRIPTION", escape(e.Description))
		if e.URL != "" {
			line("URL", e.URL)
		}
		// All-day reminders should not show the person as busy.
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.String()
}

// escape makes text safe as an iCalendar TEXT value: backslashes, commas
// and semicolons escaped, line breaks as \n, other control characters
// (which TEXT cannot hold) dropped.
func escape(s string) string {
	var b strings.Builder
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t', r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line, split so that no line is longer than 75
// octets, never inside a character; each continuation starts with a space.
func fold(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		cut := 0
		for cut < len(s) {
			_, n := utf8.DecodeRuneInString(s[cut:])
			if cut+n > limit {
				break
			}
			cut += n
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
