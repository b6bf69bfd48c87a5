package toolkit

import (
	"slices"
	"testing"
)

func TestCompareItems(t *testing.T) {
	items := []*Item{
		{ID: "passwords", Standard: 4},
		{ID: "1.3.12", Ref: "1.3.12", Standard: 1},
		{ID: "10.1.2", Ref: "10.1.2", Standard: 10},
		{ID: "own-devices", Standard: 1},
		{ID: "1.3.2", Ref: "1.3.2", Standard: 1},
		{ID: "4.1.1", Ref: "4.1.1", Standard: 4},
	}
	slices.SortFunc(items, compareItems)
	var got []string
	for _, it := range items {
		got = append(got, it.ID)
	}
	want := []string{"1.3.2", "1.3.12", "own-devices", "4.1.1", "passwords", "10.1.2"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestReviewMonths(t *testing.T) {
	for in, want := range map[string]int{"12 months": 12, "3 years": 36, "1 month": 1, "1 year": 12, "10 years": 120, "120 months": 120, " 6  months ": 6} {
		var m Months
		if err := m.UnmarshalText([]byte(in)); err != nil || int(m) != want {
			t.Errorf("%q: %d, %v; want %d", in, m, err, want)
		}
	}
	for _, in := range []string{"", "12", "yearly", "0 months", "11 years", "121 months", "-1 months", "1.5 years", "twelve months", "12 weeks"} {
		var m Months
		if err := m.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("%q: read as %d, want an error", in, m)
		}
	}
	for months, want := range map[Months]string{12: "12 months", 24: "2 years", 36: "3 years", 6: "6 months", 18: "18 months", 1: "1 month"} {
		if got := (&Review{Months: months}).Every(); got != want {
			t.Errorf("Every(%d) = %q, want %q", months, got, want)
		}
	}
}

func TestLevel(t *testing.T) {
	var l Level
	if err := l.UnmarshalText([]byte("met")); err != nil || l != Met || l.Name() != "Standards Met" || l.Key() != "met" {
		t.Errorf("met: %v %v", l, err)
	}
	if err := l.UnmarshalText([]byte("exceeded")); err == nil {
		t.Error("exceeded is not an item level")
	}
}

// FuzzMonths: a review interval read from any text is an error, or between
// 1 month and 10 years, and what the pages say of it reads back the same.
func FuzzMonths(f *testing.F) {
	for _, s := range []string{"12 months", "3 years", "1 month", " 6  months ", "0 months", "9999 years", "12", "1.5 years", "12\tmonths", "１２ months"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m Months
		if err := m.UnmarshalText([]byte(s)); err != nil {
			return
		}
		if m < 1 || m > maxReviewMonths {
			t.Fatalf("%q read as %d months", s, m)
		}
		var back Months
		if every := (&Review{Months: m}).Every(); back.UnmarshalText([]byte(every)) != nil || back != m {
			t.Fatalf("%q read as %d months, said as %q, which reads back as %d", s, m, every, back)
		}
	})
}
