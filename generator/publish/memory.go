package publish

import (
	"slices"
	"sync"
)

// Memory is a sink that keeps the site in memory, for the dev server and
// tests. It is safe for concurrent use: readers see one whole site, the old
// or the new, never a mix.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// Publish replaces the whole site.
func (m *Memory) Publish(files []File) error {
	next := make(map[string][]byte, len(files))
	for _, f := range files {
		next[f.Path] = f.Data
	}
	m.mu.Lock()
	m.files = next
	m.mu.Unlock()
	return nil
}

// Get returns the file at path (slash-separated, no leading slash).
func (m *Memory) Get(path string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[path]
	return b, ok
}

// Paths lists every file, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
