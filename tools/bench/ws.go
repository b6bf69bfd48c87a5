package main

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// wsConn is the least of a WebSocket client (RFC 6455) that reading
// hugo server's livereload messages needs: the opening handshake, masked
// text frames out, and text messages in, answering pings. It is here so
// the tools module needs no WebSocket library.
type wsConn struct {
	c net.Conn
	r *bufio.Reader
}

// wsGUID is the constant RFC 6455 joins to the key for the accept header.
const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// dialWS opens a WebSocket to url, such as ws://127.0.0.1:1313/livereload.
func dialWS(url string, timeout time.Duration) (*wsConn, error) {
	hostPath, ok := strings.CutPrefix(url, "ws://")
	if !ok {
		return nil, fmt.Errorf("%s: only ws:// addresses", url)
	}
	host, path, _ := strings.Cut(hostPath, "/")
	c, err := net.DialTimeout("tcp", host, timeout)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	k := base64.StdEncoding.EncodeToString(key)
	_ = c.SetDeadline(time.Now().Add(timeout))
	_, err = fmt.Fprintf(c, "GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", path, host, k)
	if err != nil {
		c.Close()
		return nil, err
	}
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	res.Body.Close()
	sum := sha1.Sum([]byte(k + wsGUID))
	if res.StatusCode != http.StatusSwitchingProtocols || res.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		c.Close()
		return nil, fmt.Errorf("%s: no WebSocket handshake (%s)", url, res.Status)
	}
	_ = c.SetDeadline(time.Time{})
	return &wsConn{c: c, r: r}, nil
}

// WebSocket opcodes.
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xa
)

// writeText sends msg as one masked text frame, as a client must.
func (w *wsConn) writeText(msg string) error { return w.writeFrame(opText, []byte(msg)) }

func (w *wsConn) writeFrame(op byte, payload []byte) error {
	head := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		head = append(head, 0x80|byte(n))
	case n <= 0xffff:
		head = append(head, 0x80|126)
		head = binary.BigEndian.AppendUint16(head, uint16(n))
	default:
		head = append(head, 0x80|127)
		head = binary.BigEndian.AppendUint64(head, uint64(n))
	}
	mask := make([]byte, 4)
	_, _ = rand.Read(mask)
	head = append(head, mask...)
	body := make([]byte, len(payload))
	for i, b := range payload {
		body[i] = b ^ mask[i%4]
	}
	_, err := w.c.Write(append(head, body...))
	return err
}

// errWSClosed is what readText returns once the server closes.
var errWSClosed = errors.New("websocket closed")

// readText returns the next text message, joining its fragments,
// answering pings on the way and skipping binary messages.
func (w *wsConn) readText() (string, error) {
	var msg []byte
	var op byte
	for {
		fin, frameOp, payload, err := readFrame(w.r)
		if err != nil {
			return "", err
		}
		switch frameOp {
		case opPing:
			if err := w.writeFrame(opPong, payload); err != nil {
				return "", err
			}
			continue
		case opPong:
			continue
		case opClose:
			return "", errWSClosed
		case opContinuation:
		default:
			op, msg = frameOp, msg[:0]
		}
		msg = append(msg, payload...)
		if fin {
			if op == opText {
				return string(msg), nil
			}
			msg = msg[:0]
		}
	}
}

// maxFrame bounds a frame's payload: livereload's messages are small.
const maxFrame = 1 << 20

// readFrame reads one frame: whether it is the last of its message, its
// opcode and its payload, unmasked if the sender masked it.
func readFrame(r io.Reader) (fin bool, op byte, payload []byte, err error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return false, 0, nil, err
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0f
	masked := h[1]&0x80 != 0
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return false, 0, nil, err
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return false, 0, nil, err
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > maxFrame {
		return false, 0, nil, fmt.Errorf("websocket frame of %d bytes, more than %d", n, maxFrame)
	}
	var mask [4]byte
	if masked {
		if _, err := io.ReadFull(r, mask[:]); err != nil {
			return false, 0, nil, err
		}
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		return false, 0, nil, err
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return fin, op, payload, nil
}

func (w *wsConn) Close() error { return w.c.Close() }
