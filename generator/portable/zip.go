package portable

import (
	"archive/zip"
	"bytes"
	"cmp"
	"slices"
	"time"
)

// File is one file of the copy, by its slash-separated path.
type File struct {
	Path string
	Data []byte
}

// Zip packs files into a .zip under one folder, so that unpacking it gives
// that folder with index.html in it. The same files give the same bytes:
// entries are sorted and all carry the time modified, which the caller
// takes from the site's content rather than the clock.
func Zip(folder string, files []File, modified time.Time) ([]byte, error) {
	sorted := slices.SortedFunc(slices.Values(files), func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range sorted {
		h := &zip.FileHeader{Name: folder + "/" + f.Path, Method: zip.Deflate, Modified: modified.UTC()}
		h.SetMode(0o644)
		fw, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
