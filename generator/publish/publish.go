// Package publish writes a built site: a transform chain (minify, the dev
// server's reload script) applied to every file, then a sink that takes the
// whole site at once.
//
// A sink makes the new site appear all at once, whether it receives the
// complete file set in one call (Sink) or a file at a time in a Batch
// (one with a Begin method), as a build hands it its files as they are made: Dir builds
// a new folder beside the old one and swaps them, Memory replaces its map
// under a lock. A build that fails aborts its batch, and one that fails
// while writing leaves the old site as it was.
package publish

import (
	"github.com/readykit/readykit/generator/internal/workers"
)

// File is one output file; Path is slash-separated and relative to the
// site root, such as "items/1.1.1/index.html".
type File struct {
	Path string
	Data []byte
}

// Sink receives a finished site.
type Sink interface {
	Publish(files []File) error
}

// Transform rewrites the content of output files.
type Transform interface {
	// Name says what the transform is, for error messages.
	Name() string
	// Apply returns the new content of the file at path.
	Apply(path string, data []byte) ([]byte, error)
}

// Apply runs the chain over every file, spreading files over the CPUs. The
// result does not depend on the order files are processed in.
func Apply(files []File, chain ...Transform) error {
	if len(chain) == 0 {
		return nil
	}
	errs := make([]error, len(files))
	workers.Each(len(files), func(i int, _ *struct{}) {
		files[i].Data, errs[i] = Chain(files[i].Path, files[i].Data, chain...)
	})
	// The first file's error, so the same site always fails the same way.
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Discard is a sink that keeps nothing, for checking a site without
// writing it.
type Discard struct{}

// Publish does nothing.
func (Discard) Publish([]File) error { return nil }
