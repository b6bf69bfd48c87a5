package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/readykit/readykit/tools/benchsite"
)

// run is one timed run of a command: wall time from start to exit, CPU
// (user and system) and peak resident set size, from the kernel's rusage
// for the child (wait4).
type run struct {
	wall, cpu float64 // seconds
	rss       float64 // bytes
}

// measureEnv, set in the environment, makes bench the measuring runner:
// it runs its arguments as a command and prints its measurement as JSON.
const measureEnv = "READYKIT_BENCH_MEASURE"

// timeCommand runs argv to the end and measures it, through a fresh bench
// process (measureEnv) rather than directly. Linux counts in a child's
// peak RSS the RSS its parent had when it forked it (exec takes the high
// water mark of the memory it replaces), and this process holds whole
// sites in memory while writing them; the runner holds a few MB, which is
// then the floor of the figures.
func timeCommand(argv []string) (run, error) {
	self, err := os.Executable()
	if err != nil {
		return run{}, err
	}
	cmd := exec.Command(self, argv...)
	cmd.Env = append(os.Environ(), measureEnv+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return run{}, fmt.Errorf("%v: %w\n%s", argv, err, errOut.Bytes())
	}
	var m measurement
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		return run{}, fmt.Errorf("%v: the runner's output: %w", argv, err)
	}
	return run{wall: m.Wall, cpu: m.CPU, rss: m.RSS}, nil
}

// measurement is what the runner prints.
type measurement struct {
	Wall float64 `json:"wall"`
	CPU  float64 `json:"cpu"`
	RSS  float64 `json:"rss"`
}

// measure is the runner: it runs argv to the end and prints its wall time
// from start to exit, its CPU (user and system) and its peak resident set
// size, from the kernel's rusage for the child (wait4). The command's
// output is shown only if it fails.
func measure(argv []string) error {
	if len(argv) == 0 {
		return errors.New("nothing to run")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, out.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return errors.New("no rusage on this system")
	}
	return json.NewEncoder(os.Stdout).Encode(measurement{
		Wall: wall.Seconds(),
		CPU:  (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(),
		RSS:  float64(ru.Maxrss) * 1024, // Linux gives kilobytes
	})
}

// buildResult is one generator's builds of one site size.
type buildResult struct {
	Pages int     `json:"pages"`
	Tool  string  `json:"tool"`
	Wall  summary `json:"wallSeconds"`
	CPU   summary `json:"cpuSeconds"`
	RSS   summary `json:"peakRSSBytes"`
	runs  []run
}

func (b *buildResult) add(r run) { b.runs = append(b.runs, r) }

func (b *buildResult) summarise() {
	var wall, cpu, rss []float64
	for _, r := range b.runs {
		wall, cpu, rss = append(wall, r.wall), append(cpu, r.cpu), append(rss, r.rss)
	}
	b.Wall, b.CPU, b.RSS = summarise(wall), summarise(cpu), summarise(rss)
}

// The tools timed on each size: readykit's build of the bench site (no
// worker, no .zip), Hugo's, and the floor; at the first size also
// readykit with the worker and the .zip, as the default site builds.
const (
	toolReadykit = "readykit"
	toolHugo     = "hugo --minify"
	toolFloor    = "floor"
	toolFull     = "readykit, offline+portable on"
)

// benchBuilds writes the three sites of each size and times the builds,
// turn about, rotating which goes first so that load on the machine
// weighs on all alike, each into an empty folder under out (on /dev/shm).
func benchBuilds(env *env, sizes []int, runs []int) ([]*buildResult, error) {
	var all []*buildResult
	for k, n := range sizes {
		dir := filepath.Join(env.tmp, fmt.Sprintf("sites-%d", n))
		sites := map[string]string{
			toolReadykit: filepath.Join(dir, "readykit"),
			toolHugo:     filepath.Join(dir, "hugo"),
		}
		if err := benchsite.WriteDir(benchsite.Readykit(n), sites[toolReadykit]); err != nil {
			return nil, err
		}
		if err := benchsite.WriteDir(benchsite.Hugo(n), sites[toolHugo]); err != nil {
			return nil, err
		}
		tools := []string{toolReadykit, toolHugo, toolFloor}
		if k == 0 {
			sites[toolFull] = filepath.Join(dir, "readykit-full")
			if err := benchsite.WriteDir(benchsite.ReadykitOffline(n), sites[toolFull]); err != nil {
				return nil, err
			}
			tools = append(tools, toolFull)
		}
		out := filepath.Join(env.out, "build")
		argv := func(tool string) []string {
			switch tool {
			case toolHugo:
				return []string{"hugo", "--minify", "--quiet", "-s", sites[toolHugo], "-d", out}
			case toolFloor:
				return []string{env.floor, "-source", sites[toolReadykit], "-dest", out}
			case toolFull:
				return []string{env.readykit, "build", "--quiet", "--source", sites[toolFull], "--dest", out}
			}
			return []string{env.readykit, "build", "--quiet", "--source", sites[toolReadykit], "--dest", out}
		}
		results := map[string]*buildResult{}
		for _, t := range tools {
			results[t] = &buildResult{Pages: n, Tool: t}
			all = append(all, results[t])
		}
		env.logf("builds of %d pages: %d runs of each of %d, turn about", n, runs[k], len(tools))
		// The first run of each at the smallest size is a warm-up, not
		// timed: it also proves each command works before the long ones.
		warm := 0
		if k == 0 {
			warm = 1
		}
		for r := -warm; r < runs[k]; r++ {
			for i := range tools {
				t := tools[(i+max(r, 0))%len(tools)]
				if err := os.RemoveAll(out); err != nil {
					return nil, err
				}
				m, err := timeCommand(argv(t))
				if err != nil {
					return nil, err
				}
				if r >= 0 {
					results[t].add(m)
				}
			}
		}
		if err := os.RemoveAll(out); err != nil {
			return nil, err
		}
		// The sources of the big sites are large; the next size writes its own.
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
	}
	for _, b := range all {
		b.summarise()
	}
	return all, nil
}
