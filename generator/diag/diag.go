// Package diag owns positions in source files and the errors that carry them.
//
// Every problem readykit tells a user about in a file (the site's content,
// a progress file) is a *FileError: the file, line and column where it was
// found, what is wrong and what to do about it.
// A List collects them so a build can report every problem at once instead of
// stopping at the first; errors are sorted by position so the report reads
// top to bottom, file by file, and the same input always gives the same report.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line
// means the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String gives the position as editors and terminals recognise it:
// file:line:col.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Shift moves a position found in a fragment (front matter, a Markdown body)
// to where the fragment starts in its file. line is the file line the
// fragment's first line sits on.
func (p Pos) Shift(line int) Pos {
	if p.Line > 0 {
		p.Line += line - 1
	}
	return p
}

// FileError is a problem at a position in a source file. Msg says what is
// wrong and Hint, when there is one, what to do about it; both are sentences
// for the person editing the site, not for a programmer.
type FileError struct {
	Pos
	Msg  string
	Hint string
	// Kind names the kind of problem for programs and tests, such as
	// "too-large" for a progress file; most problems have none. Users read Msg.
	Kind string
}

// Errorf makes a FileError. The hint is separate so tests and the dev
// server's error page can show it apart.
func Errorf(pos Pos, hint, format string, args ...any) *FileError {
	return &FileError{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// maxReported is how many errors a List reports before summarising the
// rest: enough to fix a batch in one go, few enough to read.
const maxReported = 50

// List collects FileErrors. The zero value is ready to use.
type List struct {
	errs []*FileError
}

// Add records errors. Lists of errors (errors.Join, Errors) are flattened;
// plain errors that are not FileErrors are kept without a position, so
// nothing is ever dropped.
func (l *List) Add(errs ...error) {
	for _, err := range errs {
		if err == nil {
			continue
		}
		var multi interface{ Unwrap() []error }
		if errors.As(err, &multi) {
			l.Add(multi.Unwrap()...)
			continue
		}
		var fe *FileError
		if errors.As(err, &fe) {
			l.errs = append(l.errs, fe)
			continue
		}
		l.errs = append(l.errs, &FileError{Msg: err.Error()})
	}
}

// Addf records a new FileError.
func (l *List) Addf(pos Pos, hint, format string, args ...any) {
	l.errs = append(l.errs, Errorf(pos, hint, format, args...))
}

// Unwrap returns the collected errors in the order they were added.
func (l *List) Unwrap() []error {
	out := make([]error, len(l.errs))
	for i, e := range l.errs {
		out[i] = e
	}
	return out
}

// Len reports how many errors were collected.
func (l *List) Len() int { return len(l.errs) }

// Err returns the collected errors as an Errors value, or nil when there
// are none.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	errs := slices.Clone(l.errs)
	slices.SortStableFunc(errs, func(a, b *FileError) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	errs = slices.CompactFunc(errs, func(a, b *FileError) bool { return *a == *b })
	return Errors(errs)
}

// Errors is a sorted, de-duplicated set of FileErrors from one stage.
type Errors []*FileError

// Error lists the errors one per line as Print does.
func (es Errors) Error() string {
	var b strings.Builder
	Print(&b, es, "", "")
	return strings.TrimSuffix(b.String(), "\n")
}

// Unwrap lets errors.As find each FileError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// FileErrors returns the problems err holds, in order: those of an Errors
// list, or the one FileError it is or wraps; nil when it holds none.
func FileErrors(err error) []*FileError {
	var list Errors
	if errors.As(err, &list) {
		return list
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return []*FileError{fe}
	}
	return nil
}

// Print writes problems one per line as editors and terminals recognise
// them, file:line:col: message. Hint, each line begun with indent and
// each message with mark (such as "warning: ", so that a warning is not
// taken for a failure). After maxReported problems it says how many more
// there are instead: this is the one way readykit lists problems as text,
// in the terminal and in the dev server's log.
func Print(w io.Writer, errs []*FileError, indent, mark string) {
	for i, fe := range errs {
		if i == maxReported {
			fmt.Fprintf(w, "%s... and %d more\n", indent, len(errs)-i)
			return
		}
		e := *fe
		e.Msg = mark + e.Msg
		fmt.Fprintf(w, "%s%s\n", indent, e.Error())
	}
}
