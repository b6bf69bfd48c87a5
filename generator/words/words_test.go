package words

import (
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Date(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)), "30 June 2026"},
		{Date(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)), "2 January 2027"},
		{DayMonth(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)), "30 June"},
		{Plural(1, "item", "items"), "item"},
		{Plural(0, "item", "items"), "items"},
		{Count(1, "item", "items"), "1 item"},
		{Count(12, "item", "items"), "12 items"},
		{Size(1), "1 byte"},
		{Size(300), "300 bytes"},
		{Size(64 << 10), "64 KB"},
		{Size(1 << 20), "1 MB"},
		{Size(3 << 19), "1.5 MB"},
		{And(nil, ", "), ""},
		{And([]string{"a"}, ", "), "a"},
		{And([]string{"a", "b"}, ", "), "a and b"},
		{And([]string{"a", "b", "c"}, ", "), "a, b and c"},
		{And([]string{"a, x", "b", "c"}, "; "), "a, x; b and c"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
