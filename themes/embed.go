package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme, rooted at its layouts, assets and
// static folders.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}
