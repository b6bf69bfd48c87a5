package content

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/readykit/readykit/generator/diag"
)

// Source records where a decoded mapping and each of its keys' values were
// found. Give a struct a field of this type and Decode fills it.
type Source struct {
	Pos    diag.Pos
	keys   map[string]diag.Pos
	failed map[string]bool
}

// Failed reports whether key's value could not be decoded. The decoder has
// said why, so checks of the value it left behind (a zero) keep quiet.
func (s Source) Failed(key string) bool { return s.failed[key] }

// At returns the position of key's value, or of the mapping when the key
// was not written.
func (s Source) At(key string) diag.Pos {
	if p, ok := s.keys[key]; ok {
		return p
	}
	return s.Pos
}

// Has reports whether key was written in the mapping.
func (s Source) Has(key string) bool {
	_, ok := s.keys[key]
	return ok
}

// Text is a scalar with the position it was written at, for values that
// later checks need to point at one by one, such as the entries of a list.
type Text struct {
	Value string
	Pos   diag.Pos
}

func (t Text) String() string { return t.Value }

var (
	textType      = reflect.TypeFor[Text]()
	sourceType    = reflect.TypeFor[Source]()
	unmarshalType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// DecodeYAML parses data, the text of file starting at the file's line
// `line`, and decodes it into v, which must be a pointer. It returns every
// problem found; v holds whatever could be decoded. When nothing could be
// (the text is not UTF-8, nests too deep, or is not YAML) the one problem
// returned is marked unread.
func DecodeYAML(file string, data []byte, line int, v any) []error {
	d := &decoder{file: file, line: line}
	return d.decode(data, v)
}

func (d *decoder) decode(data []byte, v any) []error {
	file, line := d.file, d.line
	data, err := utf8Text(file, data)
	if err != nil {
		return []error{markUnread(shift(err, line))}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("content.DecodeYAML: v must be a non-nil pointer")
	}
	if !d.parse {
		if m, ok := flat(data); ok {
			d.value(m, d.pos(m), "", rv.Elem())
			return d.errs
		}
	}
	if l, c, deep := tooDeep(data, MaxDepth); deep {
		return []error{markUnread(diag.Errorf(diag.Pos{File: file, Line: l, Col: c}.Shift(line),
			"Write it with fewer levels; readykit's data never needs more than a few",
			"the YAML nests more than %d levels deep here", MaxDepth))}
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return []error{markUnread(d.syntaxError(err, data))}
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if i > 0 && doc.Body != nil {
			d.errorf(doc.Body, "Keep one YAML document per file", "a second YAML document starts here")
			break
		}
		if i == 0 {
			body = doc.Body
		}
	}
	if body == nil {
		// An empty document: the required-field check still applies.
		d.value(nil, diag.Pos{File: file, Line: line, Col: 1}, "", rv.Elem())
	} else {
		d.value(body, d.pos(body), "", rv.Elem())
	}
	return d.errs
}

type decoder struct {
	file string
	line int
	errs []error
	// over is set when decoding one of several files over each other
	// (DecodeYAMLOver): what is there already is merged into, not
	// replaced, and required keys are checked once all are read.
	over bool
	// parse sends all text to the YAML parser, passing over flat: for
	// FuzzFlat, which checks that both read the same.
	parse bool
}

func (d *decoder) tokenPos(tk *token.Token) diag.Pos {
	if tk == nil || tk.Position == nil {
		return diag.Pos{File: d.file, Line: d.line, Col: 1}
	}
	return diag.Pos{File: d.file, Line: tk.Position.Line, Col: tk.Position.Column}.Shift(d.line)
}

// pos is where a node starts: for a block mapping its first key, for a
// sequence its first dash, for a scalar its first character.
func (d *decoder) pos(n ast.Node) diag.Pos {
	switch n := n.(type) {
	case *ast.MappingNode:
		if len(n.Values) > 0 && !n.IsFlowStyle {
			return d.pos(n.Values[0].Key)
		}
		return d.tokenPos(n.Start)
	case *ast.MappingValueNode:
		return d.pos(n.Key)
	case *ast.TagNode:
		return d.tokenPos(n.Start)
	case *ast.AnchorNode:
		return d.tokenPos(n.Start)
	}
	return d.tokenPos(n.GetToken())
}

func (d *decoder) errorf(n ast.Node, hint, format string, args ...any) {
	d.errs = append(d.errs, diag.Errorf(d.pos(n), hint, format, args...))
}

func (d *decoder) errorAt(p diag.Pos, hint, format string, args ...any) {
	d.errs = append(d.errs, diag.Errorf(p, hint, format, args...))
}

// syntaxError turns the parser's error into a FileError with a hint that
// covers the usual causes, since the parser's own words are technical.
func (d *decoder) syntaxError(err error, data []byte) error {
	var se *yaml.SyntaxError
	if errors.As(err, &se) {
		at := d.tokenPos(se.Token)
		// A quote left open runs on over the lines below, and the parser
		// stumbles only where the next quote is, often far down the file.
		if l, c, q, ok := unclosedQuote(data); ok && l+d.line-1 < at.Line {
			return diag.Errorf(diag.Pos{File: d.file, Line: l, Col: c}.Shift(d.line),
				fmt.Sprintf("Add the closing %c at the end of the text", q),
				"YAML syntax error: the quoted text that starts here is not closed on its line, so YAML read on to line %d", at.Line)
		}
		msg := se.Message
		hint := "Check the indentation, and put quotes around text that contains a colon followed by a space"
		if strings.Contains(msg, "already defined") {
			// "mapping key "a" already defined at [1:1]"
			msg = strings.Replace(msg, "mapping key", "the key", 1)
			if i := strings.Index(msg, " at ["); i >= 0 {
				at := strings.Trim(msg[i+4:], "[]")
				msg = msg[:i] + " on line " + strings.Replace(at, ":", ", column ", 1)
			}
			hint = "Remove one of the two, or rename it"
		} else if strings.Contains(msg, "'\\t'") || strings.Contains(msg, "\t") {
			msg = "a tab is used for indentation"
			hint = "Indent YAML with spaces, not tabs"
		}
		return diag.Errorf(at, hint, "YAML syntax error: %s", msg)
	}
	return diag.Errorf(diag.Pos{File: d.file, Line: d.line, Col: 1}, "Check the file is valid YAML", "YAML could not be read: %v", err)
}

// unwrap looks through tags and anchors to the node that holds the value.
func (d *decoder) unwrap(n ast.Node) (ast.Node, bool) {
	for {
		switch m := n.(type) {
		case *ast.TagNode:
			n = m.Value
		case *ast.AnchorNode:
			n = m.Value
		case *ast.AliasNode:
			d.errorf(n, "Write the value out in full", "YAML aliases (*name) are not supported here")
			return nil, false
		case *ast.NullNode:
			return nil, true
		default:
			return n, true
		}
	}
}

// value decodes n (nil for a missing or null value) into rv.
func (d *decoder) value(n ast.Node, at diag.Pos, key string, rv reflect.Value) {
	if n != nil {
		var ok bool
		if n, ok = d.unwrap(n); !ok {
			return
		}
	}
	if n == nil {
		// Null leaves the zero value; required fields are checked by the
		// caller, which knows the key. A struct still gets its Source.
		// Over another file, a null clears what that file gave.
		if d.over && rv.Kind() != reflect.Struct {
			rv.SetZero()
		}
		if rv.Kind() == reflect.Struct {
			d.mapping(nil, at, rv)
		}
		return
	}
	if rv.Type() == textType {
		text, ok := d.scalar(n)
		if !ok {
			d.errorf(n, "Write it as a single value", "%s should be a single value, not %s", describeKey(key), describeNode(n))
			return
		}
		rv.Set(reflect.ValueOf(Text{Value: text, Pos: d.pos(n)}))
		return
	}
	if rv.CanAddr() && rv.Addr().Type().Implements(unmarshalType) {
		text, ok := d.scalar(n)
		if !ok {
			d.errorf(n, "Write it as a single value on the same line as its key", "%s should be a single value, not %s", describeKey(key), describeNode(n))
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text)); err != nil {
			d.errs = append(d.errs, withPos(err, d.pos(n), key))
		}
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		d.value(n, at, key, rv.Elem())
	case reflect.Struct:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			d.errorf(n, "Write it as key: value lines, indented under the key", "%s should be a set of key: value lines, not %s", describeKey(key), describeNode(n))
			return
		}
		d.mapping(m, at, rv)
	case reflect.Map:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			d.errorf(n, "Write it as key: value lines, indented under the key", "%s should be a set of key: value lines, not %s", describeKey(key), describeNode(n))
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMap(rv.Type()))
		} else if d.over {
			// A copy, so a map that the earlier file's value shares is
			// never changed under it.
			c := reflect.MakeMapWithSize(rv.Type(), rv.Len())
			for it := rv.MapRange(); it.Next(); {
				c.SetMapIndex(it.Key(), it.Value())
			}
			rv.Set(c)
		}
		for _, mv := range m.Values {
			k, ok := d.scalar(mv.Key)
			if !ok {
				d.errorf(mv.Key, "Use plain text for keys", "this key is not plain text")
				continue
			}
			ev := reflect.New(rv.Type().Elem()).Elem()
			if old := rv.MapIndex(reflect.ValueOf(k)); d.over && old.IsValid() {
				// Nested mappings merge key by key, however deep.
				ev.Set(old)
			}
			d.value(mv.Value, d.pos(mv.Key), k, ev)
			rv.SetMapIndex(reflect.ValueOf(k), ev)
		}
	case reflect.Interface:
		if rv.NumMethod() != 0 {
			panic(fmt.Sprintf("content: cannot decode into %s", rv.Type()))
		}
		var was any
		if !rv.IsNil() {
			was = rv.Interface()
		}
		if v := d.freeform(n, was); v != nil {
			rv.Set(reflect.ValueOf(v))
		} else {
			rv.SetZero()
		}
	case reflect.Slice:
		s, ok := n.(*ast.SequenceNode)
		if !ok {
			d.errorf(n, "Write each entry on its own line, starting with \"- \"", "%s should be a list, not %s", describeKey(key), describeNode(n))
			return
		}
		out := reflect.MakeSlice(rv.Type(), len(s.Values), len(s.Values))
		for i, e := range s.Values {
			d.value(e, d.pos(e), key, out.Index(i))
		}
		rv.Set(out)
	case reflect.String:
		text, ok := d.scalar(n)
		if !ok {
			d.errorf(n, "Write the text on the same line as its key, or use | for several lines", "%s should be text, not %s", describeKey(key), describeNode(n))
			return
		}
		rv.SetString(text)
	case reflect.Int:
		text, ok := d.scalar(n)
		i, err := strconv.Atoi(strings.TrimSpace(text))
		if !ok || err != nil {
			d.errorf(n, "Write a whole number such as 3, without quotes", "%s should be a whole number, not %s", describeKey(key), describeValue(n, text, ok))
			return
		}
		rv.SetInt(int64(i))
	case reflect.Bool:
		text, ok := d.scalar(n)
		switch {
		case ok && text == "true":
			rv.SetBool(true)
		case ok && text == "false":
			rv.SetBool(false)
		default:
			d.errorf(n, "Write true or false", "%s should be true or false, not %s", describeKey(key), describeValue(n, text, ok))
		}
	default:
		panic(fmt.Sprintf("content: cannot decode into %s", rv.Type()))
	}
}

// freeform decodes n, for a value of type any, into what templates can use
// as written: a set of key: value lines becomes a map[string]any (the
// reflect.Map case of value does the work, so keys are checked the same
// way), a list a []any, and every scalar its text, so 1.10 stays "1.10" and
// no YAML typing rule surprises a site's author. Null is nil.
func (d *decoder) freeform(n ast.Node, was any) any {
	if n == nil {
		return nil
	}
	n, ok := d.unwrap(n)
	if !ok || n == nil {
		return nil
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		m := map[string]any{}
		if old, ok := was.(map[string]any); ok && d.over {
			m = old
		}
		d.value(n, d.pos(n), "", reflect.ValueOf(&m).Elem())
		return m
	case *ast.SequenceNode:
		var s []any
		d.value(n, d.pos(n), "", reflect.ValueOf(&s).Elem())
		if s == nil {
			s = []any{}
		}
		return s
	}
	text, ok := d.scalar(n)
	if !ok {
		d.errorf(n, "Write it as text, a list, or key: value lines", "this value is %s, which readykit cannot read here", describeNode(n))
		return nil
	}
	return text
}

// mapping decodes m (nil when the value is missing) into the struct rv.
func (d *decoder) mapping(m *ast.MappingNode, at diag.Pos, rv reflect.Value) {
	fields := structFields(rv.Type())
	src := Source{Pos: at, keys: map[string]diag.Pos{}}
	if m != nil {
		for _, mv := range m.Values {
			k, ok := d.scalar(mv.Key)
			if !ok {
				d.errorf(mv.Key, "Use plain text for keys", "this key is not plain text")
				continue
			}
			f, ok := fields.byName(k)
			if !ok {
				hint := unknownKeyHint(k, fields.names())
				if rv.CanAddr() {
					if h, ok := rv.Addr().Interface().(keyHinter); ok && h.KeyHint(k) != "" {
						hint = h.KeyHint(k)
					}
				}
				d.errorf(mv.Key, hint, "unknown key %q", k)
				continue
			}
			vp := d.pos(mv.Key)
			if mv.Value != nil {
				if _, null := mv.Value.(*ast.NullNode); !null {
					vp = d.pos(mv.Value)
				}
			}
			src.keys[k] = vp
			before := len(d.errs)
			d.value(mv.Value, d.pos(mv.Key), k, rv.Field(f.index))
			if len(d.errs) > before {
				if src.failed == nil {
					src.failed = map[string]bool{}
				}
				src.failed[k] = true
			}
			if f.required && rv.Field(f.index).IsZero() && isNull(mv.Value) {
				d.errorf(mv.Key, fmt.Sprintf("Give %q a value", k), "%q is empty", k)
			}
		}
	}
	for _, f := range fields.list {
		// Over another file, a key may be in either: checkRequired looks
		// once all are read, where there is a Source to say so.
		if f.required && !src.Has(f.name) && !(d.over && fields.source >= 0) {
			d.errorAt(at, fmt.Sprintf("Add a line \"%s: ...\"", f.name), "missing required key %q", f.name)
		}
	}
	if fields.source >= 0 {
		if d.over {
			src = mergeSource(rv.Field(fields.source).Interface().(Source), src, m != nil)
		}
		rv.Field(fields.source).Set(reflect.ValueOf(src))
	}
}

func isNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	_, ok := n.(*ast.NullNode)
	return ok
}

// scalar returns a scalar node's text as written (so 1.10 stays "1.10").
func (d *decoder) scalar(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		return n.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	case *ast.NullNode:
		return "", true
	case *ast.TagNode:
		return d.scalar(n.Value)
	}
	return "", false
}

type field struct {
	name     string
	index    int
	required bool
}

// fieldSet is a struct's fields that YAML keys name, and the index of its
// Source field or -1. It is made for every mapping decoded, so it keeps
// to one slice: a struct has a handful of fields.
type fieldSet struct {
	list   []field
	source int
}

// byName finds the field for a key; of two with the same key, the last.
func (fs fieldSet) byName(name string) (field, bool) {
	for i := len(fs.list) - 1; i >= 0; i-- {
		if f := fs.list[i]; f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// names are the keys, in order, for hints.
func (fs fieldSet) names() []string {
	var names []string
	for _, f := range fs.list {
		names = append(names, f.name)
	}
	slices.Sort(names)
	return names
}

func structFields(t reflect.Type) fieldSet {
	fs := fieldSet{list: make([]field, 0, t.NumField()), source: -1}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Type == sourceType {
			fs.source = i
			continue
		}
		tag, ok := sf.Tag.Lookup("yaml")
		if !ok || tag == "-" || !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		f := field{name: name, index: i, required: opts == "required"}
		fs.list = append(fs.list, f)
	}
	return fs
}

// keyHinter is a decoded type that knows where a key people write by
// mistake belongs, such as a setting that lives in a nested mapping:
// KeyHint returns what to do about key, or "" to let the decoder suggest
// a near name.
type keyHinter interface {
	KeyHint(key string) string
}

func unknownKeyHint(k string, known []string) string {
	if s := Suggest(k, known); s != "" {
		return fmt.Sprintf("Did you mean %q?", s)
	}
	return "Known keys are: " + strings.Join(known, ", ")
}

func describeKey(key string) string {
	if key == "" {
		return "this value"
	}
	return strconv.Quote(key)
}

func describeNode(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a set of key: value lines"
	case *ast.SequenceNode:
		return "a list"
	}
	return "a single value"
}

func describeValue(n ast.Node, text string, scalar bool) string {
	if scalar {
		return strconv.Quote(text)
	}
	return describeNode(n)
}

// withPos places an UnmarshalText error at the value. Such errors are
// written as "why it is wrong. what to do" sentences; a FileError passes
// its hint through.
func withPos(err error, p diag.Pos, key string) error {
	out := diag.FileError{Msg: err.Error()}
	var fe *diag.FileError
	if errors.As(err, &fe) {
		out = *fe
	}
	out.Pos = p
	if key != "" {
		out.Msg = fmt.Sprintf("%s: %s", strconv.Quote(key), out.Msg)
	}
	return &out
}

// shift moves the position of a FileError found in a fragment to where the
// fragment starts in its file.
func shift(err error, line int) error {
	var fe *diag.FileError
	if errors.As(err, &fe) {
		out := *fe
		out.Pos = out.Pos.Shift(line)
		return &out
	}
	return err
}

// unclosedQuote finds the first line whose value opens a quote that the
// line does not close. It gives the line and column (from 1) of the quote.
func unclosedQuote(data []byte) (line, col int, quote byte, ok bool) {
	n := 0
	for raw := range bytes.Lines(data) {
		n++
		text := bytes.TrimRight(raw, "\r\n")
		t := bytes.TrimLeft(text, " ")
		for len(t) > 1 && t[0] == '-' && t[1] == ' ' {
			t = bytes.TrimLeft(t[1:], " ")
		}
		if k := bytes.Index(t, []byte(": ")); k >= 0 && len(t) > 0 && t[0] != '"' && t[0] != '\'' {
			t = bytes.TrimLeft(t[k+2:], " ")
		}
		if len(t) == 0 || (t[0] != '"' && t[0] != '\'') {
			continue
		}
		q, rest := t[0], t[1:]
		closed := false
		for i := 0; i < len(rest); i++ {
			switch {
			case q == '"' && rest[i] == '\\':
				i++
			case q == '\'' && rest[i] == '\'' && i+1 < len(rest) && rest[i+1] == '\'':
				i++
			case rest[i] == q:
				closed = true
			}
			if closed {
				break
			}
		}
		if !closed {
			return n, runeCol(text, len(text)-len(t)), q, true
		}
	}
	return 0, 0, 0, false
}

// unread marks a problem that kept a whole file from being read.
type unread struct{ error }

func (u unread) Unwrap() error { return u.error }

// markUnread marks err as a problem that kept a whole file from being read, so
// checks that follow know to blame the file, not what depends on it.
func markUnread(err error) error { return unread{err} }

// IsUnread reports whether any of errs kept its whole file from being read.
func IsUnread(errs ...error) bool {
	for _, err := range errs {
		var u unread
		if errors.As(err, &u) {
			return true
		}
	}
	return false
}
