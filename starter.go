// Package readykit holds the default site — its settings and content — so
// that "readykit new" can write a starter site from the binary alone. The
// engine is in package generator; the command in cmd/readykit.
package readykit

import (
	"embed"
	"io/fs"
)

//go:embed readykit.yaml content
var starter embed.FS

// Starter returns the default site: readykit.yaml and the content folder.
func Starter() fs.FS { return starter }
