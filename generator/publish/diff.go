package publish

import (
	"bytes"
	"slices"
)

// Snapshot returns the files m holds now, by path. Publish replaces the
// whole map rather than changing it, so the snapshot stays as it was
// while m moves on; the caller must not change it.
func (m *Memory) Snapshot() map[string][]byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.files
}

// Changed lists, sorted, the paths whose files differ between two
// snapshots: added, removed or with other bytes.
func Changed(old, cur map[string][]byte) []string {
	var out []string
	for p, data := range cur {
		if prev, ok := old[p]; !ok || !bytes.Equal(prev, data) {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
