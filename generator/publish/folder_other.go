//go:build !linux

package publish

import (
	"os"
	"path/filepath"
)

// folder is the new site's folder, by its path.
type folder struct{ path string }

func openFolder(path string) (*folder, error) { return &folder{path: path}, nil }

// mkdir makes the folder rel, whose parent exists.
func (f *folder) mkdir(rel string) error {
	if err := os.Mkdir(filepath.Join(f.path, filepath.FromSlash(rel)), 0o755); err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}

// write makes the file rel, whose folder exists, holding data.
func (f *folder) write(rel string, data []byte) error {
	return os.WriteFile(filepath.Join(f.path, filepath.FromSlash(rel)), data, 0o644)
}

func (f *folder) close() {}
