package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator/devserver"
)

type newOptions struct {
	streams
	Dir string
}

func newNewCmd(s streams, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "new DIR",
		Short: "Start a new site in a folder",
		Long: `New writes a starter site into DIR: readykit.yaml, the default pages and
toolkit data, an empty theme folder for your own templates and styles,
and a netlify.toml to publish it. Everything comes from the readykit
program itself; nothing is downloaded.

DIR must not exist yet, or be empty.`,
		Example: `  readykit new oak-house
  cd oak-house
  readykit serve`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return failed(runNew(opts))
		},
	}
	return cmd
}

func runNew(opts *newOptions) error {
	if entries, err := os.ReadDir(opts.Dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already has files in it; choose a new folder name", opts.Dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	files := map[string][]byte{
		".gitignore":               []byte("public/\n"),
		"netlify.toml":             []byte(starterNetlify()),
		"themes/default/README.md": []byte(themeReadme),
	}
	starter := readykit.Starter()
	err := fs.WalkDir(starter, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(starter, p)
		if p == "readykit.yaml" {
			data = starterConfig(data)
		}
		files[p] = data
		return err
	})
	if err != nil {
		return err
	}
	for p, data := range files {
		dest := filepath.Join(opts.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		if err := writeNew(dest, data); err != nil {
			return err
		}
	}
	fmt.Fprintf(opts.Out, "Started a new site in %s. Next:\n\n  cd %s\n  readykit serve\n\nEdit readykit.yaml to set your site's title, organisation and address.\n", opts.Dir, opts.Dir)
	return nil
}

// writeNew writes a file that must not exist yet: new never replaces a
// file it did not make, even one that appeared while it was writing.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// starterConfig empties the default site's address, which belongs to the
// readykit site, not the new one.
func starterConfig(data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "baseURL:") {
			lines[i] = `baseURL: ""  # your site's address, such as https://oak-house.netlify.app/`
		}
		if strings.HasPrefix(l, "organisation:") {
			lines[i] = `organisation: ""  # who publishes this site`
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

const themeReadme = `# Your theme

Files here replace readykit's built-in theme, one by one. Copy the path
of the file you want to change:

- layouts/base.html, layouts/<layout>.html, layouts/partials/*.html:
  templates (Go html/template)
- assets/site.css: the stylesheet
- static/: files published as they are, such as a logo

A file you do not put here is taken from the built-in theme. Set the
folder's name as theme: in readykit.yaml.
`

// starterNetlify is the netlify.toml for a new site: build with readykit
// and serve with the same security headers as the dev server.
func starterNetlify() string {
	var b strings.Builder
	b.WriteString(`# Netlify settings for this readykit site.
[build]
  command = "go run github.com/readykit/readykit/cmd/readykit@latest build --base-url \"$URL\""
  publish = "public"

[build.environment]
  GO_VERSION = "1.26.8"

[[headers]]
  for = "/*"
  [headers.values]
`)
	for _, kv := range devserver.Headers {
		fmt.Fprintf(&b, "    %s = %q\n", kv[0], kv[1])
	}
	b.WriteString(`
[[headers]]
  for = "/assets/*"
  [headers.values]
    Cache-Control = "public, max-age=31536000, immutable"
`)
	return b.String()
}
