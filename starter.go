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

// module is readykit's own go.mod and go.sum. A site made by "readykit new"
// requires the modules readykit requires, at the same versions, and starts
// its go.sum from readykit's, so that "go tool readykit" verifies every
// dependency offline and only readykit's own lines are left to add.
//
//go:embed go.mod go.sum
var module embed.FS

// Module returns readykit's go.mod and go.sum as they were when this
// program was built.
func Module() (gomod, gosum []byte) {
	gomod, _ = module.ReadFile("go.mod")
	gosum, _ = module.ReadFile("go.sum")
	return gomod, gosum
}
