package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Dir is a sink that writes the site to a folder on disk. The new site is
// written to a fresh folder beside the old one and the two are swapped, so
// the folder always holds one complete site: the old one if anything fails.
type Dir struct {
	Path string
}

// Publish writes files to a new folder and swaps it into place.
func (d Dir) Publish(files []File) (err error) {
	dest, err := filepath.Abs(d.Path)
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(dest); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", d.Path)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	made := map[string]bool{".": true}
	for _, f := range files {
		if !fs.ValidPath(f.Path) {
			return fmt.Errorf("invalid output path %q", f.Path)
		}
		if dir := path.Dir(f.Path); !made[dir] {
			if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
			return err
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	if err := exchange(tmp, dest); err != nil {
		return err
	}
	// tmp now holds the previous site.
	return os.RemoveAll(tmp)
}
