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
// workbook, page or CSV with a row for each care home or client. A file
// that cannot be used (missing, damaged, too large, not a progress file,
// or from another site) is named on the error stream with why, and left
// out; the rest still report. It fails only when no file could be used.
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
	src, done, err := openSite(opts.Source)
	if err != nil {
		return failed(err)
	}
	defer done()
	model, err := generator.Load(src)
	if err != nil {
		return failed(err)
	}
	// TODO(lead): once reportOptions has AnySite (helper D), use
	// opts.AnySite here, so --any-site lets in files from other sites.
	anySite := false
	key := model.Config.ProgressKey
	g := &report.GroupReport{SiteTitle: model.Config.Title, Edition: model.Data.Edition(model.Config.Edition), Made: day}
	skip := func(path, why string) {
		fmt.Fprintf(opts.Err, "readykit: %s: left out: %s\n", path, oneLine(why))
		g.Skipped = append(g.Skipped, report.Skipped{File: filepath.Base(path), Why: why})
	}
	for _, path := range files {
		doc, err := readProgress(path, model)
		if err != nil {
			skip(path, why(path, err))
			continue
		}
		// A file that names no site was saved by an older readykit: it is
		// shown, as readykit report and the Your progress page take it.
		if doc.Site != "" && doc.Site != key && !anySite {
			skip(path, fmt.Sprintf("the file was made on another site (%q), not this one (%q); give --any-site to include it all the same", doc.Site, key))
			continue
		}
		if doc.Site == "" {
			fmt.Fprintf(opts.Err, "readykit: %s: warning: the file does not say which site it was made on (an older readykit saved it); check it is from this one\n", path)
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

// why is what is wrong with the file at path, without its name, which the
// caller gives beside it.
func why(path string, err error) string {
	var fe *diag.FileError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), path), ": ")
}
