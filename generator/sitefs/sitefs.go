// Package sitefs guards every read of a site's folder.
//
// A site is a folder of files that may come from anywhere: a client, a
// colleague, a pull request built on Netlify. Reading it must not leak what
// lies outside it, nor hang or exhaust memory on something that is not an
// ordinary file. So readykit reads a site only through Open, which confines
// reads to the folder (os.Root: a symbolic link inside the site still works,
// one that leads out is refused), and through Guard, which every build puts
// around its source (including the in-memory ones tests use) so that:
//
//   - only regular files are read: a device, a pipe or a socket is refused
//     before it is opened, since opening a pipe would wait for ever (a
//     file a folder's listing says is regular is opened at once, and the
//     open file is asked what it is; on Unix it is opened so that nothing
//     waits, should it have become a pipe since);
//   - no file is read past its limit (64 MB), whatever its size claims;
//   - every refusal is a *diag.FileError naming the file, with what to do.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/words"
)

// limit is the most bytes readykit reads from any one file of a site: far
// more than any page, data file or document a readiness site publishes,
// and little enough that a mistaken file (a video, a disk image) fails at
// once instead of filling memory.
const limit = 64 << 20

// Open returns the site folder dir as a file system whose reads cannot
// leave it. Close the returned io.Closer when the build (or the dev
// server) is done with it.
func Open(dir string) (fs.FS, io.Closer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("the site folder %s cannot be opened: %v", dir, err)
	}
	return rootFS{root.FS(), root}, root, nil
}

// rootFS is a site folder opened by Open. It answers as os.Root's file
// system does, and opens the files ReadFound reads without waiting
// (readFlag).
type rootFS struct {
	fsys fs.FS // root.FS()
	root *os.Root
}

func (r rootFS) Open(name string) (fs.File, error) { return r.fsys.Open(name) }

func (r rootFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.fsys, name) }

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if es, ok := r.readDir(name); ok {
		return es, nil
	}
	return fs.ReadDir(r.fsys, name)
}

func (r rootFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(r.fsys, name) }

// openRead opens name to be read, as Open does.
func (r rootFS) openRead(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		// Open's own error for a name os.Root's file system refuses.
		return r.fsys.Open(name)
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|readFlag, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Guard wraps a site's file system so that every read is of a regular file
// of at most 64 MB (limit), and every refusal is a *diag.FileError.
func Guard(fsys fs.FS) fs.FS {
	if g, ok := fsys.(guarded); ok {
		return g
	}
	return guarded{fsys}
}

type guarded struct{ fsys fs.FS }

// Open checks what name is before opening it: a pipe would block the
// open itself. Reads through ReadFile are also held to limit.
func (g guarded) Open(name string) (fs.File, error) {
	if _, err := g.stat(name, true); err != nil {
		return nil, err
	}
	f, err := g.fsys.Open(name)
	if err != nil {
		return nil, explain(name, err)
	}
	return f, nil
}

// ReadFile reads a regular file of at most limit bytes.
func (g guarded) ReadFile(name string) ([]byte, error) {
	return ReadFile(g, name, limit)
}

// Stat implements fs.StatFS, so the checks that ask whether a file exists
// see the same errors a read would.
func (g guarded) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(g.fsys, name)
	if err != nil {
		return nil, explain(name, err)
	}
	return fi, nil
}

// ReadDir implements fs.ReadDirFS for fs.WalkDir.
func (g guarded) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(g.fsys, name)
	if err != nil {
		return nil, explain(name, err)
	}
	return es, nil
}

// stat checks that name is a regular file (or, when dirOK, a folder).
func (g guarded) stat(name string, dirOK bool) (fs.FileInfo, error) {
	fi, err := g.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := ordinary(name, fi.Mode(), dirOK); err != nil {
		return nil, err
	}
	return fi, nil
}

// ordinary checks that a file of mode m is a regular file (or, when dirOK,
// a folder).
func ordinary(name string, m fs.FileMode, dirOK bool) error {
	switch {
	case m.IsRegular():
	case m.IsDir() && dirOK:
	case m.IsDir():
		return diag.Errorf(diag.Pos{File: name},
			"Link to the files one by one, or copy the folder into the site",
			"this is a folder reached through a link, and readykit reads only files there")
	default:
		return diag.Errorf(diag.Pos{File: name},
			"Remove it; a site holds only ordinary files",
			"this is not an ordinary file (it is a device, a pipe or a socket), so readykit will not read it")
	}
	return nil
}

// Check says whether name in fsys is a file readykit will read: a regular
// file, inside the site, of at most 64 MB (limit). The load stage checks the
// files it will publish as they are, so that their problems are reported
// with the rest.
func Check(fsys fs.FS, name string) error {
	fi, err := Guard(fsys).(guarded).stat(name, false)
	if err != nil {
		return err
	}
	if fi.Size() > limit {
		return tooLarge(name, limit)
	}
	return nil
}

// ReadFile reads name from fsys, refusing anything but a regular file of
// at most max bytes. Problems are *diag.FileErrors naming the file; a
// missing file is still an fs.ErrNotExist error, so callers can tell it
// apart.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	g := Guard(fsys).(guarded)
	if _, err := g.stat(name, false); err != nil {
		return nil, err
	}
	return g.read(name, max)
}

// ReadFound is ReadFile for a file that a walk of its folder found, d
// being its entry in the listing. A file the listing says is regular is
// opened at once, without asking first what it is: through os.Root each
// question walks the path again, which was a third of reading a large
// site. Anything else (a link, which may lead to a pipe) is asked about
// before it is opened, as ReadFile does.
func ReadFound(fsys fs.FS, name string, d fs.DirEntry, max int64) ([]byte, error) {
	g := Guard(fsys).(guarded)
	if !d.Type().IsRegular() {
		if _, err := g.stat(name, false); err != nil {
			return nil, err
		}
	}
	return g.read(name, max)
}

// read opens name, which was a regular file a moment ago, and reads it
// whole unless it holds more than max bytes.
func (g guarded) read(name string, max int64) ([]byte, error) {
	var f fs.File
	var err error
	if r, ok := g.fsys.(rootFS); ok {
		f, err = r.openRead(name)
	} else {
		f, err = g.fsys.Open(name)
	}
	if err != nil {
		return nil, explain(name, err)
	}
	defer f.Close()
	return readOpen(name, f, max)
}

// readOpen reads the open file f, name, whole unless it holds more than
// max bytes.
func readOpen(name string, f fs.File, max int64) ([]byte, error) {
	// The open file says what it is: the name may have been replaced
	// since it was listed.
	fi, err := f.Stat()
	if err != nil {
		return nil, explain(name, err)
	}
	if err := ordinary(name, fi.Mode(), false); err != nil {
		return nil, err
	}
	if fi.Size() > max {
		return nil, tooLarge(name, max)
	}
	// Size comes from the file system and may be wrong (a file still
	// being written, /proc): room for one byte more than it says lets the
	// read see the end of the file at once, and reading goes on, one byte
	// past the limit at most, for as long as there is more.
	data := make([]byte, 0, fi.Size()+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(int64(cap(data)), max+1)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, tooLarge(name, max)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, explain(name, err)
		}
	}
}

func tooLarge(name string, max int64) error {
	return diag.Errorf(diag.Pos{File: name},
		"Make it smaller, split it, or publish it somewhere else and link to it",
		"the file is larger than %s, the most readykit reads from one file", words.Size(max))
}

// explain turns the errors of os.Root and the operating system into
// problems a site's author can act on. A missing file stays a plain
// fs.ErrNotExist.
func explain(name string, err error) error {
	var fe *diag.FileError
	switch {
	case err == nil, errors.As(err, &fe), errors.Is(err, fs.ErrNotExist):
		return err
	case isEscape(err):
		return diag.Errorf(diag.Pos{File: name},
			"Copy the file into the site folder instead. A link to another file inside the site works if it is relative, such as ../images/logo.png",
			"this is a link that leads outside the site folder (or is written as an absolute path), and readykit reads only files inside the site")
	case errors.Is(err, syscall.ELOOP):
		return diag.Errorf(diag.Pos{File: name},
			"Point the link at a real file, or replace it with the file",
			"this link leads round in a loop of links and never reaches a file")
	case errors.Is(err, fs.ErrPermission):
		return diag.Errorf(diag.Pos{File: name},
			"Let your user account read it, or remove it from the site",
			"readykit is not allowed to read this file")
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	return diag.Errorf(diag.Pos{File: name}, "Check the file, or remove it from the site", "the file cannot be read: %s", msg)
}

// isEscape reports whether err is os.Root refusing a path that leaves the
// root. The standard library does not export that error, only its words.
func isEscape(err error) bool {
	return strings.Contains(err.Error(), "path escapes from parent")
}

// Folders keeps open the folders that a list of a site's files are in,
// while those files are read: through os.Root, opening a file opens every
// folder on its path first, and a large site has thousands of pages in a
// few folders. Its ReadFound reads as ReadFound does.
type Folders struct {
	fsys fs.FS
	dirs map[string]*os.Root // read-only once made, so reads may run at once
}

// OpenFolders opens the folders that names, files of fsys, are in. A
// folder that cannot be opened is passed over: its files are read as
// ReadFound reads them, which says what is wrong. Close the Folders once
// the files are read.
func OpenFolders(fsys fs.FS, names []string) *Folders {
	f := &Folders{fsys: fsys, dirs: map[string]*os.Root{}}
	r, ok := Guard(fsys).(guarded).fsys.(rootFS)
	if !ok {
		return f
	}
	for _, name := range names {
		dir := path.Dir(name)
		if _, done := f.dirs[dir]; done || !fs.ValidPath(name) {
			continue
		}
		sub, err := r.root.OpenRoot(dir)
		if err != nil {
			sub = nil
		}
		f.dirs[dir] = sub
	}
	return f
}

// ReadFound is ReadFound for name, one of the files the Folders were
// opened for. A file the listing says is regular is opened in its folder;
// anything else, and any problem, is left to ReadFound, so what is read
// and what is said about it are the same.
func (f *Folders) ReadFound(name string, d fs.DirEntry, max int64) ([]byte, error) {
	if sub := f.dirs[path.Dir(name)]; sub != nil && d.Type().IsRegular() {
		if file, err := sub.OpenFile(path.Base(name), os.O_RDONLY|readFlag, 0); err == nil {
			defer file.Close()
			if data, err := readOpen(name, file, max); err == nil {
				return data, nil
			}
		}
	}
	return ReadFound(f.fsys, name, d, max)
}

// Close closes the folders.
func (f *Folders) Close() {
	for _, sub := range f.dirs {
		if sub != nil {
			sub.Close()
		}
	}
}
