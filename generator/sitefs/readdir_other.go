//go:build !unix

package sitefs

import "io/fs"

// readDir leaves listing a folder to os.Root's file system.
func (r rootFS) readDir(string) ([]fs.DirEntry, bool) { return nil, false }
