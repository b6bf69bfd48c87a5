package progress

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText reads a file's bytes as text: UTF-8 with or without a byte
// order mark, or UTF-16 with one (Windows Notepad saves both). ok is false
// for bytes that are not valid in the encoding; they are refused rather
// than replaced, as the browser does (themes/default/static/js/filetext.js),
// so a note is never changed without a word.
func decodeText(data []byte) (text string, ok bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], true)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], false)
	}
	if !utf8.Valid(data) {
		return "", false
	}
	return string(data), true
}

// decodeUTF16 refuses an odd number of bytes and half of a surrogate pair
// without its other half.
func decodeUTF16(data []byte, little bool) (string, bool) {
	if len(data)%2 != 0 {
		return "", false
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		a, b := uint16(data[2*i]), uint16(data[2*i+1])
		if little {
			units[i] = a | b<<8
		} else {
			units[i] = a<<8 | b
		}
	}
	var s strings.Builder
	s.Grow(len(units))
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		switch {
		case utf16.IsSurrogate(u) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			s.WriteRune(utf16.DecodeRune(u, rune(units[i+1])))
			i++
		case utf16.IsSurrogate(u):
			return "", false
		default:
			s.WriteRune(u)
		}
	}
	return s.String(), true
}

// length counts a string the way JavaScript's .length does, in UTF-16 code
// units, so the text limits cut at the same place in the browser and here.
func length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// quote shows an untrusted string in a message, quoted and cut to 40
// characters, as progress.js's quote does.
func quote(s string) string {
	if length(s) <= 40 {
		return `"` + s + `"`
	}
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > 40 {
			return `"` + s[:i] + `…"`
		}
		n += utf16.RuneLen(r)
	}
	return `"` + s + `"`
}
