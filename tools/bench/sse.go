package main

import (
	"bufio"
	"io"
	"strings"
)

// sseEvent is one server-sent event: its name ("message" when the stream
// names none) and its data, lines joined with "\n".
type sseEvent struct {
	Name string
	Data string
}

// sseReader reads the events of a text/event-stream. It knows the format's
// fields only as far as telling events apart: the data is not parsed, as
// what readykit puts in it may change.
type sseReader struct{ r *bufio.Reader }

func newSSEReader(r io.Reader) *sseReader { return &sseReader{bufio.NewReader(r)} }

// next returns the next event, or the read's error (io.EOF when the
// stream ends between events).
func (s *sseReader) next() (sseEvent, error) {
	var ev sseEvent
	var data []string
	seen := false
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && (line != "" || seen) {
				err = io.ErrUnexpectedEOF
			}
			return sseEvent{}, err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if line == "" {
			if !seen {
				continue // a blank line after a comment, or a stray one
			}
			if ev.Name == "" {
				ev.Name = "message"
			}
			ev.Data = strings.Join(data, "\n")
			return ev, nil
		}
		if strings.HasPrefix(line, ":") {
			continue // a comment, such as a keep-alive
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			ev.Name, seen = value, true
		case "data":
			data, seen = append(data, value), true
		case "id":
			seen = true
		}
		// retry: and unknown fields dispatch nothing on their own.
	}
}
