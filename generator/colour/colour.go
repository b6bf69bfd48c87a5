// Package colour reads the colours a site's settings name and measures
// them as WCAG 2.x does: relative luminance and contrast ratio. A site's
// brand colours are checked with it before they reach the stylesheet, so
// a client's colour can never make the header or the links unreadable.
package colour

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour in the sRGB space, 8 bits a channel.
type RGB struct{ r, g, b uint8 }

// Black and White are the ends every shade is mixed towards.
var (
	Black = RGB{0, 0, 0}
	White = RGB{255, 255, 255}
)

// Parse reads a colour written as #rgb or #rrggbb (either case), the two
// forms a stylesheet and most brand guides use.
func Parse(s string) (RGB, error) {
	h, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if !ok {
		return RGB{}, fmt.Errorf("%q does not start with #", s)
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return RGB{}, fmt.Errorf("%q has %d digits, not 3 or 6", s, len(h))
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return RGB{}, fmt.Errorf("%q is not written in hexadecimal digits (0-9, a-f)", s)
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// MustParse is Parse for colours written in the program, which are known
// to be good.
func MustParse(s string) RGB {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String writes the colour as #rrggbb.
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// linear undoes the sRGB curve for one channel, as WCAG defines it.
func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// luminance is the colour's relative luminance: 0 for black, 1 for white.
func (c RGB) luminance() float64 {
	return 0.2126*linear(c.r) + 0.7152*linear(c.g) + 0.0722*linear(c.b)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 (the same)
// to 21 (black on white), whichever order they come in.
func Contrast(a, b RGB) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Ratio writes a contrast ratio as people read it, such as 4.5:1. It
// rounds down, so a ratio just short of a threshold never reads as
// meeting it.
func Ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*10)/10, 'f', 1, 64) + ":1"
}

// Mix gives the colour a fraction t of the way from c to to.
func (c RGB) Mix(to RGB, t float64) RGB {
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return RGB{m(c.r, to.r), m(c.g, to.g), m(c.b, to.b)}
}

// Shade finds the colour nearest c, mixed towards black or white (to),
// whose contrast with every colour in against is at least min. It is the
// suggestion a message makes when a brand colour is too light or too
// dark; ok is false when no shade that way reaches min.
func Shade(c, to RGB, min float64, against ...RGB) (shade RGB, ok bool) {
	passes := func(x RGB) bool {
		for _, a := range against {
			if Contrast(x, a) < min {
				return false
			}
		}
		return true
	}
	if passes(c) {
		return c, true
	}
	if !passes(to) {
		return RGB{}, false
	}
	// Contrast with a light background rises steadily towards black (and
	// with a dark one towards white), so halving finds the first shade
	// that passes; 1/256 steps are finer than one unit of a channel.
	lo, hi := 0.0, 1.0
	for range 12 {
		mid := (lo + hi) / 2
		if passes(c.Mix(to, mid)) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return c.Mix(to, hi), true
}
