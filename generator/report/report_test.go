package report

import (
	"encoding/csv"
	"strings"
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
		// What csv.js writes (the vector's text) parses back with Go's
		// encoding/csv to the same cells, formulas made text.
		back, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(v.V.Want, "\ufeff"))).ReadAll()
		if err != nil {
			t.Errorf("%s: does not parse back: %v", v.File, err)
			continue
		}
		for i, row := range append([][]string{v.V.Header}, v.V.Rows...) {
			for j, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					cell = "'" + cell
				}
				// encoding/csv reads a CRLF inside a quoted cell as LF.
				cell = strings.ReplaceAll(cell, "\r\n", "\n")
				if i >= len(back) || j >= len(back[i]) || back[i][j] != cell {
					t.Errorf("%s: row %d cell %d reads back wrong", v.File, i, j)
				}
			}
		}
	}
}
