package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/progress"
	"github.com/readykit/readykit/generator/report"
	"github.com/readykit/readykit/generator/toolkit"
	"github.com/readykit/readykit/generator/words"
)

type reportOptions struct {
	streams
	// Progress is the one progress file a report is of.
	Progress string
	// Progresses are the --progress values: one file, or several files or
	// folders of them for the group view.
	Progresses []string
	Source     string
	Rules      string
	Format     string
	Table      string
	Output     string // --out: a file name, or - for the terminal
	// AnySite reports on a progress file from another site.
	AnySite bool
	// Client is, in a portfolio, the client whose site the file is from.
	Client string
}

func newReportCmd(s streams, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "report --progress FILE",
		Short: "Write a gap analysis, action or improvement plan and evidence register from a progress file",
		Long: `Report reads a progress file downloaded from a readykit site (the "Download
a backup" button on the Your progress page) and writes the gap analysis,
plan and evidence register the site shows: a printable HTML page, a CSV
file of the plan, the gaps or the register, or an Excel workbook with all
three. Every item whose number, level or wording is not confirmed is
marked "Check in the toolkit" beside its reference.

The evidence register lists every item of the edition: its status, where
its evidence is kept, who holds it, when it was done or last reviewed,
when it is next due for review, and why it is not applicable. Every
not-applicable reason is in the HTML report, the register CSV and the
workbook; an item marked not applicable with no reason says "No reason
recorded".

For a care provider (organisationType in readykit.yaml) the plan is the
Approaching Standards action plan, which no rule set judges. For an NHS
body or local authority it is the improvement plan, checked against the
site's rule set for that kind of organisation (or the one --rules names).
The progress file is read as the site's Your progress page reads it: UTF-8
(with or without a byte order mark) or UTF-16 with one, at most 1 MB. A
value that does not check out is left out and listed; the rest is used.
What the file keeps aside (entries for items the edition does not list,
values that did not fit) is listed too, in the HTML report and on the
error stream: the care provider can put it back on the site's Your
progress page.

Every output names who it is for: the client (the site's client setting,
or else the organisation in the progress file), the organisation and its
ODS code, the edition and the date the progress was exported ("not known"
for a file that does not say). The HTML report has them at the top of
each page; the workbook on its Summary sheet and in each sheet's printed
header and footer. A CSV file stays a plain table that other programs
import (a header row, then one row per item), so its name carries the
client's instead: with no --out, Oak House Care's plan is written to
oak-house-care-<progress file>-plan.csv.

The workbook's first sheet is a summary for a steering meeting:
readiness for Approaching Standards and for Standards Met, each
standard's items done, the actions past their target date and the days
left to the deadline. Then come the plan, the gap analysis and the
evidence register. Each sheet prints on A4 landscape, one page wide, with
its header row on every page.

In a portfolio (a site folder with a clients/ folder), --client NAME says
which client's site the progress file is from: the report uses that
client's settings (its name, progress key and edition).

A progress file belongs to the site it was downloaded from (the site's
progressKey). A file from another site is refused, naming both, so one
client's progress is never reported under another's name; --any-site
reports on it anyway. A file that names no site (saved by an older
readykit) is reported on, with a warning.

A file from an earlier edition is moved forward to the site's edition as
the site's Your progress page moves it: each item's progress follows it
to its new number, and progress for items the edition no longer has is
kept aside and listed.

Several progress files (--progress repeated, or a folder of them) make
the group view, for head office or a consultant: one workbook, printable
page or CSV with a row per care home or client (readiness at both levels,
items overdue, the next deadline, when the file was exported). A file
that cannot be used (damaged, too large, from another site) is named with
why and left out; the rest still report. In a portfolio each file is read
against the client whose progress key it names.

The output is written in one step to a new file or over a regular one,
never through a symbolic link or to a device or folder: if anything goes
wrong, no part-written file is left behind.`,
		Example: `  readykit report --progress oak-house.json
  readykit report --progress oak-house.json --format xlsx --out oak-house.xlsx
  readykit report --progress oak-house.json --format csv --table gaps --out -
  readykit report --progress oak-house.json --format csv --table register
  readykit report --progress oak-house.json --rules 2020-21 --source oak-house
  readykit report --progress oak-house.json --source my-portfolio --client oak-house
  readykit report --progress homes/ --format xlsx --out group.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case len(opts.Progresses) == 0:
				return fmt.Errorf("--progress FILE is needed: the progress file to report on (or several, or a folder of them, for the group view)")
			case opts.Format != "html" && opts.Format != "csv" && opts.Format != "xlsx":
				return fmt.Errorf("--format %q is not one of html, csv or xlsx", opts.Format)
			case opts.Table != "plan" && opts.Table != "gaps" && opts.Table != "register":
				return fmt.Errorf("--table %q is not plan, gaps or register", opts.Table)
			case opts.Output == "-" && opts.Format == "xlsx":
				return fmt.Errorf("an xlsx workbook cannot be written to the terminal; give --out a file name")
			}
			// One file is its care home's report; several, or a folder of
			// them, make the group view: a row per home or client.
			group := len(opts.Progresses) > 1
			if fi, err := os.Stat(opts.Progresses[0]); err == nil && fi.IsDir() {
				group = true
			}
			if !group {
				opts.Progress = opts.Progresses[0]
			}
			if runF != nil {
				return runF(opts)
			}
			if group {
				files, err := progressFiles(opts.Progresses)
				if err != nil {
					return failed(err)
				}
				return runGroup(opts, files)
			}
			return runReport(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Progresses, "progress", "p", nil, "the progress file downloaded from the site; repeat it, or give a folder, for the group view of several")
	f.StringVarP(&opts.Source, "source", "s", ".", "the site folder, holding readykit.yaml")
	f.StringVar(&opts.Rules, "rules", "", "the rule set to check the plan against, such as 2024-25 (default: the site's, and none for a care provider)")
	f.StringVarP(&opts.Format, "format", "f", "html", "html, csv or xlsx")
	f.StringVar(&opts.Table, "table", "plan", "with --format csv: the plan, the gaps or the evidence register")
	f.StringVarP(&opts.Output, "out", "o", "", "where to write (default: named after the progress file, and for CSV the client too, in this folder; - for the terminal)")
	f.BoolVar(&opts.AnySite, "any-site", false, "report on a progress file downloaded from another site")
	f.StringVar(&opts.Client, "client", "", "in a portfolio, the client whose site the progress file is from (the name of its folder under clients/)")
	_ = cmd.MarkFlagFilename("progress", "json")
	_ = cmd.MarkFlagDirname("source")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"html", "csv", "xlsx"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("table", cobra.FixedCompletions([]string{"plan", "gaps", "register"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runReport(opts *reportOptions) error {
	out := opts.Output
	// Before the work, so a wrong --out is said at once.
	if out != "" && out != "-" {
		if err := checkOut(out, opts.Progress); err != nil {
			return failed(err)
		}
	}
	if opts.Client == "" {
		// A portfolio's shared settings are no client's: the progress key,
		// the client's name and the edition are each client's own.
		clients, err := siteClients(opts.Source)
		if err != nil {
			return failed(err)
		}
		if len(clients) > 0 {
			return fmt.Errorf("%s is a portfolio of %s; say whose progress this is with --client NAME, one of: %s", opts.Source, words.Count(len(clients), "client", "clients"), strings.Join(clients, ", "))
		}
	}
	src, done, err := openSite(opts.Source)
	if err != nil {
		return failed(err)
	}
	defer done()
	model, err := generator.LoadClient(src, opts.Client)
	if err != nil {
		return failed(err)
	}
	// A care provider's action plan is judged by no rule set unless
	// --rules asks for one.
	rules := plan.For(model.Rules, model.DefaultRules, model.Config.OrganisationType)
	if opts.Rules != "" {
		if rules = model.RuleSet(opts.Rules); rules == nil {
			return fmt.Errorf("--rules %q is not a rule set of this site; use one of: %s", opts.Rules, strings.Join(model.RuleIDs(), ", "))
		}
	}
	doc, carry, err := readCarried(opts.Progress, model)
	if err != nil {
		return failed(err)
	}
	if err := checkSite(opts.Err, opts.Progress, doc, model, opts.AnySite); err != nil {
		return failed(err)
	}
	edition := model.Data.Edition(doc.Edition)
	items := model.Data.View(edition).Items
	rep := report.New(model.Config.Title, edition, items, rules, doc, time.Now())
	rep.Client, rep.Version, rep.Carry = model.Config.Client, versionString(), carry
	id := rep.Identity()
	if out == "" {
		out = defaultOut(opts.Progress, id.Client, opts.Format, opts.Table)
		if err := checkOut(out, opts.Progress); err != nil {
			return failed(err)
		}
	}

	var data []byte
	switch opts.Format {
	case "html":
		data, err = rep.HTML()
	case "xlsx":
		data, err = rep.XLSX()
	case "csv":
		switch opts.Table {
		case "gaps":
			data = report.CSV(plan.GapColumns, rep.Result.GapRows())
		case "register":
			data = report.CSV(plan.RegisterColumns, rep.RegisterRows())
		default:
			data = report.CSV(plan.PlanColumns, rep.Result.PlanRows())
		}
	}
	if err != nil {
		return failed(err)
	}
	if out == "-" {
		if _, err := opts.Out.Write(data); err != nil {
			return failed(err)
		}
		leftOut(opts.Err, opts.Progress, rep)
		return nil
	}
	if err := writeAtomically(out, data); err != nil {
		return failed(fmt.Errorf("cannot write %s: %v", out, unwrapPath(err)))
	}
	if opts.Format == "csv" && opts.Table == "register" {
		done := 0
		for _, e := range doc.Items {
			if e.Status == toolkit.StatusMet {
				done++
			}
		}
		fmt.Fprintf(opts.Out, "Wrote %s: the evidence register of %s, %d done and %d not applicable.\n", out, words.Count(len(items), "item", "items"), done, len(rep.NotApplicable()))
		fmt.Fprintf(opts.Out, "For %s.\n", oneLine(id.Line()))
		leftOut(opts.Err, opts.Progress, rep)
		return nil
	}
	verdict := "the plan would be agreed"
	if rules == nil {
		todo := 0
		for _, g := range rep.Result.Gaps {
			if len(plan.Missing(g.Entry)) > 0 {
				todo++
			}
		}
		verdict = "the action plan has " + words.Count(todo, "row", "rows") + " still to fill in"
	} else if !rep.Result.Agreed {
		verdict = "the plan has " + words.Count(len(rep.Result.Findings), "problem", "problems")
	}
	fmt.Fprintf(opts.Out, "Wrote %s: %s; %s.\n", out, words.Count(len(rep.Result.Gaps), "gap", "gaps"), verdict)
	fmt.Fprintf(opts.Out, "For %s.\n", oneLine(id.Line()))
	leftOut(opts.Err, opts.Progress, rep)
	return nil
}

// readProgress reads and checks the progress file, moved forward to the
// site's edition when it was saved in an earlier one.
func readProgress(path string, model *generator.Model) (*progress.Document, error) {
	doc, _, err := readCarried(path, model)
	return doc, err
}

// readCarried reads and checks the progress file, and moves one saved in
// an earlier edition forward to the site's, as the site's import does;
// carry says what moved.
func readCarried(path string, model *generator.Model) (*progress.Document, *progress.Carry, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: there is no such file", path)
		}
		return nil, nil, fmt.Errorf("%s: cannot be opened: %v", path, unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		return nil, nil, fmt.Errorf("%s is a folder; give the progress file", path)
	}
	data, err := readAtMost(f, progress.MaxBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot be read: %v", path, unwrapPath(err))
	}
	if len(data) > progress.MaxBytes {
		size := int64(-1) // a pipe or a device has no size to tell
		if fi != nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return nil, nil, progress.TooLargeError(path, size)
	}
	return progress.ReadForward(path, data, model.EditionItems(), model.Config.Edition, progress.Steps(model.Data.History()))
}

// readAtMost reads up to max bytes and one more, which is enough to know
// that r holds too much: nothing (a pipe, /dev/zero, a file still growing)
// can keep report reading, or fill its memory.
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, max+1))
}

// leftOut tells, on the error stream, what of the progress file the report
// could not use, so a CSV or a workbook (which have no room for it) is not
// taken for the whole story: first what is lost (it could not be read, or
// not kept aside), then what the file keeps aside. The HTML report lists
// the same.
func leftOut(w io.Writer, path string, rep *report.Report) {
	if rep.Carry != nil {
		fmt.Fprintf(w, "%s: %s\n", path, strings.Replace(rep.Carry.Summary(rep.Edition.ID), "(listed at the end of the report)", "(listed below)", 1))
	}
	if ps := rep.Unread(); len(ps) > 0 {
		n := len(ps)
		fmt.Fprintf(w, "%s: %d %s could not be used, so the report leaves %s out:\n", path, n, words.Plural(n, "value", "values"), words.Plural(n, "it", "them"))
		for _, p := range ps {
			fmt.Fprintf(w, "  %s\n", oneLine(p.Message))
		}
	}
	if rows := rep.Aside(); len(rows) > 0 {
		n := len(rows)
		fmt.Fprintf(w, "%s: the file keeps %d %s aside, which the report leaves out; on the site's Your progress page the care provider can put %s back when it fits, or remove it:\n",
			path, n, words.Plural(n, "thing", "things"), words.Plural(n, "it", "each one"))
		for _, a := range rows {
			fmt.Fprintf(w, "  %s. %s\n", oneLine(a.What), oneLine(a.Why))
		}
	}
}

// oneLine makes text from the progress file safe to print on a terminal,
// one line to a message: control characters (a line break, an escape that
// would recolour or clear the screen) become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkOut refuses an output path that is not a regular file or a new
// name. The report is renamed into place, which would replace a device or
// a link with a regular file, and a link may lead anywhere; and a report
// written over the progress file would lose the client's progress.
func checkOut(out, progressFile string) error {
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write %s: %v", out, unwrapPath(err))
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link; readykit writes a report only to a regular file or a new name, never by way of a link. Give --out the name of a new or ordinary file, or - to write to the terminal", out)
	case fi.IsDir():
		return fmt.Errorf("%s is a folder; give --out a file name, such as %s", out, filepath.Join(out, defaultOut(progressFile, "", "html", "")))
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (it is a device, a pipe or a socket), so readykit will not write there; give --out a file name, or --out - to write to the terminal", out)
	}
	if pi, err := os.Stat(progressFile); err == nil && os.SameFile(fi, pi) {
		return fmt.Errorf("%s is the progress file itself; give --out another name, so the progress is not lost", out)
	}
	return nil
}

// defaultOut names the output after the progress file, in this folder:
// oak-house.json gives oak-house-report.html, oak-house-plan.csv. A CSV
// file has no room for whose it is, so its name carries the client's
// (unless the progress file's name has it already): backup.json for Oak
// House Care gives oak-house-care-backup-plan.csv.
func defaultOut(progressFile, client, format, table string) string {
	base := strings.TrimSuffix(filepath.Base(progressFile), filepath.Ext(progressFile))
	switch format {
	case "csv":
		if c := fileSlug(client); c != "" && !strings.Contains(strings.ToLower(base), c) {
			base = c + "-" + base
		}
		return base + "-" + table + ".csv"
	}
	return base + "-report." + format
}

// fileSlug turns a name into lower-case letters, digits and hyphens, at
// most 40 of them, safe in a file name on any system.
func fileSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String()[:min(b.Len(), 40)], "-")
}

// checkSite refuses a progress file downloaded from another site (its
// site key is not this site's progressKey), unless anySite: reporting one
// client's progress under another's name is the mistake to prevent. A
// file naming no site, saved before files carried one, is used with a
// warning, as the site's own import takes it.
func checkSite(w io.Writer, path string, doc *progress.Document, model *generator.Model, anySite bool) error {
	key := model.Config.ProgressKey
	if doc.Site == key {
		return nil
	}
	if doc.Site == "" {
		fmt.Fprintf(w, "%s: the file does not say which site it was downloaded from (older readykit versions did not record it); check it is %s's progress before you use the report.\n", path, model.Config.Title)
		return nil
	}
	whose := ""
	if n := doc.Organisation.Name; n != "" {
		whose = ", for " + oneLine(n)
	}
	if anySite {
		fmt.Fprintf(w, "%s: the file is from another site (%q%s), not %s (%q); reporting on it because of --any-site.\n", path, doc.Site, whose, model.Config.Title, key)
		return nil
	}
	return fmt.Errorf("%s: this progress file was downloaded from another site (progress key %q%s), not from this one, %s (progress key %q). Check you have the right file and the right site folder (--source, and --client in a portfolio); to report on it anyway, add --any-site", path, doc.Site, whose, model.Config.Title, key)
}

// writeAtomically writes data to a new file beside path and renames it
// into place, so path is either the whole new file or left as it was.
func writeAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
