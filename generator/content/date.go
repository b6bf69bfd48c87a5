package content

import (
	"fmt"
	"time"

	"github.com/readykit/readykit/generator/diag"
)

// Date is a calendar date, written in YAML as YYYY-MM-DD. It has no time of
// day or zone, so it prints the same wherever a site is built.
type Date struct {
	time.Time
}

// ParseDate reads a YYYY-MM-DD date, rejecting days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, &diag.FileError{
			Msg:  fmt.Sprintf("%q is not a real date in the form YYYY-MM-DD", s),
			Hint: "Write dates as year-month-day, for example 2025-06-30",
		}
	}
	return Date{t}, nil
}

// UnmarshalText implements encoding.TextUnmarshaler for the YAML decoder.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
