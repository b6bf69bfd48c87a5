package generator

import (
	"crypto/sha256"
	"reflect"
	"sync"

	"github.com/readykit/readykit/generator/publish"
)

// Cache keeps what builds of the same shared files can share, so that a
// portfolio's clients are not each decoded and minified from the start. It
// is safe for concurrent use by several builds, and holds only what is a
// pure function of a file's bytes (and its name, for positions): a build
// with a Cache gives the same files as one without.
//
// It keeps:
//   - the data files decoded from YAML (items, editions, standards, the
//     programme, the glossary, plan rules), when they decoded without a
//     problem: each build gets its own deep copy, since later stages
//     change what they are given (SetDefaults, an edition's wording);
//   - the minified text of every output file but the HTML pages, which
//     carry each client's name and so are never the same twice: the
//     theme's scripts and styles are minified once for all clients.
//
// It does not keep parsed Markdown: the check stage changes each
// document's tree for the site it is in (links are resolved against the
// site's own pages, glossary terms linked) before it makes the page's
// HTML, so every client parses its own.
//
// It keeps one parsed theme, which a build takes when its layout files
// are the ones it was parsed from (theme.LoadReusing): the dev server
// rebuilds on every save with the same templates, already escaped by
// html/template. A theme's functions read the build they are bound to,
// so the theme is lent to one build at a time; a build that finds it
// lent, such as a portfolio's clients built at once, parses its own.
//
// Made by NewRebuildCache, for a caller that builds the same site again
// after each change (readykit serve), it also remembers each page's HTML
// under a key that sums everything the build read (recorded at its file
// systems, see reads) and its options, but for the other content pages'
// bodies when the theme shows a body on its own page only
// (theme.OnlyOwn): a rebuild after an edit of one page's text renders
// that page again and takes the others. A portfolio's Cache (newCache)
// does not: recording every read and keeping every page would cost builds
// that are never repeated time and memory for nothing.
//
// It is bounded: past maxPages pages it forgets them all, and past
// maxDecoded files it starts again empty, so a dev server that keeps one
// across a day of edits does not grow without end.
type Cache struct {
	mu      sync.Mutex
	decoded map[[sha256.Size]byte]any
	minify  *publish.Memo
	theme   sharedTheme
	// pages are pages' HTML by the key execute gives them; nil when the
	// Cache remembers no pages.
	pages map[[sha256.Size]byte][]byte
}

// maxPages is how many pages a Cache remembers: each save that changes
// the site as a whole adds one per page.
const maxPages = 2048

// page returns the HTML remembered under key.
func (c *Cache) page(key [sha256.Size]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.pages[key]
	return html, ok
}

// storePage remembers a page's HTML under key.
func (c *Cache) storePage(key [sha256.Size]byte, html []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pages) >= maxPages {
		clear(c.pages)
	}
	c.pages[key] = html
}

// maxDecoded is how many decoded files a Cache keeps: far more than a
// portfolio of many clients has, each with its own overlays.
const maxDecoded = 4096

// newCache returns an empty cache for builds of many sites that share
// files, such as a portfolio's clients.
func newCache() *Cache {
	c := &Cache{decoded: map[[sha256.Size]byte]any{}, minify: publish.NewMemo()}
	c.theme.funcs = c.theme.bind.funcs()
	return c
}

// NewRebuildCache returns an empty cache that also remembers each page's
// HTML, for builds of one site again and again as it is edited.
func NewRebuildCache() *Cache {
	c := newCache()
	c.pages = map[[sha256.Size]byte][]byte{}
	return c
}

// key identifies a decoded file: what it was decoded into, its name (the
// positions in it say it) and its bytes.
func key(into reflect.Type, name string, data []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(into.String()))
	h.Write([]byte{0})
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(data)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// load sets *v (v a pointer) to a copy of what name's data was decoded
// into before, reporting whether there was such a thing. A nil cache has
// nothing.
func (c *Cache) load(name string, data []byte, v any) bool {
	if c == nil {
		return false
	}
	rv := reflect.ValueOf(v).Elem()
	c.mu.Lock()
	got, ok := c.decoded[key(rv.Type(), name, data)]
	c.mu.Unlock()
	if ok {
		rv.Set(deepCopy(reflect.ValueOf(got)))
	}
	return ok
}

// store keeps a copy of *v as what name's data decodes into.
func (c *Cache) store(name string, data []byte, v any) {
	if c == nil {
		return
	}
	rv := reflect.ValueOf(v).Elem()
	kept := deepCopy(rv).Interface()
	c.mu.Lock()
	if len(c.decoded) >= maxDecoded {
		clear(c.decoded)
	}
	c.decoded[key(rv.Type(), name, data)] = kept
	c.mu.Unlock()
}

// deepCopy copies v and everything its exported fields, slices, maps and
// pointers reach, so a build can change its copy freely. Unexported
// fields are copied as they are: they hold positions (content.Source)
// that nothing changes once decoded.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(deepCopy(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(deepCopy(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		if v.Type().Elem().Kind() == reflect.Uint8 {
			reflect.Copy(out, v)
			return out
		}
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return out
	}
	return v
}
