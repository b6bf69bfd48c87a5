// Command compare times readykit against Hugo on the same 1,000 pages:
// it builds the readykit binary, writes both bench sites to a temporary
// folder, and runs hyperfine over the two builds, interleaved, with output
// on /dev/shm. make bench runs it.
//
//	go -C tools run ./benchsite/compare [-pages 1000] [-runs 7] [-portfolio]
//
// It first compares a portfolio of 12 clients built in one go with the
// same clients built as 12 sites (BenchmarkPortfolio12, BenchmarkSeparate12).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/readykit/readykit/tools/benchsite"
)

// Where the builds write: memory, since disk timings here drift after
// deleting many files.
const (
	outRoot = "/dev/shm/out"
	rkOut   = outRoot + "/rk"
	hugoOut = outRoot + "/hugo"
)

func main() {
	pages := flag.Int("pages", 1000, "pages in each site")
	runs := flag.Int("runs", 7, "timed runs of each command")
	keep := flag.Bool("keep", false, "keep the temporary folder with the binary and the two sites")
	portfolioOnly := flag.Bool("portfolio", false, "only compare a 12-client portfolio's build with 12 separate builds (needs neither Hugo nor hyperfine)")
	flag.Parse()
	if err := comparePortfolio(*runs); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	if *portfolioOnly {
		return
	}
	os.Exit(run(*pages, *runs, *keep))
}

// comparePortfolio runs BenchmarkPortfolio12 and BenchmarkSeparate12
// (one build of a 12-client portfolio, and the same clients as 12 sites of
// their own, each run 3 builds), alternating runs times, so that other work on the machine
// weighs on both alike, and reports the ratio of their medians, of wall
// time per build and of the CPU time of each run: below 1 means the
// portfolio's shared parse pays.
func comparePortfolio(runs int) error {
	tmp, err := os.MkdirTemp("", "readykit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "benchsite.test")
	build := exec.Command("go", "test", "-c", "-o", bin, "./benchsite")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go test -c: %w", err)
	}
	names := []string{"Portfolio12", "Separate12"}
	wall := map[string][]float64{}
	cpu := map[string][]float64{}
	for range runs {
		for _, name := range names {
			cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", "^Benchmark"+name+"$", "-test.benchtime", "3x")
			cmd.Dir = "benchsite"
			out, err := cmd.CombinedOutput()
			if err != nil {
				return fmt.Errorf("%s: %w\n%s", name, err, out)
			}
			ns, ok := nsPerOp(string(out))
			if !ok {
				return fmt.Errorf("%s gave no timing:\n%s", name, out)
			}
			wall[name] = append(wall[name], ns/1e9)
			ps := cmd.ProcessState
			cpu[name] = append(cpu[name], (ps.UserTime() + ps.SystemTime()).Seconds())
		}
	}
	p, s := medianF(wall[names[0]]), medianF(wall[names[1]])
	pc, sc := medianF(cpu[names[0]]), medianF(cpu[names[1]])
	fmt.Printf("12 clients over the default site, minified, into memory, median of %d alternating runs:\n", runs)
	fmt.Printf("  %-22s %8s %16s\n", "", "per build", "CPU of 3 builds")
	fmt.Printf("  %-22s %8.3fs %15.2fs\n  %-22s %8.3fs %15.2fs\n", "one portfolio build", p, pc, "12 separate builds", s, sc)
	fmt.Printf("portfolio/separate: %.2f (time per build), %.2f (CPU, user+system, of each run)\n\n", p/s, pc/sc)
	return nil
}

// nsPerOp finds the ns/op of the one benchmark in go test's output.
func nsPerOp(out string) (float64, bool) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 && f[3] == "ns/op" && strings.HasPrefix(f[0], "Benchmark") {
			var ns float64
			if _, err := fmt.Sscan(f[2], &ns); err == nil {
				return ns, true
			}
		}
	}
	return 0, false
}

func medianF(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func run(pages, runs int, keep bool) int {
	for _, tool := range []string{"hugo", "hyperfine"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "compare: %s is not installed; run make bench-deps (Debian: apt-get install -y hugo hyperfine)\n", tool)
			return 2
		}
	}
	if err := compare(pages, runs, keep); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		return 1
	}
	return 0
}

func compare(pages, runs int, keep bool) error {
	tmp, err := os.MkdirTemp("", "readykit-bench-")
	if err != nil {
		return err
	}
	if strings.ContainsAny(tmp, " \t'\"") {
		// hyperfine -N splits commands on spaces.
		os.RemoveAll(tmp)
		return fmt.Errorf("the temporary folder %q has a space or quote in its name; set TMPDIR", tmp)
	}
	if keep {
		fmt.Println("keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	defer os.RemoveAll(outRoot)

	root, err := moduleRoot()
	if err != nil {
		return err
	}
	bin := filepath.Join(tmp, "readykit")
	fmt.Println("building", bin)
	build := exec.Command("go", "build", "-o", bin, "./cmd/readykit")
	build.Dir, build.Stdout, build.Stderr = root, os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	rkSite, hugoSite := filepath.Join(tmp, "rk-site"), filepath.Join(tmp, "hugo-site")
	if err := benchsite.WriteDir(benchsite.Readykit(pages), rkSite); err != nil {
		return err
	}
	if err := benchsite.WriteDir(benchsite.Hugo(pages), hugoSite); err != nil {
		return err
	}
	fmt.Printf("wrote %d-page sites to %s and %s\n\n", pages, rkSite, hugoSite)

	commands := []string{
		fmt.Sprintf("%s build --source %s --dest %s", bin, rkSite, rkOut),
		fmt.Sprintf("hugo --minify -s %s -d %s", hugoSite, hugoOut),
	}
	export := filepath.Join(tmp, "hyperfine.json")
	args := []string{"-N", "--warmup", "1", "--runs", fmt.Sprint(runs),
		"--prepare", "rm -rf " + outRoot, "--export-json", export}
	hf := exec.Command("hyperfine", append(args, commands...)...)
	hf.Stdout, hf.Stderr = os.Stdout, os.Stderr
	if err := hf.Run(); err != nil {
		return fmt.Errorf("hyperfine: %w", err)
	}
	results, err := readExport(export)
	if err != nil {
		return err
	}
	if len(results) != 2 {
		return fmt.Errorf("%s has %d results, want 2", export, len(results))
	}

	// One more run of each, outside the timings, into its own folder: to
	// count the pages it wrote and, where hyperfine does not record memory
	// (before 1.18), read its peak RSS from the kernel's rusage for it.
	os.RemoveAll(outRoot)
	names := []string{"readykit", "hugo"}
	outs := []string{rkOut, hugoOut}
	rss := make([]int64, 2)
	written := make([]int, 2)
	for i, c := range commands {
		if rss[i], err = peakRSS(c); err != nil {
			return err
		}
		if len(results[i].Memory) > 0 {
			rss[i] = median(results[i].Memory)
		}
		if written[i], err = countPages(outs[i]); err != nil {
			return err
		}
	}

	fmt.Printf("\n%d pages of Markdown, output on %s, %d runs each after a warm-up, one hyperfine run over both:\n\n", pages, outRoot, runs)
	fmt.Printf("%-9s %10s %10s %10s %10s %13s %12s\n", "", "median", "min", "max", "CPU", "peak RSS", "index.html")
	for i, r := range results {
		fmt.Printf("%-9s %9.3fs %9.3fs %9.3fs %9.3fs %10.0f MB %12d\n",
			names[i], r.Median, r.Min, r.Max, r.User+r.System, float64(rss[i])/(1<<20), written[i])
	}
	fmt.Printf("\nreadykit/hugo: %.2f (median time), %.2f (CPU time, user+system), %.2f (peak RSS)\n",
		results[0].Median/results[1].Median, (results[0].User+results[0].System)/(results[1].User+results[1].System),
		float64(rss[0])/float64(rss[1]))
	fmt.Println("CPU is the mean of the timed runs; it is steadier than wall time when other work shares the machine.")
	return nil
}

type result struct {
	Command string    `json:"command"`
	Median  float64   `json:"median"`
	Min     float64   `json:"min"`
	Max     float64   `json:"max"`
	Times   []float64 `json:"times"`
	User    float64   `json:"user"`   // mean CPU seconds in user mode
	System  float64   `json:"system"` // mean CPU seconds in the kernel
	// Memory is each run's peak RSS in bytes, from hyperfine 1.18 on.
	Memory []int64 `json:"memory_usage_byte"`
}

func readExport(file string) ([]result, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var export struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return export.Results, nil
}

// peakRSS runs command (split on spaces, as hyperfine -N does) and returns
// its peak resident set size in bytes.
func peakRSS(command string) (int64, error) {
	f := strings.Fields(command)
	cmd := exec.Command(f[0], f[1:]...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %w\n%s", command, err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, errors.New("no rusage on this system")
	}
	return ru.Maxrss << 10, nil // Linux gives kilobytes
}

// countPages counts the index.html files under dir.
func countPages(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "index.html" {
			n++
		}
		return err
	})
	return n, err
}

func median(v []int64) int64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// moduleRoot is the folder of the readykit module's go.mod.
func moduleRoot() (string, error) {
	// The tools module replaces readykit with the folder it sits in, so
	// the module's folder is the repository's.
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/readykit/readykit").Output()
	if err != nil {
		return "", fmt.Errorf("go list: %w; run compare inside the tools module", err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", errors.New("run compare inside the tools module")
	}
	return dir, nil
}
