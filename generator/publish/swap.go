package publish

import "os"

// swap exchanges two folders with two renames: the destination is missing
// for an instant, but is never half-written.
func swap(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
