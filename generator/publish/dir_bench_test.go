package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDirPut writes a site shaped as a build's: a folder per page,
// each with its index.html of a few kilobytes, as the sink's consumer
// does, one file at a time. Point TMPDIR at a tmpfs to see the cost of
// the system calls alone.
func BenchmarkDirPut(b *testing.B) {
	const pages = 2000
	data := make([]byte, 8<<10)
	files := make([]File, pages)
	for i := range files {
		files[i] = File{Path: fmt.Sprintf("items/%d.%d/index.html", i/100, i%100), Data: data}
	}
	parent := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d := Dir{Path: filepath.Join(parent, fmt.Sprint(i))}
		batch, err := d.Begin()
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if err := batch.Put(f); err != nil {
				b.Fatal(err)
			}
		}
		if err := batch.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(d.Path)
		b.StartTimer()
	}
}
