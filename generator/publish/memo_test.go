package publish

import (
	"strings"
	"testing"
)

type counting struct{ n *int }

func (counting) Name() string { return "upper" }
func (c counting) Apply(p string, data []byte) ([]byte, error) {
	*c.n++
	return []byte(strings.ToUpper(string(data))), nil
}

func TestMemo(t *testing.T) {
	n := 0
	m := NewMemo()
	tr := m.Remember(counting{&n}, ".html")
	for range 3 {
		out, err := tr.Apply("a/site.js", []byte("abc"))
		if err != nil || string(out) != "ABC" {
			t.Fatalf("%q, %v", out, err)
		}
		out[0] = 'x' // the caller owns what it is given
	}
	tr.Apply("b/other.js", []byte("abc")) // same bytes and extension: the same output
	tr.Apply("b/site.css", []byte("abc"))
	if n != 2 {
		t.Errorf("transformed %d times, want 2 (one .js, one .css)", n)
	}
	tr.Apply("index.html", []byte("abc"))
	tr.Apply("index.html", []byte("abc"))
	if n != 4 {
		t.Errorf("pages are not remembered: %d", n)
	}
	var none *Memo
	if none.Remember(counting{&n}) == nil {
		t.Error("a nil memo gives the transform")
	}
}
