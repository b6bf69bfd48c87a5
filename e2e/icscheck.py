"""Reads an iCalendar file with a parser we did not write, and prints it as JSON.

readykit writes .ics files twice, in Go (the portal's /dspt-programme.ics)
and in JavaScript (the programme page's download), and each writer has its
own unit tests. Those tests read the output with the same ideas that wrote
it, so a shared misreading of RFC 5545 would pass them. This script is the
independent reader. It first checks the raw bytes against rules that
lenient parsers (icalendar among them) forgive: CRLF line ends, lines of at
most 75 octets folded between characters, and TEXT values escaped. Then it
parses the file with the icalendar package and prints what a calendar
would see:

  {"name": X-WR-CALNAME, "prodid", "version",
   "events": [{"uid", "summary", "description", "start": "YYYY-MM-DD",
               "end": "YYYY-MM-DD", "allDay", "dtstamp", "transp", "url"}]}

Usage: $PYTHON e2e/icscheck.py FILE.ics   (exits 1 with a message on any problem)
"""

import datetime
import json
import re
import sys

try:
    from icalendar import Calendar
except ImportError:
    sys.exit(f"icscheck: {sys.executable} has no icalendar package: "
             "run it with $PYTHON (Debian's python3 with python3-icalendar)")


def fail(msg):
    sys.exit(f"icscheck: {msg}")


def check_bytes(data):
    """RFC 5545 section 3.1: CRLF line ends, lines of at most 75 octets,
    folded without splitting a UTF-8 character."""
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for n, line in enumerate(data[:-2].split(b"\r\n"), 1):
        if b"\r" in line or b"\n" in line:
            fail(f"line {n} has a bare CR or LF: {line[:60]!r}")
        if len(line) > 75:
            fail(f"line {n} is {len(line)} octets, over 75: {line[:60]!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(f"line {n} is not UTF-8 on its own (a fold inside a character?): {e}")


# Properties whose value is a single TEXT (RFC 5545 section 3.3.11): in it
# "," and ";" are escaped with a backslash, and a backslash comes only
# before another, ";", ",", "n" or "N".
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME"}
CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)', re.S)
TEXT = re.compile(r'(?:[^\\;,]|\\[\\;,nN])*', re.S)


def check_text(data):
    """Unfolds the lines and checks the escaping of single TEXT values."""
    for n, line in enumerate(data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1], 1):
        m = CONTENT_LINE.fullmatch(line)
        if not m:
            fail(f"content line {n} is not NAME;PARAMS:VALUE: {line[:60]!r}")
        if m[1].upper() in TEXT_PROPERTIES and not TEXT.fullmatch(m[3]):
            fail(f"{m[1]} on content line {n} has an unescaped , or ; or a stray backslash: {m[3][:60]!r}")


def day(prop, what):
    """A DATE or DATE-TIME property as (YYYY-MM-DD, is it a plain date)."""
    if prop is None:
        fail(f"{what} is missing")
    d = prop.dt
    all_day = not isinstance(d, datetime.datetime)
    return d.isoformat()[:10], all_day


def text(component, name):
    v = component.get(name)
    return None if v is None else str(v)


def main():
    if len(sys.argv) != 2:
        fail("usage: icscheck.py FILE.ics")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    check_bytes(data)
    check_text(data)
    try:
        cal = Calendar.from_ical(data.decode("utf-8"))
    except Exception as e:  # icalendar raises ValueError and others
        fail(f"icalendar cannot parse it: {e}")
    problems = [(c.name, e) for c in cal.walk() for e in getattr(c, "errors", [])]
    if problems:
        fail(f"icalendar found errors: {problems}")

    events = []
    for ev in cal.walk("VEVENT"):
        start, all_day = day(ev.get("dtstart"), "an event's DTSTART")
        end, end_all_day = day(ev.get("dtend"), "an event's DTEND")
        if end_all_day != all_day:
            fail(f"DTSTART and DTEND of {text(ev, 'uid')} are not both dates or both date-times")
        stamp = ev.get("dtstamp")
        events.append({
            "uid": text(ev, "uid"),
            "summary": text(ev, "summary"),
            "description": text(ev, "description"),
            "start": start,
            "end": end,
            "allDay": all_day,
            "dtstamp": stamp.dt.isoformat() if stamp is not None else None,
            "transp": text(ev, "transp"),
            "url": text(ev, "url"),
        })
    json.dump({
        "name": text(cal, "x-wr-calname"),
        "prodid": text(cal, "prodid"),
        "version": text(cal, "version"),
        "events": events,
    }, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
