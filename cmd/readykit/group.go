package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/report"
	"github.com/readykit/readykit/generator/words"
)

// maxGroupFiles is the most progress files one group report reads: more
// than any group of care homes has, and few enough that a folder of
// something else (a downloads folder) cannot keep report reading for long.
const maxGroupFiles = 500

// progressFiles turns the --progress arguments into the files to read: a
// folder gives its *.json files (sorted by name, not those in folders
// inside it, and only ordinary files), and anything else is kept as given,
// so a file that is missing is named with the others that cannot be used.
// The same file given twice is read once.
func progressFiles(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) error {
		if seen[filepath.Clean(p)] {
			return nil
		}
		seen[filepath.Clean(p)] = true
		if len(out) == maxGroupFiles {
			return fmt.Errorf("more than %d progress files were given; a group report reads at most %d, so give fewer files or a folder with fewer in it", maxGroupFiles, maxGroupFiles)
		}
		out = append(out, p)
		return nil
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			if err := add(a); err != nil {
				return nil, err
			}
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: the folder cannot be read: %v", a, unwrapPath(err))
		}
		var names []string
		for _, e := range entries {
			if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: the folder holds no .json files; put the progress files the care homes downloaded from their sites in it", a)
		}
		slices.Sort(names)
		for _, n := range names {
			if err := add(filepath.Join(a, n)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// runGroup writes the group view of files (from progressFiles): one
// workbook, page or CSV with a row for each care home or client. In a
// portfolio without --client, each file is read against the client whose
// progress key it names, so a consultant sees every client in one table.
// A file that cannot be used (missing, damaged, too large, not a progress
// file, or from another site) is named on the error stream with why, and
// left out; the rest still report. It fails only when no file could be
// used.
func runGroup(opts *reportOptions, files []string) error {
	out := opts.Output
	if out == "" {
		out = "group-report." + opts.Format
	}
	if out != "-" {
		for _, f := range files {
			if err := checkOut(out, f); err != nil {
				return failed(err)
			}
		}
	}
	day, err := today()
	if err != nil {
		return failed(err)
	}
	clients := []string{opts.Client}
	if opts.Client == "" {
		all, err := siteClients(opts.Source)
		if err != nil {
			return failed(err)
		}
		if len(all) > 0 {
			clients = all
		}
	}
	src, done, err := openSite(opts.Source)
	if err != nil {
		return failed(err)
	}
	defer done()
	var models []*generator.Model
	for _, c := range clients {
		m, err := generator.LoadClient(src, c)
		if err != nil {
			return failed(err)
		}
		models = append(models, m)
	}
	g := &report.GroupReport{SiteTitle: models[0].Config.Title, Edition: models[0].Data.Edition(models[0].Config.Edition), Made: day}
	for _, m := range models[1:] {
		if m.Config.Edition != models[0].Config.Edition {
			g.Edition = nil // the clients' editions differ: each row says its own
		}
	}
	skip := func(path, why string) {
		fmt.Fprintf(opts.Err, "readykit: %s: left out: %s\n", path, oneLine(why))
		g.Skipped = append(g.Skipped, report.Skipped{File: filepath.Base(path), Why: why})
	}
	for _, path := range files {
		doc, model, err := readGroupFile(path, models)
		if err != nil {
			skip(path, why(path, err))
			continue
		}
		if len(models) > 1 && doc.Site != model.Config.ProgressKey {
			skip(path, fmt.Sprintf("the file was made on a site (%q) that is none of this portfolio's clients; give --client NAME to report on it against that client's site", doc.Site))
			continue
		}
		// A file from another site is left out unless --any-site; one that
		// names no site (an older readykit's) is used, with a warning.
		if err := checkSite(opts.Err, path, doc, model, opts.AnySite); err != nil {
			skip(path, why(path, err))
			continue
		}
		edition := model.Data.Edition(doc.Edition)
		items := model.Data.View(edition).Items
		g.Rows = append(g.Rows, report.NewGroupRow(filepath.Base(path), doc, items, edition.Deadline.Time, day))
	}
	if len(g.Rows) == 0 {
		return failed(fmt.Errorf("none of the %s could be used, so no report was written", words.Count(len(files), "file", "files")))
	}
	var data []byte
	switch opts.Format {
	case "xlsx":
		data, err = g.XLSX()
	case "csv":
		data = g.CSV()
	default:
		data, err = g.HTML()
	}
	if err != nil {
		return failed(err)
	}
	if out == "-" {
		if _, err := opts.Out.Write(data); err != nil {
			return failed(err)
		}
		return nil
	}
	if err := writeAtomically(out, data); err != nil {
		return failed(fmt.Errorf("cannot write %s: %v", out, unwrapPath(err)))
	}
	left := ""
	if n := len(g.Skipped); n > 0 {
		left = fmt.Sprintf("; %s left out (named above)", words.Count(n, "file", "files"))
	}
	fmt.Fprintf(opts.Out, "Wrote %s: %s%s.\n", out, words.Count(len(g.Rows), "care home", "care homes"), left)
	return nil
}

// readGroupFile reads the progress file at path against the first of
// models (a site, or a portfolio's clients) whose progress key it names,
// moved forward to that site's edition; with none, against the first, so
// that a problem is said as readykit report would say it.
func readGroupFile(path string, models []*generator.Model) (*progress.Document, *generator.Model, error) {
	doc, err := readProgress(path, models[0])
	if err == nil && doc.Site == models[0].Config.ProgressKey {
		return doc, models[0], nil
	}
	for _, m := range models[1:] {
		if d, e := readProgress(path, m); e == nil && d.Site == m.Config.ProgressKey {
			return d, m, nil
		}
	}
	return doc, models[0], err
}

// why is what is wrong with the file at path, without its name, which the
// caller gives beside it.
func why(path string, err error) string {
	var fe *diag.FileError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), path), ": ")
}
