package content

import (
	"reflect"
	"strings"
	"testing"
)

type withParams struct {
	Params map[string]any `yaml:"params"`
	Src    Source
}

// Free-form settings keep what was written: mappings, lists and every
// scalar as its text, so a site's templates see "1.10" and "yes" as typed.
func TestDecodeFreeForm(t *testing.T) {
	src := "params:\n  n: 1.10\n  yes: yes\n  none:\n  list: [a, 2]\n  deep:\n    k:\n      - x: y\n  flow: {a: b}\n"
	var v withParams
	if errs := DecodeYAML("f.yaml", []byte(src), 1, &v); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := map[string]any{
		"n":    "1.10",
		"yes":  "yes",
		"none": nil,
		"list": []any{"a", "2"},
		"deep": map[string]any{"k": []any{map[string]any{"x": "y"}}},
		"flow": map[string]any{"a": "b"},
	}
	if !reflect.DeepEqual(v.Params, want) {
		t.Errorf("params = %#v\nwant %#v", v.Params, want)
	}
	if _, ok := v.Params["none"]; !ok {
		t.Error("a key with no value should be kept, as nil")
	}
	if got := v.Src.At("params"); got.Line != 2 || got.Col != 3 {
		t.Errorf("params at %v", got)
	}
}

func TestDecodeFreeFormErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"params: text\n", `f.yaml:1:9: "params" should be a set of key: value lines`},
		{"params:\n  a: *x\n", "f.yaml:2:6: YAML aliases"},
		{"params:\n" + strings.Repeat(" ", 0) + nest(40), "levels deep"},
	} {
		var v withParams
		errs := DecodeYAML("f.yaml", []byte(tc.src), 1, &v)
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("%q: errors %v, want %q", tc.src, errs, tc.want)
		}
	}
}

func nest(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i+1) + "k:\n")
	}
	return b.String()
}

func FuzzDecodeFreeForm(f *testing.F) {
	f.Add("params:\n  a: [1, {b: c}]\n")
	f.Add("params: {x: !!str 1, y: ~}\n")
	f.Fuzz(func(t *testing.T, src string) {
		var v withParams
		DecodeYAML("f.yaml", []byte(src), 1, &v)
		check(t, v.Params, 0)
	})
}

// check walks a decoded value: only the four shapes free-form decoding
// promises may appear.
func check(t *testing.T, v any, depth int) {
	if depth > MaxDepth+2 {
		t.Fatalf("nested %d deep, past the limit", depth)
	}
	switch v := v.(type) {
	case nil, string:
	case map[string]any:
		for _, e := range v {
			check(t, e, depth+1)
		}
	case []any:
		for _, e := range v {
			check(t, e, depth+1)
		}
	default:
		t.Fatalf("unexpected %T", v)
	}
}
