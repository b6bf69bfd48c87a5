//go:build unix

package sitefs

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
)

// readDir lists the folder name as os.Root's file system does, without
// its lstat of every entry: Go asks for each entry's information at once
// when the folder was opened through a Root, since it cannot ask later by
// path without leaving the root, and the listing already says each
// entry's type, which is all a walk needs. The listing is read from a
// copy of the folder's descriptor opened outside the Root, and each
// entry's Info asks the Root. ok is false when anything fails: the caller
// lists the folder the usual way, which says what is wrong.
func (r rootFS) readDir(name string) (es []fs.DirEntry, ok bool) {
	if !fs.ValidPath(name) {
		return nil, false
	}
	f, err := r.root.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, false
	}
	dup, derr := -1, error(nil)
	err = rc.Control(func(fd uintptr) {
		// As os does: no process may start between the copy and marking
		// it closed on exec, or it would hold the folder open.
		syscall.ForkLock.RLock()
		defer syscall.ForkLock.RUnlock()
		if dup, derr = syscall.Dup(int(fd)); derr == nil {
			syscall.CloseOnExec(dup)
		}
	})
	if err != nil || derr != nil {
		return nil, false
	}
	d := os.NewFile(uintptr(dup), name)
	defer d.Close()
	es, err = d.ReadDir(-1)
	if err != nil {
		return nil, false
	}
	for i, e := range es {
		es[i] = entry{e, r.root, path.Join(name, e.Name())}
	}
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return es, true
}

// entry is a folder's entry whose information is asked of the Root.
type entry struct {
	fs.DirEntry
	root *os.Root
	path string
}

func (e entry) Info() (fs.FileInfo, error) { return e.root.Lstat(e.path) }

func (e entry) String() string { return fs.FormatDirEntry(e) }
