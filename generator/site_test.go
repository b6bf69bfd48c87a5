package generator_test

import (
	"context"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// builtDefault builds the repository's site, optionally with another
// edition, and returns a function to read its pages.
func builtDefault(t *testing.T, edition string) func(path string) string {
	t.Helper()
	src := os.DirFS("..")
	if edition != "" {
		src = withEdition(t, edition)
	}
	var mem publish.Memory
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default()}, &mem); err != nil {
		t.Fatal(err)
	}
	return func(path string) string {
		data, ok := mem.Get(path)
		if !ok {
			t.Fatalf("no %s in the built site", path)
		}
		return string(data)
	}
}

// TestCheckNotes: every item that is not confirmed tells the reader to
// check it in the toolkit, on its own page and in the checklist; confirmed
// items do not.
func TestCheckNotes(t *testing.T) {
	data := defaultData(t)
	for _, edition := range data.EditionIDs() {
		page := builtDefault(t, edition)
		checklist := page("checklist/index.html")
		view := data.View(data.Edition(edition))
		unconfirmed := 0
		for _, it := range view.Items {
			needs := it.Confidence.NeedsCheck()
			if needs {
				unconfirmed++
			}
			item := page("items/" + it.ID + "/index.html")
			if got := strings.Contains(item, `class="check-note"`) && strings.Contains(item, "Check this in the toolkit"); got != needs {
				t.Errorf("%s, item %s (%s): check note shown %v", edition, it.ID, it.Confidence, got)
			}
			row := regexp.MustCompile(`(?s)<li class="task" id="item-` + regexp.QuoteMeta(it.ID) + `"[^>]*>.*?</li>`).FindString(checklist)
			if row == "" {
				t.Errorf("%s: item %s is not in the checklist", edition, it.ID)
			} else if got := strings.Contains(row, plan.CheckMark); got != needs {
				t.Errorf("%s, checklist row %s: check note shown %v", edition, it.ID, got)
			}
			if it.Ref == "" && !strings.Contains(row, "Reference to check") {
				t.Errorf("%s: item %s has no known number but the checklist does not say so", edition, it.ID)
			}
		}
		if unconfirmed == 0 {
			t.Errorf("%s: no unconfirmed items; the test would prove nothing", edition)
		}
	}
}

// TestWhatChanged reads the "what changed" page: 2024-25 adds only 4.5.3;
// 2025-26 adds 4.3.1 and 7.1.1, brings the optional 7.1.5, 7.1.6 and 8.3.8,
// and rewords 1.1.3, 1.1.5 and 1.3.1; the provisional 2026-27 changes no
// item and says where its list comes from. None removes anything.
func TestWhatChanged(t *testing.T) {
	page := builtDefault(t, "")("what-changed/index.html")
	for edition, want := range map[string][]string{
		"dspt-2024-25-cat3": {"4.5.3"},
		"dspt-2025-26-cat3": {"4.3.1", "7.1.1", "7.1.5", "7.1.6", "8.3.8"},
		"dspt-2026-27-cat3": nil,
	} {
		section := regexp.MustCompile(`(?s)<section class="edition-changes" id="changes-` + edition + `".*?</section>`).FindString(page)
		if section == "" {
			t.Errorf("no section for %s", edition)
			continue
		}
		if got := listed(section, "changes-added"); !slices.Equal(got, want) {
			t.Errorf("%s added %v, want %v", edition, got, want)
		}
		if got := listed(section, "changes-removed"); len(got) != 0 {
			t.Errorf("%s removed %v, want none", edition, got)
		}
		if !strings.Contains(section, `<p class="edition-source">Where the list comes from: `) || !strings.Contains(section, "Last checked 1 December 2026.") {
			t.Errorf("%s does not say where its list comes from and when it was checked", edition)
		}
	}
	section := regexp.MustCompile(`(?s)id="changes-dspt-2025-26-cat3".*?</section>`).FindString(page)
	if got := listed(section, "changes-reworded"); !slices.Equal(got, []string{"1.1.3", "1.1.5", "1.3.1"}) {
		t.Errorf("2025-26 reworded %v, want [1.1.3 1.1.5 1.3.1]", got)
	}
	section = regexp.MustCompile(`(?s)id="changes-dspt-2026-27-cat3".*?</section>`).FindString(page)
	if !strings.Contains(section, "2026-27 (provisional), compared with 2025-26") || !strings.Contains(section, "No items changed.") || !strings.Contains(section, "not yet checked it against the") {
		t.Errorf("2026-27 should change no item and say it is not yet checked:\n%s", section)
	}
	about := builtDefault(t, "")("about/index.html")
	if !strings.Contains(about, "2026-27 edition of the toolkit, which is provisional") || !strings.Contains(about, "Where the list comes from: Carried over from our 2025-26 list.") || !strings.Contains(about, "Last checked 1 December 2026.") {
		t.Errorf("the About page does not name the edition, where its list comes from and when it was checked")
	}
}

// listed returns the item ids in the list with the given class.
func listed(section, class string) []string {
	list := regexp.MustCompile(`(?s)<ul class="item-list ` + class + `">.*?</ul>`).FindString(section)
	var ids []string
	for _, m := range regexp.MustCompile(`data-item="([^"]+)"`).FindAllStringSubmatch(list, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// withEdition is the repository's site with readykit.yaml set to another
// edition.
func withEdition(t *testing.T, edition string) fs.FS {
	t.Helper()
	cfg, err := os.ReadFile("../readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^edition: .*$`).ReplaceAll(cfg, []byte("edition: "+edition))
	return overlayFS{os.DirFS(".."), fstest.MapFS{"readykit.yaml": {Data: cfg}}}
}

// overlayFS reads the files in over from it, and the rest from base.
type overlayFS struct {
	base fs.FS
	over fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.over[name]; ok {
		return o.over.Open(name)
	}
	return o.base.Open(name)
}

// TestFixedProgramme: a portal that fixes its programme's dates shows them
// without JavaScript, warns when they cannot fit, and publishes them as a
// calendar; a site that fixes none publishes no calendar.
func TestFixedProgramme(t *testing.T) {
	cfg, err := os.ReadFile("../readykit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		settings string
		want     []string
		warning  string
	}{
		{"programme:\n  start: 2027-04-12\n  client: Oak House\n", []string{
			"This programme for Oak House runs from <strong>12 April 2027</strong> to <strong>20 June 2027</strong>, to publish by <strong>30 June 2027</strong>.",
			`Week 1<span class=week__dates data-rk-week-dates><span class=week__sep>: </span>12 to 18 April 2027</span>`,
			`Get started and find the gaps</h3><p class=phase__when>Weeks 1 to 2<span data-rk-phase-dates=0>: 12 to 25 April 2027</span>`,
		}, ""},
		{"programme:\n  start: 2027-04-19\n", nil, "less than a week before the deadline"},
		{"programme:\n  start: 2027-05-17\n", nil, "ends after the deadline"},
		{"programme:\n  deadline: 2027-06-30\n", []string{"runs from <strong>12 April 2027</strong>"}, ""},
	} {
		src := overlayFS{os.DirFS(".."), fstest.MapFS{"readykit.yaml": {Data: append(slices.Clip(cfg), c.settings...)}}}
		var mem publish.Memory
		if _, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default(), Minify: true}, &mem); err != nil {
			t.Fatal(err)
		}
		page, _ := mem.Get("programme/index.html")
		for _, w := range c.want {
			if !strings.Contains(string(page), w) {
				t.Errorf("%s: the programme page lacks %s", c.settings, w)
			}
		}
		if got := strings.Contains(string(page), `<p class=rk-warning>`); got != (c.warning != "") || !strings.Contains(string(page), c.warning) {
			t.Errorf("%s: warning shown %v, want %q", c.settings, got, c.warning)
		}
		ics, ok := mem.Get("dspt-programme.ics")
		if !ok || !strings.Contains(string(ics), "DTSTART;VALUE=DATE:20270412\r\n") && c.warning == "" {
			t.Errorf("%s: no calendar, or not from 12 April 2027:\n%s", c.settings, ics)
		}
	}
	var mem publish.Memory
	if _, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(".."), Theme: themes.Default()}, &mem); err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Get("programme/index.html"); !strings.Contains(string(page), "start this 10-week programme by mid-April") || strings.Contains(string(page), "runs from") {
		t.Error("the default site shows programme dates it cannot know, or not when to start")
	}
	if _, ok := mem.Get("dspt-programme.ics"); ok {
		t.Error("the default site publishes a calendar with no dates fixed")
	}
}

// TestProvisionalEverywhere: a provisional edition says so, with its
// deadline, on every page of the site (the partial is printed too, which
// e2e/programme.test.mjs reads back from PDFs); a checked edition says
// nothing of the kind.
func TestProvisionalEverywhere(t *testing.T) {
	for _, c := range []struct {
		edition string
		want    bool
	}{{"", true}, {"dspt-2025-26-cat3", false}} {
		src := fs.FS(os.DirFS(".."))
		if c.edition != "" {
			src = withEdition(t, c.edition)
		}
		var mem publish.Memory
		if _, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: themes.Default()}, &mem); err != nil {
			t.Fatal(err)
		}
		const notice = `<aside class="rk-provisional" aria-label="About this edition"><p><strong class="tag tag--check">Provisional</strong> The 2026-27 list on this site is carried over from the year before and not yet checked against the 2026-27 toolkit. The deadline to publish is 30 June 2027. Check each item in the toolkit.</p></aside>`
		pages := 0
		for _, p := range mem.Paths() {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			pages++
			data, _ := mem.Get(p)
			has := strings.Contains(string(data), `class="rk-provisional"`)
			if has != c.want || (c.want && !strings.Contains(string(data), notice)) {
				t.Errorf("edition %q, %s: provisional notice %v, want %v", c.edition, p, has, c.want)
			}
		}
		if pages < 80 {
			t.Errorf("only %d pages", pages)
		}
	}
}
