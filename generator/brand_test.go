package generator

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/colour"
	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/theme"
	"github.com/readykit/readykit/themes"
)

// readConfig decodes and checks settings as loadConfig does.
func readConfig(t *testing.T, yaml string) (Config, []error) {
	t.Helper()
	var cfg Config
	errs := content.DecodeYAML(ConfigFile, []byte("title: T\nedition: e\n"+yaml), 1, &cfg)
	if len(errs) > 0 {
		t.Fatalf("decoding: %v", errs)
	}
	var l diag.List
	cfg.normalise(&l)
	return cfg, l.Unwrap()
}

func TestBrandColours(t *testing.T) {
	for _, c := range []struct {
		name, yaml string
		want       []string // each a file:line:col and words of one error
	}{
		{"good colours", "brand:\n  colours:\n    header: \"#00563f\"\n    link: \"#00563f\"\n    focus: \"#ffdd00\"\n", nil},
		{"short form", "brand:\n  colours:\n    header: \"#036\"\n", nil},
		{"no colours", "brand:\n  footer: x\n", nil},
		{"light header", "brand:\n  colours:\n    header: \"#7fb3e0\"\n",
			[]string{`readykit.yaml:5:13: the header colour "#7fb3e0" gives its white text a contrast of 2.2:1`}},
		// #767676 gives 4.54:1 on white, but links sit on the panels too.
		{"good on white, not on a panel", "brand:\n  colours:\n    link: \"#767676\"\n",
			[]string{`readykit.yaml:5:11: the link colour "#767676" has a contrast of 4.0:1 with the pale panel (#f3f2f1)`}},
		{"link on a panel", "brand:\n  colours:\n    link: \"#727272\"\n",
			[]string{`readykit.yaml:5:11: the link colour "#727272" has a contrast of 4.3:1 with the pale panel (#f3f2f1)`}},
		{"dark focus", "brand:\n  colours:\n    focus: \"#1d5fa5\"\n",
			[]string{`readykit.yaml:5:12: the focus colour "#1d5fa5" gives the black text on it a contrast of 3.0:1`}},
		{"focus lost in the header", "brand:\n  colours:\n    header: \"#767676\"\n    focus: \"#7a7a7a\"\n",
			[]string{`readykit.yaml:6:12: the focus colour "#7a7a7a" leaves the focus ring around the header's links a contrast of 1.0:1 with the header; WCAG 2.2 AA needs at least 3:1`}},
		{"not a colour", "brand:\n  colours:\n    header: green\n    link: \"#12345\"\n",
			[]string{`readykit.yaml:5:13: the header colour "green" is not a colour`, `readykit.yaml:6:11: the link colour "#12345" is not a colour`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := readConfig(t, c.yaml)
			var got []string
			for _, err := range errs {
				got = append(got, err.Error())
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("got  %s\nwant %s...", got[i], w)
				}
				if strings.Contains(w, "contrast") && !strings.Contains(got[i], "WCAG 2.2 AA") {
					t.Errorf("%s does not say which rule", got[i])
				}
			}
		})
	}
}

// A suggested shade passes where the colour failed.
func TestBrandSuggestionPasses(t *testing.T) {
	_, errs := readConfig(t, "brand:\n  colours:\n    header: \"#7fb3e0\"\n    link: \"#9ab\"\n    focus: \"#345\"\n")
	hex := regexp.MustCompile(`such as "(#[0-9a-f]{6})"`)
	if len(errs) != 3 {
		t.Fatalf("got %v", errs)
	}
	for i, against := range [][]colour.RGB{{colour.White}, linkBackgrounds, {textColour}} {
		var fe *diag.FileError
		if !errors.As(errs[i], &fe) {
			t.Fatalf("%v is not a FileError", errs[i])
		}
		m := hex.FindStringSubmatch(fe.Hint)
		if m == nil {
			t.Fatalf("no suggestion in %q", fe.Hint)
		}
		for _, a := range against {
			if r := colour.Contrast(colour.MustParse(m[1]), a); r < textContrast {
				t.Errorf("the suggestion %s gives %.2f:1 with %s", m[1], r, a)
			}
		}
	}
}

// The colours brand checks against are the ones site.css draws with.
func TestBrandMatchesSiteCSS(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	prop := func(name string) colour.RGB {
		m := regexp.MustCompile(`(?m)^\s*--` + name + `:\s*(#[0-9a-fA-F]+);`).FindSubmatch(css)
		if m == nil {
			t.Fatalf("site.css has no --%s", name)
		}
		return colour.MustParse(string(m[1]))
	}
	if prop("text") != textColour || prop("focus") != defaultFocus {
		t.Errorf("site.css's --text or --focus is not brand.go's")
	}
	for _, bg := range []colour.RGB{prop("bg"), prop("panel"), prop("check-bg")} {
		found := false
		for _, l := range linkBackgrounds {
			found = found || l == bg
		}
		if !found {
			t.Errorf("site.css's background %s is not among linkBackgrounds", bg)
		}
	}
	for _, l := range linkBackgrounds {
		if !bytes.Contains(bytes.ToLower(css), []byte(l.String())) && l != colour.White {
			t.Errorf("linkBackgrounds has %s, which site.css no longer uses", l)
		}
	}
	if !regexp.MustCompile(`\.site-header \{ background: var\(--brand\); color: #fff; \}`).Match(css) {
		t.Error("the header is no longer white text on --brand: brand.go's header check needs to follow")
	}
	// The default colours pass their own checks.
	if _, errs := readConfig(t, fmt.Sprintf("brand:\n  colours:\n    header: %q\n    link: %q\n    focus: %q\n", prop("brand"), prop("link"), prop("focus"))); len(errs) > 0 {
		t.Errorf("the default theme's own colours fail: %v", errs)
	}
}

func TestBrandStylesheet(t *testing.T) {
	cfg, errs := readConfig(t, "brand:\n  colours:\n    header: \"#00563f\"\n    focus: \"#fd0\"\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	css := string(cfg.Brand.Colours.palette().stylesheet())
	for _, want := range []string{"--brand: #00563f;", "--brand-dark: #003c2c;", "--focus: #ffdd00;"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %s:\n%s", want, css)
		}
	}
	if strings.Contains(css, "--link") {
		t.Errorf("stylesheet sets a colour not configured:\n%s", css)
	}
	if none, _ := readConfig(t, ""); none.Brand.Colours.palette().stylesheet() != nil {
		t.Error("a stylesheet without colours")
	}
}

// builderWith is a builder with settings, the default theme, and static
// files as load leaves them, for the stages brand runs in.
func builderWith(t *testing.T, yaml string, static map[string][]byte) *builder {
	t.Helper()
	cfg, errs := readConfig(t, yaml)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	b := &builder{cfg: cfg}
	th, terrs := theme.Load(theme.NewOverlay(theme.Layer{FS: themes.Default(), Prefix: "themes/default/"}), b.funcs())
	if len(terrs) > 0 {
		t.Fatal(terrs)
	}
	b.theme = th
	for name, data := range static {
		b.static = append(b.static, staticFile{path: name, src: staticDir + "/" + name, from: fromStatic, read: func() ([]byte, error) { return data, nil }})
	}
	return b
}

func TestBrandAsset(t *testing.T) {
	b := builderWith(t, "brand:\n  colours:\n    link: \"#00563f\"\n", nil)
	if errs := b.brand(); len(errs) > 0 {
		t.Fatal(errs)
	}
	href := b.funcs()["brandStylesheet"].(func() string)()
	a, ok := b.theme.Asset(brandCSS)
	if !ok || href != "/"+a.Path || !regexp.MustCompile(`^assets/brand\.[0-9a-f]{8}\.css$`).MatchString(a.Path) || !bytes.Contains(a.Data, []byte("--link: #00563f;")) {
		t.Errorf("brandStylesheet %q, asset %v %q", href, ok, a.Path)
	}
	plain := builderWith(t, "", nil)
	plain.brand()
	if href := plain.funcs()["brandStylesheet"].(func() string)(); href != "" {
		t.Errorf("without colours brandStylesheet gave %q", href)
	}
}

func TestLogo(t *testing.T) {
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><rect width="200" height="50"/></svg>`)
	// A PNG twice as wide as it is high.
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	pngData := pngBuf.Bytes()
	for _, c := range []struct {
		name, yaml string
		static     map[string][]byte
		want       string // the start of the one error, or "" for none
		w, h       int
	}{
		{"svg", "brand:\n  logo: logos/oak.svg\n  logoAlt: Oak House\n", map[string][]byte{"logos/oak.svg": svg}, "", 192, 48},
		{"png", "brand:\n  logo: oak.png\n  logoAlt: Oak House\n", map[string][]byte{"oak.png": pngData}, "", 96, 48},
		{"missing", "brand:\n  logo: oak.svg\n  logoAlt: Oak House\n", nil, "readykit.yaml:4:9: there is no static/oak.svg for the logo", 0, 0},
		{"not what it says", "brand:\n  logo: oak.png\n  logoAlt: Oak House\n", map[string][]byte{"oak.png": svg}, "readykit.yaml:4:9: the logo static/oak.png is not the kind of picture its name says", 0, 0},
		{"too large", "brand:\n  logo: oak.svg\n  logoAlt: Oak House\n", map[string][]byte{"oak.svg": append(bytes.Clone(svg), bytes.Repeat([]byte(" "), maxLogo)...)}, "readykit.yaml:4:9: the logo static/oak.svg is 201 KB", 192, 48},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := builderWith(t, c.yaml, c.static)
			errs := b.brand()
			switch {
			case c.want == "" && len(errs) > 0:
				t.Errorf("unexpected %v", errs)
			case c.want != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), c.want)):
				t.Errorf("got %v\nwant %s...", errs, c.want)
			}
			if w, h := b.cfg.Brand.LogoWidth(), b.cfg.Brand.LogoHeight(); c.w != 0 && (w != c.w || h != c.h) {
				t.Errorf("size %dx%d, want %dx%d", w, h, c.w, c.h)
			}
		})
	}
	// Settings that cannot work whatever the files.
	for yaml, want := range map[string]string{
		"brand:\n  logo: oak.svg\n":                  "readykit.yaml:4:9: the logo has no text alternative (logoAlt)",
		"brand:\n  logo: ../oak.svg\n  logoAlt: x\n": `readykit.yaml:4:9: logo "../oak.svg" is not a file path under static/`,
		"brand:\n  logo: /oak.svg\n  logoAlt: x\n":   `readykit.yaml:4:9: logo "/oak.svg" is not a file path under static/`,
		"brand:\n  logo: oak.gif\n  logoAlt: x\n":    `readykit.yaml:4:9: logo "oak.gif" is not a picture browsers show in a page header`,
		"contact:\n  email: jo@@x.example\n":         `readykit.yaml:4:10: "jo@@x.example" is not an email address`,
		"contact:\n  phone: \"123\"\n":               `readykit.yaml:4:10: "123" is not a phone number`,
		"contact:\n  url: javascript:alert(1)\n":     `readykit.yaml:4:8: contact url "javascript:alert(1)" is not a web address`,
		"contact:\n  url: https://x.example/contact\n  email: jo@x.example\n  phone: +44 (0)1234 567-890\n": "",
	} {
		_, errs := readConfig(t, yaml)
		if want == "" && len(errs) > 0 || want != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want)) {
			t.Errorf("%s: got %v\nwant %q", yaml, errs, want)
		}
	}
}

func TestContactTel(t *testing.T) {
	for in, want := range map[string]string{"01234 567890": "tel:01234567890", "+44 (0)1234 567-890": "tel:+4401234567890"} {
		if got := string((Contact{Phone: in}).Tel()); got != want {
			t.Errorf("Tel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParams(t *testing.T) {
	cfg, errs := readConfig(t, "params:\n  region: North\n  homes: 3\n  list: [a, b]\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := &Site{Config: cfg}
	if s.Params()["region"] != "North" || s.Params()["list"] == nil {
		t.Errorf("Params = %#v", s.Params())
	}
}

// FuzzImageSize: whatever a logo file holds, reading its size never
// panics, and a size it gives is positive and finite, and gives a header
// width from 1 to ten times the height.
func FuzzImageSize(f *testing.F) {
	f.Add(".svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 48"/>`))
	f.Add(".svg", []byte(`<svg width="Inf" height="1e-300"/>`))
	f.Add(".webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\x00\x00\x00"))
	f.Add(".png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add(".jpg", []byte("\xff\xd8\xff"))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		w, h, ok := imageSize(ext, data)
		if !ok {
			return
		}
		if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) || math.IsNaN(w) || math.IsNaN(h) {
			t.Fatalf("size %v x %v", w, h)
		}
		if lw := logoWidth(w, h); lw < 1 || lw > 10*logoHeight {
			t.Fatalf("header width %d for %v x %v", lw, w, h)
		}
	})
}
