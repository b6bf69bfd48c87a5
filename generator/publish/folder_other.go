//go:build !linux

package publish

import (
	"errors"
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

// write makes the file rel, whose folder exists, holding data. The
// folder is new, so the file is created, never opened, as on Linux.
func (f *folder) write(rel string, data []byte) error {
	file, err := os.OpenFile(filepath.Join(f.path, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = file.Write(data)
	return errors.Join(err, file.Close())
}

func (f *folder) close() {}
