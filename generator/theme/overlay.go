package theme

import (
	"errors"
	"io/fs"
	"slices"

	"github.com/readykit/readykit/generator/content"
)

// Layer is one file tree in an Overlay, with the prefix under which its
// files are named in messages (such as "themes/oak/").
type Layer struct {
	FS     fs.FS
	Prefix string
}

// Overlay is a read-only file tree made of layers: a file is read from the
// first layer that has it, so a site's theme folder overrides the embedded
// theme file by file.
type Overlay struct {
	layers []Layer
}

// NewOverlay stacks layers, the first taking precedence. Layers with a nil
// FS are skipped.
func NewOverlay(layers ...Layer) *Overlay {
	o := &Overlay{}
	for _, l := range layers {
		if l.FS != nil {
			o.layers = append(o.layers, l)
		}
	}
	return o
}

// Open implements fs.FS.
func (o *Overlay) Open(name string) (fs.File, error) {
	l, err := o.layer(name)
	if err != nil {
		return nil, err
	}
	return l.FS.Open(name)
}

// ReadFile implements fs.ReadFileFS.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	l, err := o.layer(name)
	if err != nil {
		return nil, err
	}
	return fs.ReadFile(l.FS, name)
}

// Origin names the file that name is read from, for messages.
func (o *Overlay) Origin(name string) string {
	l, err := o.layer(name)
	if err != nil {
		return name
	}
	return l.Prefix + name
}

func (o *Overlay) layer(name string) (Layer, error) {
	i, err := o.layerIndex(name)
	if err != nil {
		return Layer{}, err
	}
	return o.layers[i], nil
}

// layerIndex gives the place, among the layers, of the one name is read
// from. Two layers may share a prefix (a site's themes/default/ over the
// built-in theme), so it, not Origin, tells whose a file is.
func (o *Overlay) layerIndex(name string) (int, error) {
	if !fs.ValidPath(name) {
		return 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for i, l := range o.layers {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return i, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	}
	return 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Files lists every regular file under dir in all layers, without
// duplicates, sorted.
func (o *Overlay) Files(dir string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, l := range o.layers {
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				if p != dir && content.Skip(d.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			if !content.Skip(d.Name()) && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}
