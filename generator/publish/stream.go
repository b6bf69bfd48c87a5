package publish

import "fmt"

// streamer is a sink that can take a site a file at a time, so that a
// build need not hold every file at once. What a Batch is given appears
// only when it is committed, all at once, as Publish's files do.
type streamer interface {
	Sink
	// Begin starts a new site.
	Begin() (Batch, error)
}

// Batch is a site on its way to a sink. Put is called from one goroutine
// at a time; after Commit or Abort the batch is done with.
type Batch interface {
	// Put adds a file; the batch owns data from then on.
	Put(f File) error
	// Commit makes the files put the sink's site, in place of the old.
	Commit() error
	// Abort drops the files put, leaving the old site as it was.
	Abort()
}

// Begin starts a batch for sink: its own, when it has a Begin method, or one
// that keeps the files and hands them to Publish on Commit.
func Begin(sink Sink) (Batch, error) {
	if s, ok := sink.(streamer); ok {
		return s.Begin()
	}
	return &collected{sink: sink}, nil
}

// collected is the batch of a sink that takes the site in one call.
type collected struct {
	sink  Sink
	files []File
}

func (c *collected) Put(f File) error { c.files = append(c.files, f); return nil }
func (c *collected) Commit() error    { return c.sink.Publish(c.files) }
func (c *collected) Abort()           { c.files = nil }

// Chain runs the transforms over one file's data, in order.
func Chain(path string, data []byte, chain ...Transform) ([]byte, error) {
	for _, t := range chain {
		out, err := t.Apply(path, data)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", t.Name(), path, err)
		}
		data = out
	}
	return data, nil
}

// Begin starts a site that Commit makes Discard's: it keeps nothing.
func (Discard) Begin() (Batch, error) { return discarded{}, nil }

type discarded struct{}

func (discarded) Put(File) error { return nil }
func (discarded) Commit() error  { return nil }
func (discarded) Abort()         {}

// Begin starts a new site, which readers see only once it is committed,
// whole, in place of the old.
func (m *Memory) Begin() (Batch, error) {
	return &memoryBatch{m: m, next: map[string][]byte{}}, nil
}

type memoryBatch struct {
	m    *Memory
	next map[string][]byte
}

func (b *memoryBatch) Put(f File) error { b.next[f.Path] = f.Data; return nil }

func (b *memoryBatch) Commit() error {
	b.m.mu.Lock()
	b.m.files = b.next
	b.m.mu.Unlock()
	return nil
}

func (b *memoryBatch) Abort() { b.next = nil }
