package publish

import (
	"bytes"
	"html"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier returns a transform that minifies HTML, CSS, JavaScript, JSON,
// SVG and XML, and leaves other files alone.
func Minifier() Transform {
	m := minify.New()
	// Document and end tags are kept: they cost little, and keep the markup
	// plain for validators and for the people who read it.
	//
	// Default attribute values (type="text", method="get", ...) are kept
	// too. A browser treats a missing value as the default, but a CSS
	// attribute selector does not: input[type=text] in a site's own
	// stylesheet stops matching once type="text" is dropped, and the
	// minified site then looks different from the one previewed with
	// serve. Minifying must never change how a page looks.
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return minifier{m}
}

type minifier struct{ m *minify.M }

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "text/javascript",
	".mjs":  "text/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
}

func (minifier) Name() string { return "minify" }

func (t minifier) Apply(p string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	return t.m.Bytes(mt, data)
}

// Reload returns a transform that adds a script element loading src to
// every HTML page, before </body>. The script is a file, not inline, so
// the dev server keeps the same Content-Security-Policy as the real site.
func Reload(src string) Transform {
	return reload{tag: []byte(`<script type="module" src="` + html.EscapeString(src) + `"></script>`)}
}

type reload struct{ tag []byte }

func (reload) Name() string { return "reload" }

func (t reload) Apply(p string, data []byte) ([]byte, error) {
	if path.Ext(p) != ".html" {
		return data, nil
	}
	i := bytes.LastIndex(data, []byte("</body>"))
	if i < 0 {
		i = len(data)
	}
	out := make([]byte, 0, len(data)+len(t.tag))
	out = append(out, data[:i]...)
	out = append(out, t.tag...)
	return append(out, data[i:]...), nil
}
