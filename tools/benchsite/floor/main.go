// Command floor is the least a static-site generator can do with the bench
// site's pages, the floor make bench measures readykit against: it reads
// each page of content/pages/, renders its Markdown with goldmark set up
// as readykit sets it up (markdown.Bare: the same extensions and
// typographic characters, ids on headings), wraps it in a fixed minimal
// HTML shell and writes it to DEST/pages/<name>/index.html. It streams: each worker holds one page
// at a time, so its memory does not grow with the site.
//
//	go -C tools run ./benchsite/floor -source SITE -dest DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/readykit/readykit/generator/markdown"
	"github.com/yuin/goldmark"
)

func main() {
	source := flag.String("source", ".", "the bench site, holding content/pages/")
	dest := flag.String("dest", "public", "where to write the pages")
	flag.Parse()
	n, err := run(*source, *dest, runtime.GOMAXPROCS(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("floor: %d pages\n", n)
}

// run renders every page with workers goroutines and returns how many
// it wrote.
func run(source, dest string, workers int) (int, error) {
	dir := filepath.Join(source, "content", "pages")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	md := markdown.Bare()
	names := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var body, page bytes.Buffer
			for name := range names {
				if err := render(md, filepath.Join(dir, name), filepath.Join(dest, "pages", strings.TrimSuffix(name, ".md"), "index.html"), &body, &page); err != nil {
					errs <- err
					for range names {
					}
					return
				}
			}
		}()
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			names <- e.Name()
			n++
		}
	}
	close(names)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return n, nil
}

// render writes one page, reusing the worker's two buffers.
func render(md goldmark.Markdown, src, out string, body, page *bytes.Buffer) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	title, text := frontMatter(data)
	body.Reset()
	if err := md.Convert(text, body); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	page.Reset()
	t := html.EscapeString(title)
	fmt.Fprintf(page, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n</head>\n<body>\n<main>\n<h1>%s</h1>\n", t, t)
	page.Write(body.Bytes())
	page.WriteString("</main>\n</body>\n</html>\n")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, page.Bytes(), 0o644)
}

// frontMatter splits a page into its title and its Markdown body. The
// bench pages' front matter is simple: no YAML parser is needed to find
// the title, and using none keeps the floor low.
func frontMatter(data []byte) (string, []byte) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return "", data
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return "", data
	}
	var title string
	for _, line := range strings.Split(string(head), "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			title = strings.Trim(v, `"`)
		}
	}
	return title, body
}
