package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goBench is one of the Go benchmarks in tools/benchsite, run in its own
// process runs times: seconds and bytes allocated per build.
type goBench struct {
	Name      string  `json:"name"`
	Seconds   summary `json:"secondsPerOp"`
	Allocated summary `json:"bytesPerOp"`
	benchtime string
}

// benchGo runs the build benchmarks of tools/benchsite turn about, each a
// fixed number of builds per run, so that a run takes a few seconds.
// BenchmarkBuild1000 is left out: the builds of 1,000 pages measure the
// same, as a whole process.
func benchGo(env *env, runs int) ([]*goBench, error) {
	bin := filepath.Join(env.tmp, "benchsite.test")
	build := exec.Command("go", "test", "-c", "-o", bin, "./benchsite")
	build.Dir = env.tools
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go test -c: %w\n%s", err, out)
	}
	benches := []*goBench{
		{Name: "BuildDefault", benchtime: "10x"},
		{Name: "Portfolio12", benchtime: "1x"},
		{Name: "Separate12", benchtime: "1x"},
	}
	secs := map[string][]float64{}
	bytes := map[string][]float64{}
	env.logf("Go benchmarks: %d runs of each of %d, turn about", runs, len(benches))
	for range runs {
		for _, b := range benches {
			cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", "^Benchmark"+b.Name+"$", "-test.benchtime", b.benchtime, "-test.benchmem")
			cmd.Dir = filepath.Join(env.tools, "benchsite")
			out, err := cmd.CombinedOutput()
			if err != nil {
				return nil, fmt.Errorf("%s: %w\n%s", b.Name, err, out)
			}
			m := benchMetrics(string(out))
			ns, ok := m["ns/op"]
			if !ok {
				return nil, fmt.Errorf("%s gave no timing:\n%s", b.Name, out)
			}
			secs[b.Name] = append(secs[b.Name], ns/1e9)
			bytes[b.Name] = append(bytes[b.Name], m["B/op"])
		}
	}
	for _, b := range benches {
		b.Seconds, b.Allocated = summarise(secs[b.Name]), summarise(bytes[b.Name])
	}
	return benches, nil
}

// benchMetrics reads the metrics of the one benchmark line in go test's
// output, by unit: "ns/op", "B/op" and so on.
func benchMetrics(out string) map[string]float64 {
	m := map[string]float64{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
	}
	return m
}
