package content

import (
	"reflect"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/diag"
)

type settings struct {
	Title   string         `yaml:"title,required"`
	Edition string         `yaml:"edition,required"`
	Theme   string         `yaml:"theme"`
	Hosts   []Text         `yaml:"hosts"`
	Nested  nested         `yaml:"nested"`
	Params  map[string]any `yaml:"params"`
	Src     Source
}

type nested struct {
	A   string `yaml:"a"`
	B   string `yaml:"b"`
	Src Source
}

func over(t *testing.T, shared, client string) (settings, []string) {
	t.Helper()
	var s settings
	var msgs []string
	for _, err := range DecodeYAMLOver([]Layer{
		{File: "readykit.yaml", Data: []byte(shared), Line: 1},
		{File: "clients/oak/readykit.yaml", Data: []byte(client), Line: 1},
	}, &s) {
		msgs = append(msgs, err.Error())
	}
	return s, msgs
}

// A client's keys replace the shared ones, mappings merge key by key at
// any depth, lists replace whole, and each value's position is in the file
// it came from.
func TestDecodeOverMerges(t *testing.T) {
	s, errs := over(t,
		"edition: e1\ntheme: shared\nhosts: [a.example, b.example]\nnested:\n  a: 1\n  b: 2\nparams:\n  x: 1\n  deep:\n    p: 1\n    q: 2\n",
		"title: Oak\nhosts: [c.example]\nnested:\n  b: 3\nparams:\n  deep:\n    q: 9\n  y: 2\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Title != "Oak" || s.Edition != "e1" || s.Theme != "shared" {
		t.Errorf("scalars %+v", s)
	}
	if len(s.Hosts) != 1 || s.Hosts[0].Value != "c.example" || s.Hosts[0].Pos.File != "clients/oak/readykit.yaml" {
		t.Errorf("lists replace whole: %+v", s.Hosts)
	}
	if s.Nested.A != "1" || s.Nested.B != "3" {
		t.Errorf("nested %+v", s.Nested)
	}
	want := map[string]any{"x": "1", "y": "2", "deep": map[string]any{"p": "1", "q": "9"}}
	if !reflect.DeepEqual(s.Params, want) {
		t.Errorf("params %#v", s.Params)
	}
	for key, file := range map[string]string{"title": "clients/oak/readykit.yaml", "edition": "readykit.yaml", "theme": "readykit.yaml"} {
		if got := s.Src.At(key).File; got != file {
			t.Errorf("%s at %s, want %s", key, got, file)
		}
	}
	if got := s.Nested.Src.At("a"); got != (diag.Pos{File: "readykit.yaml", Line: 5, Col: 6}) {
		t.Errorf("nested.a at %v", got)
	}
	if got := s.Nested.Src.At("b"); got != (diag.Pos{File: "clients/oak/readykit.yaml", Line: 4, Col: 6}) {
		t.Errorf("nested.b at %v", got)
	}
}

// The shared file's maps are not changed by a client's: a Cache hands the
// same decoded shared settings to every client.
func TestDecodeOverKeepsEarlierMaps(t *testing.T) {
	var a settings
	DecodeYAMLOver([]Layer{{File: "a", Data: []byte("title: t\nedition: e\nparams:\n  deep:\n    p: 1\n"), Line: 1}}, &a)
	b := a
	DecodeYAMLOver([]Layer{{File: "b", Data: []byte("params:\n  deep:\n    p: 2\n  z: 3\n"), Line: 1}}, &b)
	if got := a.Params["deep"].(map[string]any)["p"]; got != "1" || len(a.Params) != 1 {
		t.Errorf("earlier params changed: %v", a.Params)
	}
	if got := b.Params["deep"].(map[string]any)["p"]; got != "2" {
		t.Errorf("later params %v", b.Params)
	}
}

func TestDecodeOverRequired(t *testing.T) {
	_, errs := over(t, "theme: x\n", "edition: e\n")
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "clients/oak/readykit.yaml:1:1: missing required key \"title\"") {
		t.Errorf("errors %q", errs)
	}
	_, errs = over(t, "title: T\nedition: e\n", "")
	if len(errs) != 0 {
		t.Errorf("an empty client file adds nothing: %q", errs)
	}
	_, errs = over(t, "title: T\nedition: e\nnested:\n  a: [x]\n", "bogus: 1\ntitle:\n")
	got := strings.Join(errs, "\n")
	for _, want := range []string{`readykit.yaml:4:6: "a" should be text`, `clients/oak/readykit.yaml:1:1: unknown key "bogus"`, `clients/oak/readykit.yaml:2:1: "title" is empty`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q\nlack %q", got, want)
		}
	}
}

// A null in the later file clears the earlier value.
func TestDecodeOverNull(t *testing.T) {
	s, _ := over(t, "title: T\nedition: e\ntheme: x\nparams:\n  a: 1\n", "theme:\nparams:\n  a:\n")
	if s.Theme != "" || s.Params["a"] != nil {
		t.Errorf("null kept %+v", s)
	}
}

func FuzzDecodeOver(f *testing.F) {
	f.Add("title: T\nedition: e\nparams:\n  a: {b: c}\n", "params:\n  a: {d: e}\nnested: {a: x}\n")
	f.Add("nested:\n  a: 1\n", "nested: [1]\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		var s settings
		DecodeYAMLOver([]Layer{{File: "a", Data: []byte(a), Line: 1}, {File: "b", Data: []byte(b), Line: 1}}, &s)
		check(t, s.Params, 0)
	})
}
