package generator

import (
	"html/template"
	"sync"

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
