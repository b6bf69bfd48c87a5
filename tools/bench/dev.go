package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/readykit/readykit/tools/benchsite"
)

// devResult is one dev server's figures on one site: the time from
// starting it to its first page, and from saving an edit to the reload
// message it sends the browser.
type devResult struct {
	Site      string  `json:"site"`
	Server    string  `json:"server"`
	FirstPage summary `json:"firstPageSeconds"`
	Reload    summary `json:"saveToReloadSeconds"`
	// Lost counts edits that brought no reload message within
	// reloadTimeout.
	Lost int `json:"lost"`

	starts  []float64
	reloads []float64
}

// devServer is a dev server under test: how to start it on a site and
// port, and which page an edit changes.
type devServer struct {
	res  *devResult
	dir  string // the site folder it serves
	page string // the content file the edits append to
	argv func(port int) []string
	// listen connects to the server's reload messages and sends the time
	// each one arrives.
	listen func(port int) (<-chan time.Time, func(), error)

	cmd    *exec.Cmd
	port   int
	events <-chan time.Time
	stop   func()
}

// reloadTimeout is how long an edit waits for its reload message before it
// counts as lost.
const reloadTimeout = 20 * time.Second

// benchDev starts each server starts times, timing the first page, keeps
// the last start running, and then makes edits rounds of edits, one on each
// server in turn, each after a short random pause.
func benchDev(env *env, starts, edits int) ([]*devResult, error) {
	defaultSite := filepath.Join(env.tmp, "dev-default")
	if err := copySite(env.root, defaultSite); err != nil {
		return nil, err
	}
	rk1k, hugo1k := filepath.Join(env.tmp, "dev-rk1k"), filepath.Join(env.tmp, "dev-hugo1k")
	if err := benchsite.WriteDir(benchsite.Readykit(1000), rk1k); err != nil {
		return nil, err
	}
	if err := benchsite.WriteDir(benchsite.Hugo(1000), hugo1k); err != nil {
		return nil, err
	}
	readykitServe := func(dir string) func(int) []string {
		return func(port int) []string {
			return []string{env.readykit, "serve", "--source", dir, "--port", strconv.Itoa(port)}
		}
	}
	servers := []*devServer{
		{res: &devResult{Site: "default site", Server: "readykit serve"}, dir: defaultSite, page: "content/about.md", argv: readykitServe(defaultSite), listen: listenSSE},
		{res: &devResult{Site: "1,000 pages", Server: "readykit serve"}, dir: rk1k, page: benchsite.PagePath(500), argv: readykitServe(rk1k), listen: listenSSE},
		{res: &devResult{Site: "1,000 pages", Server: "hugo server"}, dir: hugo1k, page: benchsite.PagePath(500), argv: func(port int) []string {
			return []string{"hugo", "server", "-s", hugo1k, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--quiet"}
		}, listen: listenLivereload},
	}
	defer func() {
		for _, s := range servers {
			s.shutdown()
		}
	}()
	env.logf("dev servers: %d starts of each, to the first page of /", starts)
	for k := range starts {
		for _, s := range servers {
			if err := s.start(); err != nil {
				return nil, err
			}
			if k < starts-1 {
				s.shutdown()
			}
		}
	}
	for _, s := range servers {
		events, stop, err := s.listen(s.port)
		if err != nil {
			return nil, fmt.Errorf("%s on %s: %w", s.res.Server, s.res.Site, err)
		}
		s.events, s.stop = events, stop
	}
	env.logf("dev servers: %d edits on each, turn about", edits)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 16))
	for e := range edits {
		for _, s := range servers {
			// A pause of 100 to 300 ms, as between a person's saves, which
			// also lets any late message of the last edit arrive and be
			// dropped before this one.
			time.Sleep(time.Duration(100+rng.IntN(200)) * time.Millisecond)
			if err := s.edit(e); err != nil {
				return nil, err
			}
		}
	}
	var out []*devResult
	for _, s := range servers {
		s.res.FirstPage, s.res.Reload = summarise(s.res.starts), summarise(s.res.reloads)
		out = append(out, s.res)
	}
	return out, nil
}

// start starts the server on a free port and times it to the first 200
// answer for /, polling every 5 ms: a measurement, with its own resolution.
func (s *devServer) start() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.port = port
	argv := s.argv(port)
	s.cmd = exec.Command(argv[0], argv[1:]...)
	s.cmd.Dir = s.dir
	begin := time.Now()
	if err := s.cmd.Start(); err != nil {
		return err
	}
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	client := &http.Client{Timeout: 5 * time.Second}
	for time.Since(begin) < time.Minute {
		res, err := client.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				s.res.starts = append(s.res.starts, time.Since(begin).Seconds())
				return nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("%v served no page within a minute", argv)
}

// shutdown stops the server as Ctrl-C does, and kills it if it lingers.
func (s *devServer) shutdown() {
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// edit appends a unique line to the page's body and waits for the next
// reload message, timing it from the moment the file is closed.
func (s *devServer) edit(n int) error {
	for drained := false; !drained; {
		select {
		case _, ok := <-s.events:
			if !ok {
				return fmt.Errorf("%s on %s closed its reload messages", s.res.Server, s.res.Site)
			}
		default:
			drained = true
		}
	}
	f, err := os.OpenFile(filepath.Join(s.dir, filepath.FromSlash(s.page)), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\nBench edit %d at %d.\n", n+1, time.Now().UnixNano())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	saved := time.Now()
	select {
	case at, ok := <-s.events:
		if !ok {
			return fmt.Errorf("%s on %s closed its reload messages", s.res.Server, s.res.Site)
		}
		s.res.reloads = append(s.res.reloads, at.Sub(saved).Seconds())
	case <-time.After(reloadTimeout):
		s.res.Lost++
	}
	return nil
}

// listenSSE follows readykit serve's server-sent events; any event
// counts, whatever its data, which is not parsed.
func listenSSE(port int) (<-chan time.Time, func(), error) {
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("http://127.0.0.1:%d/_readykit/events", port), nil)
	if err != nil {
		return nil, nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		res.Body.Close()
		return nil, nil, fmt.Errorf("events: %s, %s", res.Status, res.Header.Get("Content-Type"))
	}
	events := make(chan time.Time, 64)
	go func() {
		defer close(events)
		r := newSSEReader(res.Body)
		for {
			if _, err := r.next(); err != nil {
				return
			}
			events <- time.Now()
		}
	}()
	return events, func() { res.Body.Close() }, nil
}

// listenLivereload follows hugo server's livereload WebSocket; a message
// with the reload command counts.
func listenLivereload(port int) (<-chan time.Time, func(), error) {
	ws, err := dialWS(fmt.Sprintf("ws://127.0.0.1:%d/livereload", port), 10*time.Second)
	if err != nil {
		return nil, nil, err
	}
	// The LiveReload protocol's greeting, as livereload.js sends it.
	if err := ws.writeText(`{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`); err != nil {
		ws.Close()
		return nil, nil, err
	}
	events := make(chan time.Time, 64)
	go func() {
		defer close(events)
		for {
			msg, err := ws.readText()
			if err != nil {
				return
			}
			if strings.Contains(msg, `"reload"`) {
				events <- time.Now()
			}
		}
	}()
	return events, func() { ws.Close() }, nil
}

// freePort asks the kernel for a port no one listens on.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("not a TCP address")
	}
	return addr.Port, nil
}

// copySite copies the default site's content/ and readykit.yaml from the
// repository to dir, for edits that must not touch the repository.
func copySite(root, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("cp", "-R", filepath.Join(root, "content"), filepath.Join(root, "readykit.yaml"), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("cp: %w\n%s", err, out)
	}
	return nil
}
