package main

import (
	"fmt"
	"strings"
)

// text is the report as make bench prints it: a few tables, each median
// with its range.
func (r *report) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## make bench, %s, commit %s, %s, %s; took %.0f s\n\n", r.Date, r.Commit, r.Machine, r.Hugo, r.Seconds)

	if len(r.Builds) > 0 {
		fmt.Fprintf(&b, "Builds of the same pages (~1.9 KB of Markdown each), output on /dev/shm, runs turn about; median (min–max) of %d runs:\n\n", r.Builds[0].Wall.N)
		t := table{header: []string{"pages", "tool", "wall", "CPU", "peak RSS"}}
		for _, br := range r.Builds {
			t.add(fmt.Sprintf("%d", br.Pages), br.Tool, seconds(br.Wall), seconds(br.CPU), megabytes(br.RSS))
		}
		b.WriteString(t.String())
		b.WriteString("\nRatios of medians (below 1: readykit is faster or smaller; CPU is steadier than wall on a shared machine):\n\n")
		t = table{header: []string{"pages", "readykit / hugo wall", "CPU", "peak RSS", "readykit / floor wall", "peak RSS"}}
		for _, q := range r.Ratios {
			t.add(q.Site, ratio(q.HugoWall, 1), ratio(q.HugoCPU, 1), ratio(q.HugoRSS, 1), ratio(q.FloorWall, 1), ratio(q.FloorRSS, 1))
		}
		b.WriteString(t.String())
	}

	if len(r.Dev) > 0 {
		b.WriteString("\nDev servers: save (a line appended to one page) to the reload message, after a 100–300 ms pause each; start to the first 200 for /:\n\n")
		t := table{header: []string{"site", "server", "save → reload: median, p95, max", "edits (lost)", "first page: median (min–max)"}}
		for _, d := range r.Dev {
			t.add(d.Site, d.Server, millis(d.Reload), fmt.Sprintf("%d (%d)", d.Reload.N+d.Lost, d.Lost), millisRange(d.FirstPage)+fmt.Sprintf(" of %d", d.FirstPage.N))
		}
		b.WriteString(t.String())
	}

	if len(r.GoBench) > 0 {
		fmt.Fprintf(&b, "\nGo benchmarks (tools/benchsite, minified, into memory), median (min–max) of %d runs:\n\n", r.GoBench[0].Seconds.N)
		t := table{header: []string{"benchmark", "per build", "allocated per build"}}
		per := map[string]float64{}
		for _, g := range r.GoBench {
			t.add(g.Name, seconds(g.Seconds), megabytes(g.Allocated))
			per[g.Name] = g.Seconds.Median
		}
		b.WriteString(t.String())
		if per["Portfolio12"] > 0 && per["Separate12"] > 0 {
			fmt.Fprintf(&b, "\nA 12-client portfolio in one build / the same 12 clients as 12 builds: %s\n", ratio(per["Portfolio12"], per["Separate12"]))
		}
	}

	if r.Browser != nil {
		b.WriteString("\nBrowser (tools/browserbench/run.mjs on the default site):\n\n")
		if r.Browser.Skipped != "" {
			b.WriteString("skipped: " + r.Browser.Skipped + "\n")
		} else {
			b.WriteString(r.Browser.Text + "\n")
		}
	}
	return b.String()
}

// ratioRow is readykit's build of one size against Hugo's and the
// floor's: ratios of the medians.
type ratioRow struct {
	Site      string  `json:"site"`
	HugoWall  float64 `json:"hugoWall"`
	HugoCPU   float64 `json:"hugoCPU"`
	HugoRSS   float64 `json:"hugoRSS"`
	FloorWall float64 `json:"floorWall"`
	FloorRSS  float64 `json:"floorRSS"`
}

// ratios compares readykit's builds (the bench site's, and with offline
// and portable on where measured) with Hugo's and the floor's of the same
// size, in order of size.
func ratios(builds []*buildResult) []ratioRow {
	byKey := map[string]*buildResult{}
	var sizes []int
	for _, br := range builds {
		if br.Tool == toolReadykit {
			sizes = append(sizes, br.Pages)
		}
		byKey[fmt.Sprint(br.Pages, br.Tool)] = br
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	var rows []ratioRow
	for _, n := range sizes {
		hugo, floor := byKey[fmt.Sprint(n, toolHugo)], byKey[fmt.Sprint(n, toolFloor)]
		if hugo == nil || floor == nil {
			continue
		}
		for _, tool := range []string{toolReadykit, toolFull} {
			rk := byKey[fmt.Sprint(n, tool)]
			if rk == nil {
				continue
			}
			site := fmt.Sprint(n)
			if tool == toolFull {
				site += ", offline+portable on"
			}
			rows = append(rows, ratioRow{
				Site:      site,
				HugoWall:  div(rk.Wall.Median, hugo.Wall.Median),
				HugoCPU:   div(rk.CPU.Median, hugo.CPU.Median),
				HugoRSS:   div(rk.RSS.Median, hugo.RSS.Median),
				FloorWall: div(rk.Wall.Median, floor.Wall.Median),
				FloorRSS:  div(rk.RSS.Median, floor.RSS.Median),
			})
		}
	}
	return rows
}
