package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/readykit/readykit/generator/diag"
)

// contentTypes are the types the site's files need that the system's
// table may lack or get wrong.
var contentTypes = map[string]string{
	".ics": "text/calendar; charset=utf-8",
}

// Handler serves the site from memory, the reload events and script, and
// the error page while the last build failed; all of them only to
// requests for a host it answers for (see Options.Hosts).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(eventsPath, s.events)
	mux.HandleFunc(scriptPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		write(w, reloadScript)
	})
	mux.HandleFunc(stylePath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		write(w, errorStyle)
	})
	mux.HandleFunc(warnStylePath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		write(w, warningStyle)
	})
	mux.HandleFunc("/", s.file)
	return headers(s.hostCheck(guard(mux)))
}

// guard refuses any address that tries to climb out of the site: "..",
// encoded slashes or backslashes, NUL. It runs before the mux, which would
// otherwise tidy such paths into redirects. The site is served from memory
// and could not reach the disk anyway; this makes the refusal explicit.
func guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.ToLower(r.URL.EscapedPath())
		p := r.URL.Path
		if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.ContainsAny(p, "\\\x00") ||
			strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") || strings.Contains(p, "/./") || !strings.HasPrefix(p, "/") {
			http.Error(w, "Bad address.", http.StatusBadRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func write(w http.ResponseWriter, s string) { _, _ = w.Write([]byte(s)) }

// headers adds the site's security headers, and stops browsers caching
// what will change on the next save.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, kv := range Headers {
			w.Header().Set(kv[0], kv[1])
		}
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// file serves one file of the built site from memory.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Only GET and HEAD are allowed.", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	name := strings.TrimPrefix(path.Clean(p), "/")
	switch {
	case name == "":
		name = "index.html"
	case strings.HasSuffix(p, "/"):
		name += "/index.html"
	}
	if _, err := s.state(); err != nil && (strings.HasSuffix(name, ".html") || path.Ext(name) == "") {
		s.errorPage(w, err)
		return
	}
	data, ok := s.site.Get(name)
	if !ok && path.Ext(name) == "" {
		if _, dir := s.site.Get(name + "/index.html"); dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	if !ok && path.Ext(name) == ".zip" {
		// The preview skips the portable copy (its pages carry the reload
		// script), so the footer's link to it is answered in words.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		write(w, "The preview does not make the portable copy (the .zip to use the site without the internet). readykit build makes it, in the download folder of public/.\n")
		return
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		if data, ok = s.site.Get("404.html"); !ok {
			http.NotFound(w, r)
			return
		}
		name = "404.html"
	}
	if path.Ext(name) == ".html" {
		data = s.withWarnings(data)
	}
	ct := contentTypes[path.Ext(name)]
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

// events streams a "reload" event after every build until the client
// goes. Its data says what changed since the stream's last event, as JSON:
// {"version": 7, "pages": ["/about/"]} names the pages to reload, and
// {"version": 7, "all": true} reloads every page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "Streaming is not supported.", http.StatusInternalServerError)
		return
	}
	c := s.subscribe()
	defer s.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	sent, _ := s.state()
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %d\n\n", sent)
	flusher.Flush()
	keepalive := time.NewTicker(30 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			ch := s.since(sent)
			sent = ch.version
			data, _ := json.Marshal(struct {
				Version int      `json:"version"`
				Pages   []string `json:"pages,omitempty"`
				All     bool     `json:"all,omitempty"`
			}{ch.version, ch.pages, ch.all})
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", data)
			flusher.Flush()
		case <-keepalive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// withWarnings puts the build's warnings at the top of a page's body, as
// the server shows build errors in place of the page: a stale edition is
// seen by whoever previews the site, not only in the terminal. It is
// markup from a template, so the messages are escaped, and a stylesheet
// of the server's own, since the site's policy allows no inline style.
func (s *Server) withWarnings(page []byte) []byte {
	ws := s.warnings()
	if len(ws) == 0 {
		return page
	}
	at := bytes.Index(page, []byte("<body"))
	if at < 0 {
		return page
	}
	end := bytes.IndexByte(page[at:], '>')
	if end < 0 {
		return page
	}
	at += end + 1
	var b bytes.Buffer
	b.Write(page[:at])
	_ = pages.ExecuteTemplate(&b, "warnings", map[string]any{"Warnings": ws, "Style": warnStylePath})
	b.Write(page[at:])
	return b.Bytes()
}

// pages are the markup the server adds or serves in place of the site's:
// the warnings banner and the error page list problems the same way, as
// diag.Print does in the terminal: the place first, the message, the hint.
var pages = template.Must(template.New("problem").Parse(
	`<code>{{.Pos}}</code> {{.Msg}}{{with .Hint}}<br><span class="readykit-hint">{{.}}</span>{{end}}`))

var _ = template.Must(pages.New("warnings").Parse(`<link rel="stylesheet" href="{{.Style}}">
<aside class="readykit-warnings" role="note" aria-label="Warnings from readykit">
<p><strong>readykit warns about this site</strong> (only the preview shows this):</p>
<ul>
{{- range .Warnings}}
<li>{{template "problem" .}}</li>
{{- end}}
</ul>
</aside>
`))

const warningStyle = `.readykit-warnings { font: 1rem/1.5 system-ui, sans-serif; color: #0b0c0c; background: #fff7bf;
  border-bottom: 4px solid #b58800; padding: 0.75rem 1rem; margin: 0; }
.readykit-warnings ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.readykit-warnings code { font-weight: 700; }
.readykit-warnings .readykit-hint { color: #383838; }
@media print { .readykit-warnings { display: none; } }
`

func (s *Server) errorPage(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fes := diag.FileErrors(err)
	var other string
	if len(fes) == 0 {
		other = err.Error()
	}
	_ = pages.ExecuteTemplate(w, "errors", map[string]any{
		"Errors": fes, "Other": other, "Style": stylePath, "Script": scriptPath,
	})
}

var _ = template.Must(pages.New("errors").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site could not be built</title>
<link rel="stylesheet" href="{{.Style}}">
</head>
<body>
<main>
<h1>The site could not be built</h1>
<p>Fix the problems below and save: this page reloads by itself.</p>
{{- if .Errors}}
<ol class="errors">
{{- range .Errors}}
<li>{{template "problem" .}}</li>
{{- end}}
</ol>
{{- else}}
<pre>{{.Other}}</pre>
{{- end}}
</main>
<script type="module" src="{{.Script}}"></script>
</body>
</html>
`))

// reloadScript reloads the page when a rebuild changed it, or something
// every page uses, and puts the reader back where they were.
//
//go:embed reload.js
var reloadScript string

const errorStyle = `body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 2rem; color: #0b0c0c; }
h1 { color: #b10e1e; }
.errors li { margin-bottom: 1rem; }
code { font-weight: 700; }
.readykit-hint { color: #484949; }
`
