package content

import (
	"fmt"
	"maps"
	"reflect"

	"github.com/readykit/readykit/generator/diag"
)

// Layer is one of several YAML files decoded over each other, such as a
// portfolio's shared readykit.yaml and then a client's.
type Layer struct {
	File string // the file's name, for positions
	Data []byte // its text
	Line int    // the file's line the text starts at, from 1
}

// DecodeYAMLOver decodes each layer in turn into v, a pointer, each over
// what the ones before it gave: a key a later file writes replaces the
// earlier value, mappings (structs and maps, free-form ones too) merge key
// by key however deep, and lists replace whole. A null clears the earlier
// value. A required key need only be written in one of the files; where a
// struct has a Source, At gives the position in the file each value came
// from. It returns every problem of every layer, each at its own file.
func DecodeYAMLOver(layers []Layer, v any) []error {
	var errs []error
	last := Layer{}
	for _, l := range layers {
		d := &decoder{file: l.File, line: l.Line, over: true}
		errs = append(errs, d.decode(l.Data, v)...)
		last = l
	}
	if len(layers) == 0 || IsUnread(errs...) {
		return errs
	}
	d := &decoder{file: last.File, line: last.Line}
	d.required(reflect.ValueOf(v).Elem())
	return append(errs, d.errs...)
}

// mergeSource is what a struct's Source says after a later file's mapping
// (src, written when written is set) is decoded over an earlier one's.
func mergeSource(old, src Source, written bool) Source {
	out := Source{Pos: old.Pos, keys: maps.Clone(old.keys), failed: maps.Clone(old.failed)}
	if written || old.Pos.File == "" {
		out.Pos = src.Pos
	}
	if out.keys == nil {
		out.keys = map[string]diag.Pos{}
	}
	for k, p := range src.keys {
		out.keys[k] = p
		delete(out.failed, k)
	}
	for k := range src.failed {
		if out.failed == nil {
			out.failed = map[string]bool{}
		}
		out.failed[k] = true
	}
	return out
}

// required reports the required keys of the structs in rv that no layer
// wrote, at the mapping they belong in. Like a single file's decoding, it
// looks only inside mappings that were written.
func (d *decoder) required(rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !rv.IsNil() {
			d.required(rv.Elem())
		}
	case reflect.Slice:
		for i := range rv.Len() {
			d.required(rv.Index(i))
		}
	case reflect.Map:
		for it := rv.MapRange(); it.Next(); {
			d.required(it.Value())
		}
	case reflect.Struct:
		if rv.Type() == textType || rv.Type() == sourceType {
			return
		}
		fields := structFields(rv.Type())
		if fields.source < 0 {
			return
		}
		src := rv.Field(fields.source).Interface().(Source)
		for _, f := range fields.list {
			switch {
			case src.Has(f.name):
				d.required(rv.Field(f.index))
			case f.required:
				d.errorAt(src.Pos, fmt.Sprintf("Add a line \"%s: ...\"", f.name), "missing required key %q", f.name)
			}
		}
	}
}
