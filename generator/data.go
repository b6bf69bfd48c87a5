package generator

import (
	"io/fs"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/programme"
	"github.com/readykit/readykit/generator/toolkit"
)

// LoadData reads and checks a site's toolkit data (editions, standards,
// items, glossary and programme) without its pages or theme, for commands
// and tests that need the model but not the site.
func LoadData(src fs.FS) (*toolkit.Data, *programme.Programme, error) {
	b := &builder{opts: Options{Source: src}}
	var errs diag.List
	if errs.Add(b.loadData()...); errs.Len() > 0 {
		return nil, nil, &StageError{Stage: "load", Err: errs.Err()}
	}
	errs.Add(b.data.Check(b.prog.Weeks)...)
	errs.Add(b.prog.Check()...)
	if errs.Len() > 0 {
		return nil, nil, &StageError{Stage: "check", Err: errs.Err()}
	}
	return &b.data, &b.prog, nil
}
