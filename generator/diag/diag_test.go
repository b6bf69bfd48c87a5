package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestFileErrors(t *testing.T) {
	one := Errorf(Pos{File: "a.md", Line: 2, Col: 3}, "Fix it", "it is wrong")
	var l List
	l.Add(Errorf(Pos{File: "b.md"}, "", "second"), one)
	list := l.Err()
	for _, c := range []struct {
		err  error
		want []*FileError
	}{
		{nil, nil},
		{errors.New("plain"), nil},
		{one, []*FileError{one}},
		{fmt.Errorf("load: %w", one), []*FileError{one}},
		{fmt.Errorf("load: %w", list), list.(Errors)},
	} {
		got := FileErrors(c.err)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("FileErrors(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if got := list.(Errors)[0]; got != one {
		t.Errorf("the list is not sorted by position: %v first", got)
	}
}

func TestPrint(t *testing.T) {
	var b strings.Builder
	Print(&b, []*FileError{Errorf(Pos{File: "readykit.yaml", Line: 5, Col: 10}, "Change it", "the edition has passed")}, "  ", "warning: ")
	if want := "  readykit.yaml:5:10: warning: the edition has passed. Change it\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	// More than maxReported: the rest are counted, not listed.
	var many Errors
	for i := range maxReported + 3 {
		many = append(many, Errorf(Pos{File: "x.md", Line: i + 1}, "", "bad"))
	}
	lines := strings.Split(many.Error(), "\n")
	if len(lines) != maxReported+1 || lines[0] != "x.md:1: bad" || lines[maxReported] != "... and 3 more" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
