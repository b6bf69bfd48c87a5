package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"image/jpeg"
	"image/png"
	"math"
	"net/http"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/readykit/readykit/generator/colour"
	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
)

// Brand is a client's look, from readykit.yaml's brand: the logo in the
// header, the colours of the header, links and focus, and a line in every
// page's footer.
type Brand struct {
	// Logo is the path of an image under static/ (the client's or the
	// shared one), such as oak-house-logo.svg.
	Logo string `yaml:"logo"`
	// LogoAlt is the logo's text alternative, usually the name it shows.
	LogoAlt string       `yaml:"logoAlt"`
	Colours BrandColours `yaml:"colours"`
	// Footer is a line of plain text at the foot of every page.
	Footer string `yaml:"footer"`
	Src    content.Source

	// logoW and logoH are the logo's size in the header; logo sets them.
	logoW, logoH int
}

// BrandColours are the colours a client may change, each written as #rgb
// or #rrggbb. Each is checked against the colours site.css shows it with,
// so that a brand can never make a page harder to read than WCAG 2.2 AA
// allows.
type BrandColours struct {
	// Header is the header's background, behind white text; the menu bar
	// below it is a darker shade of it.
	Header string `yaml:"header"`
	// Link is the colour of links, on the white page and on the pale
	// panels links appear on.
	Link string `yaml:"link"`
	// Focus marks the control the keyboard is on: behind black text, and
	// around links in the header.
	Focus string `yaml:"focus"`
	Src   content.Source
}

// Contact is who readers can ask about the site.
type Contact struct {
	Name         string `yaml:"name"`
	Organisation string `yaml:"organisation"`
	Email        string `yaml:"email"`
	Phone        string `yaml:"phone"`
	// URL is a web page about contacting them: http or https only.
	URL string `yaml:"url"`
	Src content.Source
}

// Set reports whether any contact detail is given, so the footer shows a
// Contact section only when there is something in it.
func (c Contact) Set() bool {
	return c.Name != "" || c.Organisation != "" || c.Email != "" || c.Phone != "" || c.URL != ""
}

// Tel is the phone number as a tel: link needs it: digits and a leading +.
// It is marked safe because html/template would otherwise replace a tel:
// address, a scheme it does not know, and it holds nothing but digits.
func (c Contact) Tel() template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(c.Phone) {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// The colours site.css draws with, which a brand colour must stand out
// from. They are site.css's :root values; brand_test.go checks that they
// still are.
var (
	textColour   = colour.MustParse("#0b0c0c") // --text
	headerText   = colour.White                // .site-header's text
	defaultFocus = colour.MustParse("#ffdd00") // --focus
	// linkBackgrounds are the page and the pale panels links sit on:
	// --bg, --panel, --check-bg, and the verdict and warning boxes.
	linkBackgrounds = []colour.RGB{
		colour.White,
		colour.MustParse("#f3f2f1"),
		colour.MustParse("#fff4e5"),
		colour.MustParse("#eef7f5"),
		colour.MustParse("#fdf2f2"),
		colour.MustParse("#fdf2f0"),
	}
)

// WCAG 2.2 AA's minimum contrast: 4.5:1 for text (1.4.3), 3:1 for what
// shows a control's state, such as the focus ring (1.4.11).
const (
	textContrast      = 4.5
	indicatorContrast = 3.0
)

// navShade is how far the menu bar's colour is from the header's towards
// black: the default theme's #003d35 is about a third darker than #005a4f.
const navShade = 0.3

// linkHoverShade darkens a link under the pointer, as --link-hover does.
const linkHoverShade = 0.35

// brandPalette is the brand's colours, read and ready for the stylesheet.
type brandPalette struct {
	header, link, focus *colour.RGB
}

// palette reads the colours; one that cannot be read is left out (check
// has reported it).
func (bc BrandColours) palette() brandPalette {
	read := func(s string) *colour.RGB {
		if s == "" {
			return nil
		}
		c, err := colour.Parse(s)
		if err != nil {
			return nil
		}
		return &c
	}
	return brandPalette{header: read(bc.Header), link: read(bc.Link), focus: read(bc.Focus)}
}

// stylesheet sets site.css's custom properties to the brand's colours; it
// is empty when the brand sets none. It is a file, not a style attribute,
// so the site's Content-Security-Policy can forbid inline styles.
func (p brandPalette) stylesheet() []byte {
	if p.header == nil && p.link == nil && p.focus == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("/* The brand's colours, from readykit.yaml. */\n:root {\n")
	if c := p.header; c != nil {
		fmt.Fprintf(&b, "  --brand: %s;\n  --brand-dark: %s;\n", c, c.Mix(colour.Black, navShade))
	}
	if c := p.link; c != nil {
		fmt.Fprintf(&b, "  --link: %s;\n  --link-hover: %s;\n", c, c.Mix(colour.Black, linkHoverShade))
	}
	if c := p.focus; c != nil {
		fmt.Fprintf(&b, "  --focus: %s;\n", c)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// check reports a colour that cannot be read, or that gives too little
// contrast with what it is shown with, at the colour's position in
// readykit.yaml.
func (bc BrandColours) check(errs *diag.List) {
	for _, key := range []string{"header", "link", "focus"} {
		v := map[string]string{"header": bc.Header, "link": bc.Link, "focus": bc.Focus}[key]
		if v == "" {
			continue
		}
		if _, err := colour.Parse(v); err != nil {
			errs.Addf(bc.Src.At(key), "Write the colour as # and six hexadecimal digits, such as \"#00563f\", in quotes", "the %s colour %q is not a colour readykit can read", key, v)
		}
	}
	p := bc.palette()
	focus := defaultFocus
	if p.focus != nil {
		focus = *p.focus
	}
	if c := p.header; c != nil {
		if r := colour.Contrast(*c, headerText); r < textContrast {
			errs.Addf(bc.Src.At("header"), suggest("darker", *c, colour.Black, textContrast, headerText),
				"the header colour %q gives its white text a contrast of %s; WCAG 2.2 AA needs at least 4.5:1", bc.Header, colour.Ratio(r))
		} else if dark := c.Mix(colour.Black, navShade); colour.Contrast(focus, *c) < indicatorContrast || colour.Contrast(focus, dark) < indicatorContrast {
			r := min(colour.Contrast(focus, *c), colour.Contrast(focus, dark))
			at, what := bc.Src.At("focus"), fmt.Sprintf("the focus colour %q", focus)
			if p.focus == nil {
				at, what = bc.Src.At("header"), fmt.Sprintf("the header colour %q", bc.Header)
			}
			errs.Addf(at, "Choose a lighter focus colour (brand.colours.focus) or a darker header colour, so the focus ring shows in the header",
				"%s leaves the focus ring around the header's links a contrast of %s with the header; WCAG 2.2 AA needs at least 3:1", what, colour.Ratio(r))
		}
	}
	if c := p.link; c != nil {
		worst, bg := 21.0, colour.White
		for _, b := range linkBackgrounds {
			if r := colour.Contrast(*c, b); r < worst {
				worst, bg = r, b
			}
		}
		if worst < textContrast {
			// The panels are darker than the page, so the worst is
			// usually a panel: a colour can pass on white and still fail.
			on := "the white page"
			if bg != colour.White {
				on = "the pale panel (" + bg.String() + ") links also appear on"
			}
			errs.Addf(bc.Src.At("link"), suggest("darker", *c, colour.Black, textContrast, linkBackgrounds...),
				"the link colour %q has a contrast of %s with %s; WCAG 2.2 AA needs at least 4.5:1", bc.Link, colour.Ratio(worst), on)
		}
	}
	if c := p.focus; c != nil {
		if r := colour.Contrast(*c, textColour); r < textContrast {
			errs.Addf(bc.Src.At("focus"), suggest("lighter", *c, colour.White, textContrast, textColour),
				"the focus colour %q gives the black text on it a contrast of %s; WCAG 2.2 AA needs at least 4.5:1", bc.Focus, colour.Ratio(r))
		}
	}
}

// suggest is the hint for a colour that fails: the nearest shade that
// passes, mixed towards black or white.
func suggest(way string, c, to colour.RGB, min float64, against ...colour.RGB) string {
	if s, ok := colour.Shade(c, to, min, against...); ok {
		return fmt.Sprintf("Choose a %s colour, such as %q, the nearest shade that passes", way, s.String())
	}
	return "Choose a " + way + " colour"
}

// Logos are pictures browsers show in an <img>, and small: a logo is
// loaded on every page.
var logoTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}

// maxLogo is the largest logo file allowed, in bytes.
const maxLogo = 200 << 10

// logoPath is a plain relative path under static/.
var logoPath = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`)

// check reports brand settings that cannot work, whatever files the site
// has; logo checks the file itself.
func (br *Brand) check(errs *diag.List) {
	br.Colours.check(errs)
	if br.Logo == "" {
		if br.LogoAlt != "" {
			errs.Addf(br.Src.At("logoAlt"), "Add logo: with the picture's file name under static/, or remove logoAlt", "logoAlt is set but there is no logo")
		}
		return
	}
	if br.LogoAlt == "" {
		errs.Addf(br.Src.At("logo"), "Add logoAlt: with the words the logo shows, such as the care provider's name, for people who cannot see it", "the logo has no text alternative (logoAlt)")
	}
	if !logoPath.MatchString(br.Logo) || strings.Contains("/"+br.Logo+"/", "/../") || strings.Contains("/"+br.Logo+"/", "/./") {
		errs.Addf(br.Src.At("logo"), "Write the file's path under static/, such as oak-house-logo.svg, without a leading / or ..", "logo %q is not a file path under static/", br.Logo)
		return
	}
	if _, ok := logoTypes[strings.ToLower(path.Ext(br.Logo))]; !ok {
		errs.Addf(br.Src.At("logo"), "Use an SVG, PNG, JPEG or WebP picture", "logo %q is not a picture browsers show in a page header", br.Logo)
	}
}

// logo checks the logo's file: it must be one the site publishes, of the
// type its name says, and small.
func (b *builder) logo() []error {
	var errs diag.List
	br := b.cfg.Brand
	want, ok := logoTypes[strings.ToLower(path.Ext(br.Logo))]
	if br.Logo == "" || !ok || !logoPath.MatchString(br.Logo) {
		return nil // Brand.check said why
	}
	at := br.Src.At("logo")
	var f *staticFile
	for i := range b.static {
		if s := b.static[i]; s.path == br.Logo && s.from != fromTheme && s.from != fromContent {
			f = &b.static[i]
		}
	}
	if f == nil {
		errs.Addf(at, "Put the picture in the static folder as "+staticDir+"/"+br.Logo+", or correct the name", "there is no %s/%s for the logo", staticDir, br.Logo)
		return errs.Unwrap()
	}
	data, err := f.read()
	if err != nil {
		return []error{err}
	}
	if len(data) > maxLogo {
		errs.Addf(at, fmt.Sprintf("Make the picture smaller than %d KB; a logo is loaded with every page (an SVG, or a PNG about 400 pixels wide, is usually enough)", maxLogo>>10),
			"the logo %s is %d KB", f.src, (len(data)+1023)>>10)
	}
	if w, h, ok := imageSize(strings.ToLower(path.Ext(br.Logo)), data); ok {
		b.cfg.Brand.logoH = logoHeight
		b.cfg.Brand.logoW = logoWidth(w, h)
	}
	got := http.DetectContentType(data)
	if want == "image/svg+xml" {
		if !strings.Contains(strings.ToLower(string(data[:min(len(data), 4096)])), "<svg") {
			errs.Addf(at, "Save the logo as an SVG file, or give the file the ending of its type", "the logo %s is not an SVG picture", f.src)
		}
	} else if got != want {
		errs.Addf(at, "Save the logo as "+strings.TrimPrefix(want, "image/")+", or give the file the ending of its type", "the logo %s is not the kind of picture its name says (it looks like %s)", f.src, got)
	}
	return errs.Unwrap()
}

// plausibleEmail is an address with one @ and a dot in its domain.
var plausibleEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)

// phoneChars is a number as people write it: digits, spaces, +, brackets
// and hyphens.
var phoneChars = regexp.MustCompile(`^\+?[0-9 ()-]+$`)

// check reports contact details that would make a broken link.
func (c *Contact) check(errs *diag.List) {
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || !plausibleEmail.MatchString(c.Email) {
			errs.Addf(c.Src.At("email"), "Write the address alone, such as jo@smithcare.example", "%q is not an email address", c.Email)
		}
	}
	if c.Phone != "" {
		digits := strings.Count(strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return 'd'
			}
			return -1
		}, c.Phone), "d")
		if !phoneChars.MatchString(c.Phone) || digits < 6 || digits > 15 {
			errs.Addf(c.Src.At("phone"), "Write the number with digits and spaces, such as 01234 567890 or +44 1234 567890", "%q is not a phone number", c.Phone)
		}
	}
	if c.URL != "" {
		u, err := url.Parse(c.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Addf(c.Src.At("url"), "Write the full address, starting https://", "contact url %q is not a web address", c.URL)
		}
	}
}

// brandCSS is the path of the brand's stylesheet under /assets/, named by
// its content as the theme's assets are.
const brandCSS = "brand.css"

// brand checks the logo's file and publishes the brand's stylesheet
// beside the theme's assets. It runs once the theme and the static files
// are loaded, and before anything is rendered.
func (b *builder) brand() []error {
	errs := b.logo()
	if css := b.cfg.Brand.Colours.palette().stylesheet(); css != nil && b.theme != nil {
		b.theme.AddAsset(brandCSS, css)
	}
	return errs
}

// logoHeight is the logo's height in the header, in CSS pixels; site.css
// draws it at this height too.
const logoHeight = 48

// LogoWidth and LogoHeight are the size the header shows the logo at, from
// the picture's own proportions, so the browser keeps its room before it
// has loaded and nothing moves when it arrives. Both are 0 when the file
// does not say its size.
func (br Brand) LogoWidth() int { return br.logoW }

// LogoHeight: see LogoWidth.
func (br Brand) LogoHeight() int { return br.logoH }

// logoWidth is the width the header shows a w by h logo at, logoHeight
// high: at least 1 pixel, and at most ten times the height, however odd
// the picture's own numbers, so a banner cannot push the header apart.
func logoWidth(w, h float64) int {
	return int(math.Round(min(max(w*logoHeight/h, 1), 10*logoHeight)))
}

// imageSize reads a picture's width and height from its header; ok is
// false when it cannot, or when either is not a positive, finite number.
func imageSize(ext string, data []byte) (w, h float64, ok bool) {
	w, h, ok = rawImageSize(ext, data)
	if !ok || !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) || math.IsInf(w/h, 0) {
		return 0, 0, false
	}
	return w, h, true
}

func rawImageSize(ext string, data []byte) (w, h float64, ok bool) {
	switch ext {
	case ".png":
		c, err := png.DecodeConfig(bytes.NewReader(data))
		return float64(c.Width), float64(c.Height), err == nil
	case ".jpg", ".jpeg":
		c, err := jpeg.DecodeConfig(bytes.NewReader(data))
		return float64(c.Width), float64(c.Height), err == nil
	case ".webp":
		return webpSize(data)
	case ".svg":
		return svgSize(data)
	}
	return 0, 0, false
}

// webpSize reads the size from a WebP file's first chunk: VP8X (extended),
// VP8L (lossless) or VP8 (lossy).
func webpSize(d []byte) (w, h float64, ok bool) {
	if len(d) < 30 || string(d[0:4]) != "RIFF" || string(d[8:12]) != "WEBP" {
		return 0, 0, false
	}
	le24 := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 }
	switch string(d[12:16]) {
	case "VP8X":
		return float64(le24(d[24:]) + 1), float64(le24(d[27:]) + 1), true
	case "VP8L":
		bits := uint32(d[21]) | uint32(d[22])<<8 | uint32(d[23])<<16 | uint32(d[24])<<24
		return float64(bits&0x3fff + 1), float64(bits>>14&0x3fff + 1), true
	case "VP8 ":
		return float64(int(d[26]) | int(d[27])<<8&0x3fff), float64(int(d[28]) | int(d[29])<<8&0x3fff), true
	}
	return 0, 0, false
}

// svgSize reads an SVG's width and height, or failing those its viewBox.
func svgSize(data []byte) (w, h float64, ok bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		se, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, false
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		num := func(s string) float64 {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
			if err != nil {
				return 0
			}
			return v
		}
		if w, h := num(attr["width"]), num(attr["height"]); w > 0 && h > 0 {
			return w, h, true
		}
		if f := strings.Fields(strings.ReplaceAll(attr["viewBox"], ",", " ")); len(f) == 4 {
			if w, h := num(f[2]), num(f[3]); w > 0 && h > 0 {
				return w, h, true
			}
		}
		return 0, 0, false
	}
}
