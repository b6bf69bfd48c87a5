package programme

import (
	"reflect"
	"testing"

	"github.com/readykit/readykit/generator/content"
)

// TestSetDefaults: minWeeks is 8, or the programme's length if that is
// shorter, unless the file says otherwise, even 0; Check then finds the
// problem in what the file says and changes nothing.
func TestSetDefaults(t *testing.T) {
	for _, c := range []struct {
		yaml     string
		minWeeks int
		problems int
	}{
		{"weeks: 10\nphases: []\n", 8, 0},
		{"weeks: 6\nphases: []\n", 6, 0},
		{"weeks: 10\nminWeeks: 9\nphases: []\n", 9, 0},
		{"weeks: 10\nminWeeks: 0\nphases: []\n", 0, 1},
	} {
		var p Programme
		if errs := content.DecodeYAML("programme.yaml", []byte(c.yaml), 1, &p); len(errs) > 0 {
			t.Fatalf("%q: %v", c.yaml, errs)
		}
		p.SetDefaults()
		if p.MinWeeks != c.minWeeks {
			t.Errorf("%q: minWeeks %d, want %d", c.yaml, p.MinWeeks, c.minWeeks)
		}
		before := p
		if errs := p.Check(); len(errs) != c.problems {
			t.Errorf("%q: %d problems %v, want %d", c.yaml, len(errs), errs, c.problems)
		}
		if !reflect.DeepEqual(p, before) {
			t.Errorf("%q: Check changed the programme from %+v to %+v", c.yaml, before, p)
		}
	}
}
