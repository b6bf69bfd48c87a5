package devserver

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/readykit/readykit/generator/content"
)

// Watch watches the site folder and rebuilds after changes until ctx is
// done. A change opens a short window (window) for the rest of the same
// save, which editors make as several events within a millisecond or two;
// the rebuild starts when it closes, not after a quiet spell, so a save is
// seen in milliseconds. Changes that come during a rebuild wait in the
// watcher's queue and make one more rebuild after it. Editor temporary
// files and skipped folders are ignored.
// ready, if not nil, is closed once the watches are in place.
func (s *Server) Watch(ctx context.Context, ready chan<- struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := s.addTree(w, s.opts.Root); err != nil {
		return err
	}
	if ready != nil {
		close(ready)
	}

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	armed := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if s.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					// A new folder: watch it and whatever was already put in it.
					if err := s.addTree(w, ev.Name); err != nil {
						fmt.Fprintf(s.opts.Log, "Cannot watch %s: %v\n", ev.Name, err)
					}
				}
			}
			if !armed {
				timer.Reset(window)
				armed = true
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.opts.Log, "Watching: %v\n", err)
			if !armed {
				// An overflow lost events: rebuild, as for a change.
				timer.Reset(window)
				armed = true
			}
		case <-timer.C:
			armed = false
			_ = s.Rebuild(ctx)
		}
	}
}

// addTree watches dir and every folder under it that is not skipped.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != s.opts.Root && s.ignored(p) {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// ignored reports paths whose changes never affect the site: editor
// temporary files, dot folders and the skipped folders (such as public/).
func (s *Server) ignored(p string) bool {
	rel, err := filepath.Rel(s.opts.Root, p)
	if err != nil || rel == "." {
		return false
	}
	first, _, _ := cutSep(rel)
	if slices.Contains(s.opts.Skip, first) {
		return true
	}
	for dir := rel; dir != "." && dir != string(filepath.Separator); dir = filepath.Dir(dir) {
		if content.Skip(filepath.Base(dir)) {
			return true
		}
	}
	return false
}

func cutSep(p string) (string, string, bool) {
	for i := 0; i < len(p); i++ {
		if os.IsPathSeparator(p[i]) {
			return p[:i], p[i+1:], true
		}
	}
	return p, "", false
}
