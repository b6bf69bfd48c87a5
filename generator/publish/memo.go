package publish

import (
	"bytes"
	"crypto/sha256"
	"path"
	"sync"
)

// Memo remembers what a transform made of each file it was given, so that
// builds sharing it (a portfolio's clients) transform a file they have in
// common once. It is safe for concurrent use.
type Memo struct {
	mu  sync.Mutex
	out map[[sha256.Size]byte][]byte
}

// maxMemo is how many results a Memo keeps before it starts again empty:
// a portfolio's shared scripts and styles are a few dozen, and a dev
// server's edits must not grow it without end.
const maxMemo = 1024

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{out: map[[sha256.Size]byte][]byte{}} }

// Remember returns t, remembering its results in m for files other than
// those whose extension is in skip (such as .html, when pages are never
// the same twice). The transform must give the same output for the same
// name extension and bytes, as the minifier does. A nil Memo remembers
// nothing.
func (m *Memo) Remember(t Transform, skip ...string) Transform {
	if m == nil {
		return t
	}
	return memoized{t: t, m: m, skip: skip}
}

type memoized struct {
	t    Transform
	m    *Memo
	skip []string
}

func (t memoized) Name() string { return t.t.Name() }

func (t memoized) Apply(p string, data []byte) ([]byte, error) {
	ext := path.Ext(p)
	for _, s := range t.skip {
		if ext == s {
			return t.t.Apply(p, data)
		}
	}
	h := sha256.New()
	h.Write([]byte(t.t.Name() + "\x00" + ext + "\x00"))
	h.Write(data)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	t.m.mu.Lock()
	out, ok := t.m.out[k]
	t.m.mu.Unlock()
	if ok {
		// A copy: the next transform, or the sink, owns what it is given.
		return bytes.Clone(out), nil
	}
	out, err := t.t.Apply(p, data)
	if err != nil {
		return nil, err
	}
	t.m.mu.Lock()
	if len(t.m.out) >= maxMemo {
		clear(t.m.out)
	}
	t.m.out[k] = bytes.Clone(out)
	t.m.mu.Unlock()
	return out, nil
}
