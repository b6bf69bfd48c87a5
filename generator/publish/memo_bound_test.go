package publish

import (
	"strconv"
	"testing"
)

type prefixX struct{}

func (prefixX) Name() string { return "prefix-x" }
func (prefixX) Apply(p string, data []byte) ([]byte, error) {
	return append([]byte("x"), data...), nil
}

// A Memo stays bounded: past maxMemo results it starts again, and still
// gives the transform's result.
func TestMemoBounded(t *testing.T) {
	m := NewMemo()
	tr := m.Remember(prefixX{}, ".html")
	for i := range maxMemo + 1 {
		if _, err := tr.Apply("a.js", []byte(strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(m.out); n != 1 {
		t.Errorf("the memo holds %d results, want 1", n)
	}
	if out, _ := tr.Apply("a.js", []byte("7")); string(out) != "x7" {
		t.Errorf("got %q", out)
	}
	if _, _ = tr.Apply("a.html", []byte("p")); len(m.out) != 2 {
		t.Errorf("an .html file was remembered, or 7 was not: %d results", len(m.out))
	}
}
