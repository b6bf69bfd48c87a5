package generator

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"sync"
	"time"

	"github.com/readykit/readykit/generator/theme"
)

// sharedTheme is a Cache's parsed theme, lent to one build at a time: its
// templates call funcs, which read whichever build bind points at.
type sharedTheme struct {
	mu     sync.Mutex // held by the build the theme is lent to
	bind   binding
	funcs  template.FuncMap
	parsed *theme.Parsed
}

// loadTheme parses the theme in overlay, or takes the Cache's parsed one
// when its layout files are unchanged and no other build has it.
func (b *builder) loadTheme(overlay *theme.Overlay) (*theme.Theme, []error) {
	c := b.opts.Cache
	if c == nil || !c.theme.mu.TryLock() {
		return theme.Load(overlay, b.funcs())
	}
	st := &c.theme
	st.bind.b = b
	b.release = append(b.release, func() {
		st.bind.b = nil // let the build go
		st.mu.Unlock()
	})
	t, errs := theme.LoadReusing(overlay, st.funcs, st.parsed)
	if t != nil && len(errs) == 0 {
		st.parsed = t.Parsed()
	}
	return t, errs
}

// done gives back what the build borrowed.
func (b *builder) done() {
	for _, f := range b.release {
		f()
	}
	b.release = nil
}

// track makes opts' file systems tell a new reads what the build reads,
// when it has a Cache that remembers pages; it returns nil otherwise.
func track(opts *Options) *reads {
	if opts.Cache == nil || opts.Cache.pages == nil {
		return nil
	}
	r := newReads()
	if opts.Source != nil {
		opts.Source = recorder{fsys: opts.Source, r: r}
	}
	if opts.Theme != nil {
		opts.Theme = recorder{fsys: opts.Theme, prefix: "theme:", r: r}
	}
	return r
}

// pageState is what the per-page memo needs of one build.
type pageState struct {
	reads *reads
	once  sync.Once
	frame [sha256.Size]byte // everything read but what each page's key adds
	own   bool              // a page's body shows on that page alone
}

// execute renders page i into buf, or takes the HTML an earlier build
// rendered from the same inputs. A page's HTML is a function of what the
// build read and its options (the engine reads no clock and no
// environment): the key is all of that, but for the bodies of the other
// content pages when the theme shows each body on its own page only
// (theme.OnlyOwn), so an edit of one page's text renders one page.
func (b *builder) execute(buf *bytes.Buffer, i int) error {
	p := b.site.Pages[i]
	key, ok := b.pageKey(p)
	if ok {
		if html, hit := b.opts.Cache.page(key); hit {
			buf.Write(html)
			return nil
		}
	}
	n := buf.Len()
	if err := b.theme.Execute(buf, p.Layout, PageData{Site: b.site, Page: p}); err != nil {
		return err
	}
	if ok {
		b.opts.Cache.storePage(key, bytes.Clone(buf.Bytes()[n:]))
	}
	return nil
}

// freezeMemo sums, once, everything the build has read so far into the
// frame every page's key starts from. The render stage calls it once it
// has read every file a template can depend on (the static files among
// them, whose scripts modulePreload follows), before the first page is
// rendered: reads after that, in the publish stage, are not the pages'
// inputs, and summing at a fixed point makes the frame the same in two
// builds of the same files.
func (b *builder) freezeMemo() {
	st := b.memo
	if st == nil || st.reads == nil {
		return
	}
	st.once.Do(func() {
		st.own = b.theme.OnlyOwn("Content")
		o := b.opts
		// Today by its date alone: readykit serve passes the time each
		// build starts, and warnings judge deadlines by the day, so the
		// instant would make every page render again on every save.
		extra := []string{fmt.Sprintf("opts %q %v %v %v %q %v %v %s", o.BaseURL, o.Drafts, o.Minify, b.minify, o.Client, o.NoOffline, o.NoPortable, o.Today.Format(time.DateOnly))}
		if !st.own {
			extra = append(extra, string(st.reads.allBodies()))
		}
		st.frame = st.reads.digest(extra...)
	})
}

// pageKey gives the memo's key for p, when the build records its reads.
func (b *builder) pageKey(p *Page) ([sha256.Size]byte, bool) {
	st := b.memo
	if st == nil || st.reads == nil {
		return [sha256.Size]byte{}, false
	}
	b.freezeMemo()
	h := sha256.New()
	h.Write(st.frame[:])
	field(h, p.URL)
	if st.own {
		field(h, string(st.reads.body(p.file)))
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k, true
}
