package main

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestSummarise(t *testing.T) {
	var v []float64
	for i := 20; i >= 1; i-- {
		v = append(v, float64(i))
	}
	got := summarise(v)
	want := summary{N: 20, Median: 10.5, P95: 19, Min: 1, Max: 20}
	if got != want {
		t.Errorf("summarise(1..20) = %+v, want %+v", got, want)
	}
	if got := summarise([]float64{3, 1, 2}); got.Median != 2 || got.P95 != 3 {
		t.Errorf("summarise(3,1,2) = %+v, want median 2, p95 3", got)
	}
	if got := summarise(nil); got != (summary{}) {
		t.Errorf("summarise(nil) = %+v, want zero", got)
	}
}

func TestTable(t *testing.T) {
	tb := table{header: []string{"pages", "wall"}}
	tb.add("1000", "0.652 s (0.640–0.700)")
	tb.add("20000", "–")
	want := `| pages | wall                  |
|-------|-----------------------|
| 1000  | 0.652 s (0.640–0.700) |
| 20000 | –                     |
`
	if got := tb.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestFormats(t *testing.T) {
	s := summarise([]float64{0.4, 0.5, 1.5})
	for _, tc := range []struct{ got, want string }{
		{seconds(s), "0.500 s (0.400–1.500)"},
		{millis(s), "500 ms, p95 1500, max 1500"},
		{millisRange(s), "500 ms (400–1500)"},
		{megabytes(summarise([]float64{89 << 20, 90 << 20, 131 << 20})), "90 MB (89–131)"},
		{ratio(0.65, 0.74), "0.88"},
		{ratio(1, 0), "–"},
		{ratio(0, 1), "–"},
		{seconds(summary{}), "–"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// The report names every tool and server it measured, with the ratios.
func TestReportText(t *testing.T) {
	r := &report{Date: "2026-12-02T19:00:00Z", Commit: "abc1234"}
	for _, tc := range []struct {
		tool string
		wall float64
		rss  float64
	}{{toolReadykit, 0.65, 89 << 20}, {toolHugo, 0.74, 131 << 20}, {toolFloor, 0.16, 15 << 20}, {toolFull, 0.9, 95 << 20}} {
		br := &buildResult{Pages: 1000, Tool: tc.tool}
		br.add(run{wall: tc.wall, cpu: tc.wall, rss: tc.rss})
		br.summarise()
		r.Builds = append(r.Builds, br)
	}
	r.Ratios = ratios(r.Builds)
	if len(r.Ratios) != 2 || r.Ratios[1].Site != "1000, offline+portable on" || math.Abs(r.Ratios[0].HugoRSS-89.0/131) > 1e-9 || math.Abs(r.Ratios[1].FloorWall-0.9/0.16) > 1e-9 {
		t.Errorf("ratios = %+v, want readykit's and readykit's with offline+portable against hugo and the floor", r.Ratios)
	}
	r.Dev = []*devResult{{Site: "default site", Server: "readykit serve", Reload: summarise([]float64{0.463, 0.5}), FirstPage: summarise([]float64{1}), Lost: 1}}
	r.Browser = &browserResult{Skipped: "no tools/browserbench/run.mjs"}
	text := r.text()
	for _, want := range []string{
		"| 1000  | readykit      ", "hugo --minify", "floor", "offline+portable on",
		"| 1000                      | 0.88 ", // readykit / hugo wall
		"0.68",                                // readykit / hugo RSS
		"4.06",                                // readykit / floor wall
		"482 ms, p95 500, max 500", "| 3 (1) ", "1000 ms (1000–1000) of 1",
		"skipped: no tools/browserbench/run.mjs",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report has no %q:\n%s", want, text)
		}
	}
}

func TestSSEReader(t *testing.T) {
	stream := "retry: 1000\nevent: hello\ndata: 1\n\n" +
		": keep-alive\n\n" +
		"event: reload\r\ndata: {\"pages\":[\"/about/\"]}\r\n\r\n" +
		"data: one\ndata: two\n\n" +
		"event: reload\ndata: 3\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, stream)
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := newSSEReader(res.Body)
	for _, want := range []sseEvent{{"hello", "1"}, {"reload", `{"pages":["/about/"]}`}, {"message", "one\ntwo"}} {
		got, err := r.next()
		if err != nil {
			t.Fatalf("want %+v, got error %v", want, err)
		}
		if got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
	// The last event is cut off before its blank line: not an event.
	if ev, err := r.next(); err != io.ErrUnexpectedEOF {
		t.Errorf("after a cut-off event: %+v, %v; want io.ErrUnexpectedEOF", ev, err)
	}
}

// wsServer is a WebSocket server just big enough to test the client: it
// answers the handshake, reads one text frame from the client, and then
// writes the frames given, raw.
func wsServer(t *testing.T, frames [][]byte, fromClient chan<- string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/livereload" || r.Header.Get("Upgrade") != "websocket" || r.Header.Get("Sec-WebSocket-Version") != "13" {
			http.Error(w, "not a websocket handshake", http.StatusBadRequest)
			return
		}
		sum := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + wsGUID))
		conn, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(rw, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", base64.StdEncoding.EncodeToString(sum[:]))
		rw.Flush()
		fin, op, payload, err := readFrame(rw.Reader)
		if err != nil || !fin || op != opText {
			t.Errorf("the client's frame: fin %t, op %d, %v", fin, op, err)
		}
		fromClient <- string(payload)
		for _, f := range frames {
			rw.Write(f)
		}
		rw.Flush()
		// Wait for the client's pong, if a ping was sent, before closing.
		if _, op, _, err := readFrame(rw.Reader); err == nil {
			fromClient <- fmt.Sprintf("op %d", op)
		}
	}))
}

// frame is a server's unmasked frame.
func frame(fin bool, op byte, payload string) []byte {
	b := []byte{op}
	if fin {
		b[0] |= 0x80
	}
	switch n := len(payload); {
	case n < 126:
		b = append(b, byte(n))
	case n <= 0xffff:
		b = append(b, 126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}

func TestWebSocket(t *testing.T) {
	long := strings.Repeat("x", 70000) // a 64-bit length
	mid := strings.Repeat("y", 300)    // a 16-bit length
	frames := [][]byte{
		frame(true, opText, `{"command":"hello"}`),
		frame(true, opBinary, "\x00\x01"), // skipped
		frame(false, opText, `{"command":"re`),
		frame(true, opPing, "are you there"), // between fragments, as RFC 6455 allows
		frame(true, opContinuation, `load","path":"/pages/p0500/"}`),
		frame(true, opText, mid),
		frame(true, opText, long),
		frame(true, opClose, ""),
	}
	fromClient := make(chan string, 2)
	srv := wsServer(t, frames, fromClient)
	defer srv.Close()
	ws, err := dialWS("ws://"+strings.TrimPrefix(srv.URL, "http://")+"/livereload", 5e9)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := ws.writeText(`{"command":"hello"}`); err != nil {
		t.Fatal(err)
	}
	if got := <-fromClient; got != `{"command":"hello"}` {
		t.Errorf("the server read %q from the client", got)
	}
	for _, want := range []string{`{"command":"hello"}`, `{"command":"reload","path":"/pages/p0500/"}`, mid, long} {
		got, err := ws.readText()
		if err != nil {
			t.Fatalf("want %.40q, got error %v", want, err)
		}
		if got != want {
			t.Errorf("got %.40q (%d bytes), want %.40q (%d bytes)", got, len(got), want, len(want))
		}
	}
	if _, err := ws.readText(); err != errWSClosed {
		t.Errorf("after the close frame: %v, want errWSClosed", err)
	}
	if got := <-fromClient; got != fmt.Sprintf("op %d", opPong) {
		t.Errorf("the client answered the ping with %s, want op %d", got, opPong)
	}
}

// A server that does not answer the handshake properly is an error.
func TestWebSocketHandshake(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Upgrade", "websocket")
		w.WriteHeader(http.StatusSwitchingProtocols)
	}))
	defer srv.Close()
	if _, err := dialWS("ws://"+strings.TrimPrefix(srv.URL, "http://")+"/livereload", 5e9); err == nil {
		t.Error("a handshake without Sec-WebSocket-Accept succeeded")
	}
}

func TestReadFrameMasked(t *testing.T) {
	mask := []byte{1, 2, 3, 4}
	payload := []byte("reload")
	b := []byte{0x81, 0x80 | byte(len(payload))}
	b = append(b, mask...)
	for i, c := range payload {
		b = append(b, c^mask[i%4])
	}
	fin, op, got, err := readFrame(bufio.NewReader(strings.NewReader(string(b))))
	if err != nil || !fin || op != opText || string(got) != "reload" {
		t.Errorf("readFrame = %t, %d, %q, %v; want true, 1, \"reload\", nil", fin, op, got, err)
	}
}

func TestBenchMetrics(t *testing.T) {
	out := "goos: linux\nBenchmarkBuild1000-2   \t       2\t 652000000 ns/op\t   652000 ns/page\t 90000000 B/op\t  1200000 allocs/op\nPASS\n"
	m := benchMetrics(out)
	if m["ns/op"] != 652000000 || m["B/op"] != 90000000 || m["ns/page"] != 652000 || m["allocs/op"] != 1200000 {
		t.Errorf("benchMetrics = %v", m)
	}
}

// TestMain lets the test binary be the measuring runner, as bench is.
func TestMain(m *testing.M) {
	if os.Getenv(measureEnv) != "" {
		if err := measure(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A command's peak RSS is its own, not the RSS of the process that
// measures it, however much that holds.
func TestTimeCommandRSS(t *testing.T) {
	big := make([]byte, 300<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	r, err := timeCommand([]string{"/bin/sh", "-c", "exit 0"})
	if err != nil {
		t.Fatal(err)
	}
	if r.rss <= 0 || r.rss > 100<<20 || r.wall <= 0 {
		t.Errorf("sh: wall %.3fs, peak RSS %.0f MB; want a small RSS of its own, not this test's 300 MB", r.wall, r.rss/(1<<20))
	}
	runtime.KeepAlive(big)
	if _, err := timeCommand([]string{"/bin/sh", "-c", "echo broken >&2; exit 3"}); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("a failing command: %v, want an error with its output", err)
	}
}
