package generator_test

import (
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/plan"
)

// TestCheckMarkEverywhere reads the default site as built: every item that
// is not confirmed carries plan.CheckMark beside its reference on its
// standard's worksheet, and toolkit.json tells the browser (which marks
// the gap analysis, the plan and their CSV) the same. Confirmed items
// carry no mark.
func TestCheckMarkEverywhere(t *testing.T) {
	checked, confirmed := 0, 0
	for _, edition := range defaultData(t).EditionIDs() {
		c, n := checkMarks(t, edition)
		checked, confirmed = checked+c, confirmed+n-c
	}
	if checked == 0 || confirmed == 0 {
		t.Errorf("%d items to check and %d confirmed over every edition: the test would prove nothing", checked, confirmed)
	}
}

// checkMarks checks one edition's built site, and returns how many of its
// items are marked and how many it has.
func checkMarks(t *testing.T, edition string) (checked, total int) {
	page := builtDefault(t, edition)
	var tk struct {
		OrganisationType string `json:"organisationType"`
		DefaultRules     string `json:"defaultRules"`
		Items            []struct {
			ID, Ref, Title, Confidence string
			Standard                   int
			Level                      string
			Check                      bool
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(page("data/toolkit.json")), &tk); err != nil {
		t.Fatal(err)
	}
	if tk.OrganisationType != plan.CareProvider || tk.DefaultRules != "" {
		t.Errorf("the default site is for %q with rules %q; want a care provider's action plan, judged by no rules", tk.OrganisationType, tk.DefaultRules)
	}
	for _, it := range tk.Items {
		if it.Check != (it.Confidence != "confirmed") || it.Confidence == "" {
			t.Errorf("%s, toolkit.json: item %s has confidence %q and check %v", edition, it.ID, it.Confidence, it.Check)
		}
		if it.Check {
			checked++
		}
		ref := it.Ref
		if ref == "" {
			ref = "Reference to check"
		}
		// What follows the reference up to the item's title is "beside" it.
		beside := regexp.QuoteMeta(`<span class="item-ref">`+html.EscapeString(ref)+`</span>`) + `( <span class="tag tag--check">([^<]*)</span>)?`
		if it.Level == "approaching" || it.Level == "met" {
			sheet := page("standards/" + strconv.Itoa(it.Standard) + "/worksheet/index.html")
			m := regexp.MustCompile(`<h2 id="sheet-` + regexp.QuoteMeta(it.ID) + `">` + beside).FindStringSubmatch(sheet)
			if m == nil {
				t.Errorf("%s, worksheet %d: no heading for item %s", edition, it.Standard, it.ID)
			} else if (m[2] == plan.CheckMark) != it.Check || (m[1] != "" && m[2] != plan.CheckMark) {
				t.Errorf("%s, worksheet %d, item %s (%s): mark %q beside its reference", edition, it.Standard, it.ID, it.Confidence, m[2])
			}
		}
	}
	// The programme: the mark beside each reference on screen, and the
	// references listed once under the weeks for its one printed sheet.
	prog := page("programme/index.html")
	list := regexp.MustCompile(`<p class="print-only week-checks"><strong>` + regexp.QuoteMeta(plan.CheckMark) + `:</strong>([^<]*)</p>`).FindStringSubmatch(prog)
	if list == nil {
		t.Fatalf("%s: the programme has no list of references to check", edition)
	}
	var listed []string
	for _, it := range tk.Items {
		m := regexp.MustCompile(`data-rk-week-item="` + regexp.QuoteMeta(it.ID) + `"><a href="[^"]*"><span class="item-ref">[^<]*</span>( <span class="tag tag--check">([^<]*)</span>)?`).FindStringSubmatch(prog)
		if m == nil {
			continue // not in any week
		}
		if (m[2] == plan.CheckMark) != it.Check {
			t.Errorf("%s, programme, item %s (%s): mark %q beside its reference", edition, it.ID, it.Confidence, m[2])
		}
		if it.Check {
			name := it.Ref
			if name == "" {
				name = html.EscapeString(it.Title)
			}
			listed = append(listed, name)
		}
	}
	got := strings.Split(strings.TrimSpace(list[1]), ", ")
	if len(listed) == 0 {
		listed = []string{"nothing; every item here is confirmed."}
	}
	slices.Sort(got)
	slices.Sort(listed)
	if !slices.Equal(got, listed) {
		t.Errorf("%s: the programme lists %q to check, want the %d items to check in its weeks", edition, list[1], len(listed))
	}
	if !strings.Contains(page("plan/index.html"), "Approaching Standards action plan") || strings.Contains(page("plan/index.html"), `id="rk-rules"`) {
		t.Error("the default site's plan page is not the action plan, or offers improvement-plan rules")
	}
	return checked, len(tk.Items)
}
