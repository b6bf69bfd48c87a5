package colour

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]RGB{
		"#000":    {0, 0, 0},
		"#fff":    {255, 255, 255},
		"#00563f": {0, 0x56, 0x3f},
		"#FFDD00": {0xff, 0xdd, 0},
		"#1d5":    {0x11, 0xdd, 0x55},
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "00563f", "#00563", "#00563g", "#0000000", "red", "#", "#-12345"} {
		if c, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", bad, c)
		}
	}
	if s := MustParse("#ABC").String(); s != "#aabbcc" {
		t.Errorf("String = %s", s)
	}
}

// Known ratios, as WebAIM's contrast checker and the WCAG examples give
// them.
func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48},
		{"#767676", "#ffffff", 4.54},
		{"#808080", "#ffffff", 3.95},
		{"#008000", "#ffffff", 5.14},
		{"#ff0000", "#ffffff", 4.00},
		{"#0000ff", "#ffffff", 8.59},
	} {
		got := Contrast(MustParse(c.a), MustParse(c.b))
		if math.Abs(got-c.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
		if back := Contrast(MustParse(c.b), MustParse(c.a)); back != got {
			t.Errorf("Contrast(%s, %s) = %v one way and %v the other", c.a, c.b, got, back)
		}
	}
}

func TestRatio(t *testing.T) {
	for r, want := range map[float64]string{21: "21.0:1", 4.499: "4.4:1", 4.5: "4.5:1", 2.15: "2.1:1"} {
		if got := Ratio(r); got != want {
			t.Errorf("Ratio(%v) = %s, want %s", r, got, want)
		}
	}
}

func TestShade(t *testing.T) {
	light := MustParse("#7fb3e0")
	s, ok := Shade(light, Black, 4.5, White)
	if !ok || Contrast(s, White) < 4.5 {
		t.Fatalf("Shade = %v, %v: contrast %.2f", s, ok, Contrast(s, White))
	}
	// The nearest passing shade: one step lighter fails.
	if lighter := s.Mix(White, 0.02); Contrast(lighter, White) >= 4.5 {
		t.Errorf("Shade %v is darker than it needs to be: %v passes too", s, lighter)
	}
	if got, _ := Shade(MustParse("#003d35"), Black, 4.5, White); got != MustParse("#003d35") {
		t.Errorf("a passing colour should come back as it is, got %v", got)
	}
	// Mid grey can reach 4.5:1 neither against black and white together.
	if _, ok := Shade(MustParse("#777777"), Black, 4.5, White, Black); ok {
		t.Error("no shade passes against both black and white at 4.5:1, yet Shade found one")
	}
}
