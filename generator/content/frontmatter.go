package content

import (
	"bytes"

	"github.com/readykit/readykit/generator/diag"
)

// Document is a Markdown file split into its YAML front matter and body,
// with the file line each part starts on.
type Document struct {
	File        string
	FrontMatter []byte
	FMLine      int // file line of the front matter's first line
	Body        []byte
	BodyLine    int // file line of the body's first line
}

// Split separates front matter, written between two lines of "---" at the
// top of the file, from the Markdown body. A file without front matter is
// all body. A byte order mark is dropped, and text that is not UTF-8 is an
// error at its position. Line numbers are kept so positions in either part map back to
// the file.
func Split(file string, data []byte) (Document, error) {
	doc := Document{File: file, BodyLine: 1}
	data, err := utf8Text(file, data)
	if err != nil {
		return doc, markUnread(err)
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		doc.Body = data
		return doc, nil
	}
	fmStart := len(first) + 1
	pos, line := fmStart, 2
	for pos <= len(data) {
		l, next := data[pos:], len(data)
		end := bytes.IndexByte(l, '\n')
		if end >= 0 {
			l, next = l[:end], pos+end+1
		}
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			doc.FrontMatter = data[fmStart:pos]
			doc.FMLine = 2
			doc.Body = data[next:]
			doc.BodyLine = line + 1
			return doc, nil
		}
		if end < 0 {
			break
		}
		pos, line = next, line+1
	}
	return doc, markUnread(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
		"Add a line with just --- after the last front matter line",
		"the front matter that starts here never closes"))
}
