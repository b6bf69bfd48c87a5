package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Dir is a sink that writes the site to a folder on disk. The new site is
// written to a fresh folder beside the old one and the two are swapped, so
// the folder always holds one complete site: the old one if anything fails.
//
// Since a build replaces the whole folder, the folder is readykit's alone:
// Dir refuses to replace the site's own sources, a folder that holds them,
// or a folder with files in it that no build wrote (it marks what it
// writes with the file .readykit-build), unless told to with Overwrite.
type Dir struct {
	Path string
	// Site is the site folder: the destination may be inside it (public/),
	// but may not be it or hold it.
	Site string
	// Sources are the folders a build reads (content/, static/, themes/):
	// the destination may not be, hold, or be inside any of them.
	Sources []string
	// Overwrite lets a build replace a folder that a build did not write.
	Overwrite bool
	// Flag is the option that named Path, for messages: --dest when empty.
	Flag string
}

// marker is the file every build writes at the top of its folder, so that
// the next build knows the folder is its own to replace.
const marker = ".readykit-build"

var markerText = []byte("This folder is written by readykit build. Each build replaces everything in it.\n")

// Check says whether the destination may be written, and if not, why and
// what to do. Publish checks too; commands call Check before building so
// that a mistaken --dest costs no build.
func (d Dir) Check() error {
	dest, err := resolve(d.Path)
	if err != nil {
		return err
	}
	if d.Site != "" {
		site, err := resolve(d.Site)
		if err != nil {
			return err
		}
		switch {
		case dest == site:
			return d.refuse("is the site folder itself")
		case within(site, dest):
			return d.refuse("holds the site folder " + site)
		}
	}
	for _, src := range d.Sources {
		s, err := resolve(src)
		if err != nil {
			return err
		}
		switch {
		case dest == s:
			return d.refuse("is the folder " + src + ", which the build reads")
		case within(s, dest):
			return d.refuse("holds the folder " + src + ", which the build reads")
		case within(dest, s):
			return d.refuse("is inside the folder " + src + ", which the build reads")
		}
	}
	fi, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s exists and is not a folder. Choose another %s, or move it away", d.Path, d.flag())
	case d.Overwrite:
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	// A client's folder of a portfolio's build (public/<client>) may be
	// replaced by a build of that client alone.
	if marked(dest) || allMarked(dest, entries) || marked(filepath.Dir(dest)) {
		return nil
	}
	return fmt.Errorf("%s already holds files that readykit did not write (it has no %s file), and a build replaces everything in it. Choose another %s, move the files away, or pass --overwrite to replace the folder and all its files", d.Path, marker, d.flag())
}

func (d Dir) flag() string {
	if d.Flag == "" {
		return "--dest"
	}
	return d.Flag
}

func (d Dir) refuse(why string) error {
	return fmt.Errorf("the destination %s %s, and a build replaces everything in its destination. Use a folder of its own, such as %s",
		d.Path, why, filepath.Join(d.Site, "public"))
}

// resolve makes path absolute, following any links in the part of it
// that exists, so that two names for one folder compare equal.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := abs; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Publish writes files to a new folder and swaps it into place.
func (d Dir) Publish(files []File) error {
	batch, err := d.Begin()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := batch.Put(f); err != nil {
			batch.Abort()
			return err
		}
	}
	return batch.Commit()
}

// Begin starts a new folder beside the destination, which Commit swaps
// into place and Abort removes.
func (d Dir) Begin() (Batch, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	dest, err := filepath.Abs(d.Path)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, err
	}
	db := &dirBatch{dest: dest, tmp: tmp, made: map[string]bool{".": true}}
	if err := os.Chmod(tmp, 0o755); err != nil {
		db.Abort()
		return nil, err
	}
	if db.dir, err = openFolder(tmp); err != nil {
		db.Abort()
		return nil, err
	}
	if err := db.dir.write(marker, markerText); err != nil {
		db.Abort()
		return nil, err
	}
	return db, nil
}

// dirBatch is a site being written to tmp, to take dest's place.
type dirBatch struct {
	dest, tmp string
	dir       *folder         // tmp, open
	made      map[string]bool // folders made in tmp
}

// mkdirs makes the folder rel in tmp and those above it, unless made.
func (db *dirBatch) mkdirs(rel string) error {
	if db.made[rel] {
		return nil
	}
	if err := db.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	if err := db.dir.mkdir(rel); err != nil {
		return err
	}
	db.made[rel] = true
	return nil
}

func (db *dirBatch) Put(f File) error {
	if f.Path == marker {
		return fmt.Errorf("the site has a file %s, a name readykit keeps for itself; rename it", marker)
	}
	if !fs.ValidPath(f.Path) {
		return fmt.Errorf("invalid output path %q", f.Path)
	}
	if err := db.mkdirs(path.Dir(f.Path)); err != nil {
		return err
	}
	return db.dir.write(f.Path, f.Data)
}

func (db *dirBatch) Commit() error {
	db.close()
	if _, err := os.Lstat(db.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(db.tmp, db.dest); err != nil {
			db.Abort()
			return err
		}
		return nil
	}
	if err := exchange(db.tmp, db.dest); err != nil {
		db.Abort()
		return err
	}
	// tmp now holds the previous site.
	return os.RemoveAll(db.tmp)
}

func (db *dirBatch) Abort() {
	db.close()
	os.RemoveAll(db.tmp)
}

func (db *dirBatch) close() {
	if db.dir != nil {
		db.dir.close()
		db.dir = nil
	}
}

// marked reports whether a build wrote the folder dir.
func marked(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, marker))
	return err == nil && fi.Mode().IsRegular()
}

// allMarked reports whether every entry of dir is a folder a build wrote:
// a portfolio's public/ after builds of its clients one at a time
// (public/<client>/), which a build of them all may replace.
func allMarked(dir string, entries []fs.DirEntry) bool {
	for _, e := range entries {
		if !e.IsDir() || !marked(filepath.Join(dir, e.Name())) {
			return false
		}
	}
	return true
}
