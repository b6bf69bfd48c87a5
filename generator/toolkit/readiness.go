package toolkit

import "strconv"

// Statuses an item can have in a user's progress.
const (
	StatusNotStarted    = "not-started"
	StatusInProgress    = "in-progress"
	StatusMet           = "met"
	StatusNotApplicable = "not-applicable"
)

// Tally is how far a user is towards one level or within one standard.
type Tally struct {
	Done  int `json:"done"`
	Total int `json:"total"`
	// Blocking are the ids of the needed items not done yet, in item order.
	Blocking []string `json:"blocking"`
}

// Readiness is a user's progress towards each level, and per standard.
type Readiness struct {
	Approaching Tally            `json:"approaching"`
	Met         Tally            `json:"met"`
	Standards   map[string]Tally `json:"standards"`
	Optional    struct {
		Done  int `json:"done"`
		Total int `json:"total"`
	} `json:"optional"`
}

// Score works out readiness from items (in order) and each item's status
// by id. An item is done when it is met. An item marked not applicable,
// where the item allows that, is not needed, so it leaves the total;
// elsewhere the mark counts for nothing. Optional items count only
// towards their own tally. Every standard an item names has a tally. The browser computes the same in scoring.js;
// both are tested against testdata/readiness.
func Score(items []*Item, status map[string]string) Readiness {
	r := Readiness{Standards: map[string]Tally{}}
	r.Approaching.Blocking, r.Met.Blocking = []string{}, []string{}
	for _, it := range items {
		st := status[it.ID]
		key := strconv.Itoa(it.Standard)
		s, ok := r.Standards[key]
		if !ok {
			// Every standard an item names is listed, even with nothing needed.
			s.Blocking = []string{}
			r.Standards[key] = s
		}
		if it.NotApplicable && st == StatusNotApplicable {
			continue
		}
		if it.Level == Optional {
			r.Optional.Total++
			if st == StatusMet {
				r.Optional.Done++
			}
			continue
		}
		done := st == StatusMet
		tally := func(t *Tally) {
			t.Total++
			if done {
				t.Done++
			} else {
				t.Blocking = append(t.Blocking, it.ID)
			}
		}
		if it.Level == Approaching {
			tally(&r.Approaching)
		}
		tally(&r.Met)
		tally(&s)
		r.Standards[key] = s
	}
	return r
}
