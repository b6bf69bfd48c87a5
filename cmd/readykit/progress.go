package main

import (
	"fmt"
	"io"
	"os"
)

// buildProgress tells someone watching a portfolio build how far it has got.
// On a terminal it rewrites one line in place; elsewhere (a log, a CI
// job's output) it writes a plain line per client, so the log reads
// without control characters; with --quiet it writes nothing.
type buildProgress struct {
	w     io.Writer
	tty   bool
	quiet bool
	wrote bool
}

func newProgress(w io.Writer, quiet bool) *buildProgress {
	return &buildProgress{w: w, tty: isTerminal(w), quiet: quiet}
}

// isTerminal reports whether w is a terminal: a character device, as a
// terminal is and a file or a pipe is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// step reports that client was the nth of the clients to finish, and
// whether it built: one that did not is not called built, and its
// problems are listed when all are done.
func (p *buildProgress) step(client string, n, of int, ok bool) {
	line := fmt.Sprintf("Built %d of %d clients: %s", n, of, client)
	if !ok {
		line = fmt.Sprintf("%d of %d clients done: %s has problems, listed below", n, of, client)
	}
	switch {
	case p.quiet:
	case p.tty:
		// \r goes back to the start of the line, \x1b[K clears what a
		// longer line before left.
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
		p.wrote = true
	default:
		fmt.Fprintln(p.w, line)
	}
}

// end clears the terminal's progress line, so what follows starts clean.
func (p *buildProgress) end() {
	if p.wrote {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.wrote = false
	}
}
