// Package toolkit is the DSPT domain: editions, the ten National Data
// Guardian standards, evidence items and their levels, and the checks that
// keep that data consistent. It does no I/O and knows nothing of HTML, so
// the site builder, the report command and the tests share one model.
package toolkit

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/words"
)

// Level is the publication level an item is first needed for.
type Level int

const (
	// Approaching items are needed already for Approaching Standards.
	Approaching Level = iota + 1
	// Met items are needed for Standards Met but not before.
	Met
	// Optional items are not mandatory and never count towards readiness.
	Optional
)

var levelKeys = map[string]Level{"approaching": Approaching, "met": Met, "optional": Optional}

// UnmarshalText reads the level keys used in the data files.
func (l *Level) UnmarshalText(b []byte) error {
	v, ok := levelKeys[string(b)]
	if !ok {
		return &diag.FileError{
			Msg:  fmt.Sprintf("%q is not a level", b),
			Hint: "Use approaching, met or optional",
		}
	}
	*l = v
	return nil
}

// Key is the level as written in data files and used in CSS classes.
func (l Level) Key() string {
	switch l {
	case Approaching:
		return "approaching"
	case Met:
		return "met"
	case Optional:
		return "optional"
	}
	return ""
}

// Name is the level's name as the toolkit shows it.
func (l Level) Name() string {
	switch l {
	case Approaching:
		return "Approaching Standards"
	case Met:
		return "Standards Met"
	case Optional:
		return "Optional"
	}
	return ""
}

// Confidence says how sure the data is of an item's reference, level and
// inclusion. Anything short of Confirmed must be checked in the toolkit.
type Confidence string

const (
	Confirmed  Confidence = "confirmed"
	Likely     Confidence = "likely"
	Unverified Confidence = "unverified"
)

// UnmarshalText accepts the three confidence keys.
func (c *Confidence) UnmarshalText(b []byte) error {
	switch v := Confidence(b); v {
	case Confirmed, Likely, Unverified:
		*c = v
		return nil
	}
	return &diag.FileError{
		Msg:  fmt.Sprintf("%q is not a confidence", b),
		Hint: "Use confirmed, likely or unverified",
	}
}

// NeedsCheck reports whether the user should check the item against the
// live toolkit before relying on it.
func (c Confidence) NeedsCheck() bool { return c != Confirmed }

// Role is who usually does the work for an item.
type Role string

var roleNames = map[Role]string{
	"manager":     "Registered manager",
	"data-lead":   "Data security and protection lead",
	"senior-lead": "Owner or senior leader",
	"it-provider": "IT provider",
	"all-staff":   "All staff",
	"office":      "Office or HR staff",
}

// UnmarshalText accepts the known role keys.
func (r *Role) UnmarshalText(b []byte) error {
	if _, ok := roleNames[Role(b)]; !ok {
		keys := make([]string, 0, len(roleNames))
		for k := range roleNames {
			keys = append(keys, string(k))
		}
		slices.Sort(keys)
		hint := "Use one of: " + strings.Join(keys, ", ")
		if s := content.Suggest(string(b), keys); s != "" {
			hint = fmt.Sprintf("Did you mean %q? Roles are: %s", s, strings.Join(keys, ", "))
		}
		return &diag.FileError{Msg: fmt.Sprintf("%q is not a role", b), Hint: hint}
	}
	*r = Role(b)
	return nil
}

// Name is the role in plain words.
func (r Role) Name() string { return roleNames[r] }

// Obligation is one of the three leadership obligations the standards are
// grouped under.
type Obligation string

// UnmarshalText accepts people, process or technology.
func (o *Obligation) UnmarshalText(b []byte) error {
	switch v := Obligation(b); v {
	case "people", "process", "technology":
		*o = v
		return nil
	}
	return &diag.FileError{Msg: fmt.Sprintf("%q is not an obligation", b), Hint: "Use people, process or technology"}
}

// Name is the obligation with a capital letter.
func (o Obligation) Name() string {
	if o == "" {
		return ""
	}
	return strings.ToUpper(string(o[:1])) + string(o[1:])
}

// Link is a link to free official guidance.
type Link struct {
	Title string `yaml:"title,required"`
	URL   string `yaml:"url,required"`
	Src   content.Source
}

// Standard is one of the ten National Data Guardian standards.
type Standard struct {
	Number     int        `yaml:"number,required"`
	Name       string     `yaml:"name,required"`
	Obligation Obligation `yaml:"obligation,required"`
	Summary    string     `yaml:"summary,required"`
	Why        string     `yaml:"why"`
	Links      []Link     `yaml:"links"`
	Src        content.Source

	// Items are this standard's items in the selected edition, in order;
	// filled when an edition is selected.
	Items []*Item `yaml:"-"`
}

// ItemsAt returns the standard's items needed first at level l.
func (s *Standard) ItemsAt(l Level) []*Item {
	var out []*Item
	for _, it := range s.Items {
		if it.Level == l {
			out = append(out, it)
		}
	}
	return out
}

// Item is one evidence item: what the toolkit asks, and readykit's guidance
// on answering it. Its ID is stable across editions and keys saved progress.
type Item struct {
	ID            string     `yaml:"id,required"`
	Ref           string     `yaml:"ref"`
	Standard      int        `yaml:"standard,required"`
	Level         Level      `yaml:"level,required"`
	NotApplicable bool       `yaml:"notApplicable"`
	Confidence    Confidence `yaml:"confidence,required"`
	Basis         string     `yaml:"source,required"`
	Title         string     `yaml:"title,required"`
	Asks          string     `yaml:"asks,required"`
	Evidence      []string   `yaml:"evidence,required"`
	Who           []Role     `yaml:"who,required"`
	Week          int        `yaml:"week,required"`
	Links         []Link     `yaml:"links"`
	// Review says how often the item's evidence goes stale; nil when it
	// does not.
	Review *Review `yaml:"review"`
	Src    content.Source

	// Body is the Markdown guidance after the front matter, and BodyLine
	// the file line it starts on.
	Body     []byte `yaml:"-"`
	BodyLine int    `yaml:"-"`
}

// Reference is the item's reference for display: the toolkit number, or a
// plain marker when the number is not known.
func (it *Item) Reference() string {
	if it.Ref == "" {
		return "Reference to check"
	}
	return it.Ref
}

// Review is how often an item's evidence must be done again or reviewed to
// stay current (training every 12 months, policies every 3 years), with
// where the rule comes from and how sure the data is of it.
type Review struct {
	Months     Months     `yaml:"every,required"`
	Basis      string     `yaml:"source,required"`
	Confidence Confidence `yaml:"confidence,required"`
	Src        content.Source
}

// Every is the interval in words: "12 months", "3 years". A year is "12
// months", as the toolkit words it.
func (r *Review) Every() string {
	if r.Months%12 == 0 && r.Months > 12 {
		return words.Count(int(r.Months)/12, "year", "years")
	}
	return words.Count(int(r.Months), "month", "months")
}

// Months is a review interval in months, written in data files as
// "N months" or "N years".
type Months int

// maxReviewMonths is the longest review interval: 10 years.
const maxReviewMonths = 120

var monthsPattern = regexp.MustCompile(`^\s*(\d{1,4})\s+(month|months|year|years)\s*$`)

// UnmarshalText reads "12 months" or "3 years".
func (m *Months) UnmarshalText(b []byte) error {
	hint := "Write a number of months or years, such as \"12 months\" or \"3 years\" (at most 10 years)"
	g := monthsPattern.FindStringSubmatch(string(b))
	if g == nil {
		return &diag.FileError{Msg: fmt.Sprintf("%q is not a number of months or years", b), Hint: hint}
	}
	n, _ := strconv.Atoi(g[1])
	if strings.HasPrefix(g[2], "year") {
		n *= 12
	}
	if n < 1 || n > maxReviewMonths {
		return &diag.FileError{Msg: fmt.Sprintf("%q is not between 1 month and 10 years", b), Hint: hint}
	}
	*m = Months(n)
	return nil
}

// Counts are how many mandatory items an edition needs for each level:
// Approaching is the number needed for Approaching Standards, Met the number
// needed for Standards Met (which includes the Approaching ones).
type Counts struct {
	Approaching int `yaml:"approaching,required"`
	Met         int `yaml:"met,required"`
	Src         content.Source
}

// Edition is one year's version of the toolkit for one category. Items
// are shared between editions: an edition lists the ids it has, and says
// in Changes where its wording, reference or level differs.
type Edition struct {
	ID             string       `yaml:"id,required"`
	Title          string       `yaml:"title,required"`
	Category       int          `yaml:"category,required"`
	ToolkitVersion string       `yaml:"toolkitVersion"`
	Deadline       content.Date `yaml:"deadline,required"`
	Counts         Counts       `yaml:"counts,required"`
	// Note says what is uncertain about the edition as a whole, for users.
	Note string `yaml:"note"`
	// ListSource says where the list of items comes from, and Checked when
	// it was last compared with that source, so a reader can tell a list
	// read from the toolkit from one carried over and not yet checked.
	ListSource string       `yaml:"listSource"`
	Checked    content.Date `yaml:"checked"`
	// Provisional marks an edition whose list is not yet read from the
	// toolkit (carried over from the year before), so every page and
	// printout can say so, and none of its items may be confirmed.
	Provisional bool `yaml:"provisional"`
	// Previous is the id of the edition before this one.
	Previous string         `yaml:"previous"`
	Items    []content.Text `yaml:"items,required"`
	// Changes override the shared item text for this edition, by item id.
	Changes map[string]*ItemChange `yaml:"changes"`
	// Mapping gives, for items of the previous edition whose id is not used
	// here, the id that took their place, so saved progress can follow.
	Mapping map[string]content.Text `yaml:"mapping"`
	Src     content.Source
}

// ItemChange is how an item reads in one edition; empty fields keep the
// shared item's value.
type ItemChange struct {
	Ref        string     `yaml:"ref"`
	Level      Level      `yaml:"level"`
	Confidence Confidence `yaml:"confidence"`
	Basis      string     `yaml:"source"`
	Title      string     `yaml:"title"`
	Asks       string     `yaml:"asks"`
	Src        content.Source
}

// apply returns a copy of it with the change made.
func (c *ItemChange) apply(it *Item) *Item {
	out := *it
	if c == nil {
		return &out
	}
	out.Ref = cmp.Or(c.Ref, out.Ref)
	out.Basis = cmp.Or(c.Basis, out.Basis)
	out.Title = cmp.Or(c.Title, out.Title)
	out.Asks = cmp.Or(c.Asks, out.Asks)
	out.Confidence = cmp.Or(c.Confidence, out.Confidence)
	if c.Level != 0 {
		out.Level = c.Level
	}
	return &out
}

// compareItems orders items by standard, then by reference number part by
// part (so 1.3.2 comes before 1.3.12), with items whose reference is not
// known after the rest of their standard, by id.
func compareItems(a, b *Item) int {
	if c := cmp.Compare(a.Standard, b.Standard); c != 0 {
		return c
	}
	if (a.Ref == "") != (b.Ref == "") {
		if a.Ref == "" {
			return 1
		}
		return -1
	}
	if c := compareRefs(a.Ref, b.Ref); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func compareRefs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// LevelGroup is a standard's items needed first at one level.
type LevelGroup struct {
	Level Level
	Items []*Item
}

// Groups splits the standard's items by level, in level order, leaving out
// levels with no items.
func (s *Standard) Groups() []LevelGroup {
	var out []LevelGroup
	for _, l := range []Level{Approaching, Met, Optional} {
		if items := s.ItemsAt(l); len(items) > 0 {
			out = append(out, LevelGroup{l, items})
		}
	}
	return out
}

// Mandatory returns the standard's items that count towards a level.
func (s *Standard) Mandatory() []*Item {
	var out []*Item
	for _, it := range s.Items {
		if it.Level != Optional {
			out = append(out, it)
		}
	}
	return out
}

// Count returns how many of the standard's items are needed first at the
// level with the given key.
func (s *Standard) Count(level string) int {
	n := 0
	for _, it := range s.Items {
		if it.Level.Key() == level {
			n++
		}
	}
	return n
}
