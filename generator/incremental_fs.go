package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/readykit/readykit/generator/content"
)

// reads records everything a build reads from its file systems, so that a
// later build can tell whether a page could come out differently: a page
// is rendered again only when something it may depend on was read
// otherwise. Recording at the file system, rather than listing what each
// stage reads, cannot miss a file a new stage starts reading.
//
// A content page's Markdown body is kept apart from the rest (its front
// matter, which menus and lists on other pages show), since the theme's
// templates show a page's body on that page alone (see pageKey).
type reads struct {
	mu     sync.Mutex
	seen   map[string]struct{}   // one line per read: what, name, result
	bodies map[string][][32]byte // content page -> its body's digests
}

func newReads() *reads {
	return &reads{seen: map[string]struct{}{}, bodies: map[string][][32]byte{}}
}

func (r *reads) add(parts ...string) {
	line := strings.Join(parts, "\x00")
	r.mu.Lock()
	r.seen[line] = struct{}{}
	r.mu.Unlock()
}

// file records the bytes read from name. A content page's body is kept
// apart, split from its front matter as the load stage splits it.
func (r *reads) file(name string, data []byte) {
	if isPageFile(name) {
		text := bytes.TrimPrefix(data, []byte("\ufeff"))
		if doc, err := content.Split(name, text); err == nil {
			fm := sha256.Sum256(doc.FrontMatter)
			r.add("page", name, string(fm[:]), fmt.Sprint(doc.FrontMatter == nil, doc.FMLine, doc.BodyLine))
			body := sha256.Sum256(doc.Body)
			r.mu.Lock()
			if !slices.Contains(r.bodies[name], body) {
				r.bodies[name] = append(r.bodies[name], body)
			}
			r.mu.Unlock()
			return
		}
	}
	sum := sha256.Sum256(data)
	r.add("file", name, string(sum[:]))
}

// isPageFile says whether the load stage reads name as a page.
func isPageFile(name string) bool {
	return strings.HasPrefix(name, contentDir+"/") && !strings.HasPrefix(name, dataDir+"/") && path.Ext(name) == ".md"
}

// digest sums everything read but the pages' bodies, with extra.
func (r *reads) digest(extra ...string) [32]byte {
	r.mu.Lock()
	lines := slices.Sorted(maps.Keys(r.seen))
	r.mu.Unlock()
	h := sha256.New()
	for _, l := range append(lines, extra...) {
		field(h, l)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// body sums the bodies read from a page's file, or nothing for a page
// made by readykit.
func (r *reads) body(file string) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []byte
	for _, b := range r.bodies[file] {
		out = append(out, b[:]...)
	}
	return out
}

// allBodies sums every page's body, for a theme that may show a page's
// body elsewhere.
func (r *reads) allBodies() []byte {
	r.mu.Lock()
	files := slices.Sorted(maps.Keys(r.bodies))
	r.mu.Unlock()
	var out []byte
	for _, f := range files {
		out = append(out, f...)
		out = append(out, 0)
		out = append(out, r.body(f)...)
	}
	return out
}

func field(h hash.Hash, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
}

// recorder is a file system that tells reads what is read through it,
// names prefixed by which of the build's file systems it is. It answers
// as the one it wraps does; the guard (sitefs) lies over it, so its
// checks see the real files.
type recorder struct {
	fsys   fs.FS
	prefix string
	r      *reads
}

func (c recorder) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err != nil {
		c.r.add("open", c.prefix+name, err.Error())
		return nil, err
	}
	c.r.add("open", c.prefix+name)
	return &recordedFile{File: f, name: c.prefix + name, local: name, r: c.r}, nil
}

func (c recorder) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(c.fsys, name)
	if err != nil {
		c.r.add("stat", c.prefix+name, err.Error())
		return nil, err
	}
	size := fmt.Sprint(fi.Size())
	if c.prefix == "" && isPageFile(name) {
		// A page's size is its body's too, which file keeps apart; the
		// size only decides whether the file is read at all, and a file
		// too large fails the build.
		size = ""
	}
	c.r.add("stat", c.prefix+name, fi.Mode().String(), size)
	return fi, nil
}

func (c recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(c.fsys, name)
	parts := []string{"dir", c.prefix + name}
	if err != nil {
		parts = append(parts, err.Error())
	}
	for _, e := range es {
		parts = append(parts, e.Name(), e.Type().String())
	}
	c.r.add(parts...)
	return es, err
}

// recordedFile keeps what is read from it, and tells reads on Close.
type recordedFile struct {
	fs.File
	name, local string
	r           *reads
	data        []byte
}

func (f *recordedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.data = append(f.data, p[:n]...)
	return n, err
}

func (f *recordedFile) Close() error {
	if f.local == f.name {
		f.r.file(f.name, f.data)
	} else {
		sum := sha256.Sum256(f.data)
		f.r.add("file", f.name, string(sum[:]))
	}
	return f.File.Close()
}

// ReadDir passes a folder's listing on, recorded.
func (f *recordedFile) ReadDir(n int) ([]fs.DirEntry, error) {
	d, ok := f.File.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: f.local, Err: fs.ErrInvalid}
	}
	es, err := d.ReadDir(n)
	parts := []string{"dirfile", f.name, fmt.Sprint(n)}
	for _, e := range es {
		parts = append(parts, e.Name(), e.Type().String())
	}
	f.r.add(parts...)
	return es, err
}
