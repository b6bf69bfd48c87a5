package report

import (
	"strings"
	"testing"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/toolkit"
)

// asideReport reads a progress file for a small 2024-25 edition and makes
// its report.
func asideReport(t *testing.T, file string) *Report {
	t.Helper()
	items := []*toolkit.Item{
		{ID: "1.1.1", Ref: "1.1.1", Title: "Named lead", Level: toolkit.Approaching},
		{ID: "1.1.2", Ref: "1.1.2", Title: "Data map", Level: toolkit.Approaching},
		{ID: "1.3.1", Ref: "1.3.1", Title: "Policies", Level: toolkit.Met},
		{ID: "own-devices", Title: "Own devices", Level: toolkit.Met, NotApplicable: true},
	}
	edition := &toolkit.Edition{ID: "dspt-2024-25-cat3", Title: "2024-25", Deadline: content.Date{Time: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}}
	doc, err := progress.Read("p.json", []byte(file), map[string][]*toolkit.Item{edition.ID: items})
	if err != nil {
		t.Fatal(err)
	}
	return New("Oak House guide", edition, items, nil, doc, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
}

// asideFile keeps aside one of each kind of thing; NOTE stands for a note
// too long to write here.
const asideFile = `{"format":"readykit-progress","version":1,"site":"oak","edition":"dspt-2024-25-cat3",
 "items":{"1.1.1":{"status":"met","reviewed":"yes"},"1.1.2":{"status":"not-applicable","owner":"Sam"},"9.9.8":{"status":"in-progress"},"Bad Id":{"status":"met"}},
 "kept":{"9.9.9":{"from":"dspt-2023-24-cat3","status":"met","notes":"From last year","due":"2024-05-30","reviewed":true},
  "1.3.1":{"from":"dspt-2023-24-cat3","status":"in-progress","owner":"Ann","priority":"high"},
  "1.1.1":{"from":"dspt-2023-24-cat3","evidence":"Blue folder"}},
 "leftOut":[
  {"id":"","field":"organisation.odsCode","value":"VN X12","why":"not-valid"},
  {"id":"","field":"programme.start","value":"2025-04-14","why":"not-valid"},
  {"id":"","field":"updated","value":"yesterday","why":"not-valid"},
  {"id":"own-devices","field":"status","value":"not-applicable","why":"not-allowed"},
  {"id":"9.9.9","field":"kept","value":{"from":"dspt-2022-23-cat3","status":"met","notes":"Oldest"},"why":"replaced"},
  {"id":"9.9.9","field":"kept","value":[1,2],"why":"replaced"},
  {"id":"9.9.9","field":"kept.due","value":"soon","why":"not-valid"},
  {"id":"8.8.8","field":"kept.notes","value":"x","why":"not-valid"},
  {"id":"1.1.2","field":"notes","value":"📋NOTE","why":"too-long"},
  {"id":"6.6.6","field":"owner","value":"Jo","why":"not-valid"},
  {"id":"1.1.2","field":"reviewed","value":"","why":"not-valid"},
  {"id":"1.1.1","field":"notes"}]}`

// TestAside: each kind of thing kept aside is said in words for a
// consultant: what it is, what it holds, why it is aside, and what the
// care provider can do, as the Your progress page says it.
func TestAside(t *testing.T) {
	r := asideReport(t, strings.Replace(asideFile, "NOTE", strings.Repeat("n", 5000), 1))
	rows := r.Aside()
	type row struct{ what, lines, why, todo string }
	want := []row{
		// Kept entries, by id.
		{"Item 1.1.1 (Named lead): what was saved for it in the 2023-24 edition", "Evidence location: Blue folder",
			"The item is in this edition, and the file has progress for it here as well.", "copy anything still needed into the item"},
		{"Item 1.3.1 (Policies): what was saved for it in the 2023-24 edition", "Status: In progress | Owner: Ann | Priority: High",
			"The item is in this edition again, so this fits.", putBack},
		{"Item 9.9.8: what was saved for it in the 2024-25 edition", "Status: In progress", "The 2024-25 edition has no item 9.9.8.", removeOnly},
		{"Item 9.9.9: what was saved for it in the 2023-24 edition", "Status: Done | Reviewed mark: yes | Note: From last year | Target date: 30 May 2024",
			"The 2024-25 edition has no item 9.9.9.", removeOnly},
		// Values left out, by id, field and value: the document's first.
		{"The organisation’s ODS code", "VN X12", `The ODS code "VN X12" is not letters and digits only.`, "set it again on the site"},
		{"The programme’s start date", "2025-04-14", "It fits now.", putBack},
		{"The progress file’s time last changed", "yesterday", "It is not a date and time. The site records this time by itself, so it is not needed.", "remove it"},
		{"Item 1.1.1 (Named lead): the reviewed mark", "yes", `The reviewed mark "yes" is not yes or no.`, "set it again on the site"},
		{"Item 1.1.2 (Data map): the note", "📋" + strings.Repeat("n", 299) + "… (5,002 characters in all)", "It is 5,002 characters long, and a note holds at most 5,000.", "set it again on the site"},
		{"Item 1.1.2 (Data map): the reviewed mark", "(empty)", `The reviewed mark "" is not yes or no.`, "set it again on the site"},
		{"Item 1.1.2 (Data map): the status", "Not applicable", "This item cannot be marked Not applicable in this edition.", "set it again on the site"},
		{"Item 6.6.6: the owner", "Jo", "The 2024-25 edition has no item 6.6.6, so this has nowhere to go.", removeOnly},
		{"Item 8.8.8: the note of the entry kept from an earlier edition", "x", "What was kept for item 8.8.8 has been removed, so this has nowhere to go.", removeOnly},
		{"Item 9.9.9: an earlier entry", "[1,2]", "It cannot be read as an entry.", "remove it"},
		{"Item 9.9.9: an earlier entry, saved in the 2022-23 edition", "Status: Done | Note: Oldest", "Another entry for the same item, kept instead, took its place.", "swap the two"},
		{"Item 9.9.9: the target date of the entry kept from an earlier edition", "soon", `The target date "soon" is not a date.`, "cannot be changed"},
		// An item without a reference is named by its id; it allows "not applicable" now.
		{"Item own-devices (Own devices): the status", "Not applicable", "It fits now.", putBack},
	}
	if len(rows) != len(want) {
		for _, a := range rows {
			t.Logf("%s | %s | %s", a.What, strings.Join(a.Lines, " | "), a.Why)
		}
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		a := rows[i]
		if a.What != w.what || strings.Join(a.Lines, " | ") != w.lines || a.Why != w.why || !strings.Contains(a.Todo, w.todo) {
			t.Errorf("row %d:\n got %q | %q | %q | %q\nwant %q | %q | %q | …%q…", i, a.What, strings.Join(a.Lines, " | "), a.Why, a.Todo, w.what, w.lines, w.why, w.todo)
		}
	}
	// What is lost (unreadable, or not kept) is listed apart, without what is kept aside.
	var unread []string
	for _, p := range r.Unread() {
		unread = append(unread, p.Message)
	}
	if want := []string{`Progress file: the entry "Bad Id" could not be read, so it was left out.`,
		"Progress file: 1 value could not be kept (unreadable or too many), so it was left out."}; strings.Join(unread, "\n") != strings.Join(want, "\n") {
		t.Errorf("unread:\n%s\nwant\n%s", strings.Join(unread, "\n"), strings.Join(want, "\n"))
	}

	// The HTML report has the section, and each row, escaped.
	html, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for _, s := range []string{"<h2>Kept aside in this progress file</h2>", "The progress file holds 17 things this report leaves out",
		"<td>Item 9.9.9: what was saved for it in the 2023-24 edition</td><td>Status: Done<br>Reviewed mark: yes<br>Note: From last year<br>Target date: 30 May 2024</td>",
		"The ODS code &#34;VN X12&#34; is not letters and digits only.", "Left out of the progress file, and not kept aside:",
		"<li>Progress file: the entry &#34;Bad Id&#34; could not be read, so it was left out.</li>"} {
		if !strings.Contains(page, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	// A problem kept aside is not listed twice.
	if strings.Contains(page, "so it was left out.</li>") && strings.Contains(page, "is not letters and digits only, so it was left out") {
		t.Error("a value kept aside is listed again among what is lost")
	}
}

// TestAsideNone: a file that keeps nothing aside has no such section.
func TestAsideNone(t *testing.T) {
	r := asideReport(t, `{"format":"readykit-progress","version":1,"edition":"dspt-2024-25-cat3","items":{"1.1.1":{"status":"met"}}}`)
	html, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Aside()) != 0 || len(r.Unread()) != 0 || strings.Contains(string(html), "Kept aside") || strings.Contains(string(html), "Left out of the progress file") {
		t.Errorf("aside %v, unread %v, or a section for nothing", r.Aside(), r.Unread())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 5001: "5,001", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
