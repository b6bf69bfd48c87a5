package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/readykit/readykit/generator/diag"
)

// Limits on a site's text files, so that no file can take the build's time
// or memory: checked before a file is parsed, and reported with positions.
const (
	// MaxText is the largest YAML or Markdown file readykit reads. The
	// longest file in the default site is under 20 KB.
	MaxText = 1 << 20
	// MaxDepth is how deeply YAML may nest lists and key: value sets. The
	// default site nests 4 deep; the YAML parser slows down by the square
	// of the depth, so a hostile file 100,000 deep would never finish.
	MaxDepth = 32
)

var bom = []byte("\ufeff")

// utf8Text prepares the bytes of a text file: it drops a UTF-8 byte order mark
// (Windows Notepad writes one) and checks that the rest is UTF-8, reporting
// the first bad byte at its line and column.
func utf8Text(file string, data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, bom)
	if utf8.Valid(data) {
		return data, nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: col},
				"Save the file as UTF-8 (in most editors: Save as, then Encoding: UTF-8)",
				"the file is not UTF-8 text here (byte 0x%02X): it may have been saved in another encoding, or it is not a text file", data[i])
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return data, nil
}

// Blank reports whether YAML text holds nothing but spaces and comments.
func Blank(data []byte) bool {
	for line := range bytes.Lines(data) {
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			return false
		}
	}
	return true
}
