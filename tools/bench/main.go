// Command bench is make bench: in one run it measures what issue 16 asks
// to be measured, and prints one table of it at the end (and writes the
// same as JSON):
//
//   - builds of the same synthetic pages (tools/benchsite) at 1,000,
//     10,000 and 20,000 pages by readykit, `hugo --minify` and the floor
//     (tools/benchsite/floor: goldmark and a write, streaming), each run
//     as a child process timed from start to exit, its peak RSS from the
//     kernel's rusage, turn about, output on /dev/shm;
//   - the dev servers: time from start to the first page, and from saving
//     an edit to the reload message, for readykit serve on the default
//     site and on 1,000 pages and hugo server on the same 1,000 pages;
//   - the browser figures of tools/browserbench/run.mjs, when it exists;
//   - the Go build benchmarks of tools/benchsite: the default site, and a
//     12-client portfolio against the same clients built one by one.
//
// Every figure is a median with its range of several runs, because the
// machine is shared. It takes about ten minutes on two cores.
//
//	go -C tools run ./bench [-out FILE] [-sizes 1000,10000,20000] [-runs 7,3,3]
//	    [-edits 50] [-starts 3] [-gobench 3]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// env is where a run keeps its programs and files.
type env struct {
	root     string // the repository
	tools    string // the tools module
	tmp      string // sites and binaries
	out      string // build output, on /dev/shm
	readykit string // the readykit binary
	floor    string // the floor's binary
	log      io.Writer
	started  time.Time
}

func (e *env) logf(format string, args ...any) {
	fmt.Fprintf(e.log, "[%5.0fs] %s\n", time.Since(e.started).Seconds(), fmt.Sprintf(format, args...))
}

// report is everything one run measured; its JSON is bench.json.
type report struct {
	Date     string            `json:"date"`
	Commit   string            `json:"commit"`
	Machine  string            `json:"machine"`
	Hugo     string            `json:"hugo"`
	Seconds  float64           `json:"seconds"`
	Builds   []*buildResult    `json:"builds"`
	Ratios   []ratioRow        `json:"ratios"`
	Dev      []*devResult      `json:"dev"`
	GoBench  []*goBench        `json:"goBenchmarks"`
	Browser  *browserResult    `json:"browser"`
	Settings map[string]string `json:"settings"`
}

func main() {
	if os.Getenv(measureEnv) != "" {
		if err := measure(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	outFile := flag.String("out", "", "also write the report as JSON to this file")
	sizesFlag := flag.String("sizes", "1000,10000,20000", "site sizes, in pages, to build")
	runsFlag := flag.String("runs", "7,3,3", "timed builds of each tool at each size")
	edits := flag.Int("edits", 50, "edits on each dev server")
	starts := flag.Int("starts", 3, "starts of each dev server")
	goRuns := flag.Int("gobench", 3, "runs of each Go benchmark")
	flag.Parse()
	sizes, err := ints(*sizesFlag)
	if err == nil {
		var runs []int
		if runs, err = ints(*runsFlag); err == nil && len(runs) != len(sizes) {
			err = fmt.Errorf("-runs has %d counts for %d sizes", len(runs), len(sizes))
		}
		if err == nil {
			err = bench(*outFile, sizes, runs, *edits, *starts, *goRuns)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a list of counts such as 1000,10000", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func bench(outFile string, sizes, runs []int, edits, starts, goRuns int) error {
	if _, err := exec.LookPath("hugo"); err != nil {
		return fmt.Errorf("hugo is not installed; run make bench-deps (Debian: apt-get install -y hugo)")
	}
	tools, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(tools, "benchsite")); err != nil {
		return fmt.Errorf("run bench in the tools module (go -C tools run ./bench)")
	}
	e := &env{root: filepath.Dir(tools), tools: tools, log: os.Stderr, started: time.Now()}
	if e.tmp, err = os.MkdirTemp("", "readykit-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(e.tmp)
	// Output in memory: disk timings drift after deleting many files.
	if e.out, err = os.MkdirTemp("/dev/shm", "readykit-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(e.out)

	e.readykit, e.floor = filepath.Join(e.tmp, "readykit"), filepath.Join(e.tmp, "floor")
	for _, b := range []struct{ dir, out, pkg string }{{e.root, e.readykit, "./cmd/readykit"}, {tools, e.floor, "./benchsite/floor"}} {
		cmd := exec.Command("go", "build", "-o", b.out, b.pkg)
		cmd.Dir = b.dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", b.pkg, err, out)
		}
	}

	rep := &report{
		Date:    time.Now().UTC().Format(time.RFC3339),
		Commit:  strings.TrimSpace(output(e.root, "git", "rev-parse", "--short", "HEAD")),
		Machine: fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version()),
		Hugo:    strings.TrimSpace(output(e.root, "hugo", "version")),
		Settings: map[string]string{
			"sizes": fmt.Sprint(sizes), "runs": fmt.Sprint(runs), "edits": fmt.Sprint(edits),
			"starts": fmt.Sprint(starts), "goBenchRuns": fmt.Sprint(goRuns),
		},
	}
	if rep.Builds, err = benchBuilds(e, sizes, runs); err != nil {
		return err
	}
	rep.Ratios = ratios(rep.Builds)
	if rep.Dev, err = benchDev(e, starts, edits); err != nil {
		return err
	}
	if rep.Browser, err = benchBrowser(e); err != nil {
		return err
	}
	if rep.GoBench, err = benchGo(e, goRuns); err != nil {
		return err
	}
	rep.Seconds = time.Since(e.started).Seconds()

	fmt.Print(rep.text())
	if outFile != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(outFile), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(outFile, append(data, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Println("\nThe same as JSON:", outFile)
	}
	return nil
}

// output is a command's standard output, or "" if it fails.
func output(dir string, argv ...string) string {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	out, _ := cmd.Output()
	return string(out)
}
