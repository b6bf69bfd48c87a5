package report

import (
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
)

// TestCSVVectors: the CSV writer gives exactly the text csv.js gives for
// the shared vectors in testdata/csv.
func TestCSVVectors(t *testing.T) {
	for _, v := range vectors.Load[struct {
		Name   string     `json:"name"`
		Header []string   `json:"header"`
		Rows   [][]string `json:"rows"`
		Want   string     `json:"want"`
	}](t, "csv", 4) {
		if got := string(CSV(v.V.Header, v.V.Rows)); got != v.V.Want {
			t.Errorf("%s (%s):\n got %q\nwant %q", v.File, v.V.Name, got, v.V.Want)
		}
	}
}
