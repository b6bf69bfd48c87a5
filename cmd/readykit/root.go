package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/words"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the site has problems, or the work could not be done
	exitUsage   = 2 // the command line is wrong
)

// streams are where a command reads and writes, so tests can capture them.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// failure is an error from a command's work (not its command line), with
// the exit code it ends the program with.
type failure struct {
	code int
	err  error
}

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// usageError is a mistake in the command line of the command cmd (such as
// "readykit build"), which run follows with a pointer to its help.
type usageError struct {
	cmd string
	err error
}

func (u *usageError) Error() string { return u.err.Error() }
func (u *usageError) Unwrap() error { return u.err }

// failed marks err as a failure of the work, exiting with code 1.
func failed(err error) error {
	if err == nil {
		return nil
	}
	return &failure{code: exitContent, err: err}
}

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "readykit",
		Short: "Build a DSPT readiness site from Markdown and data",
		Long: `readykit builds a website that helps adult social care providers prepare
for the NHS Data Security and Protection Toolkit (DSPT): a checklist of the
mandatory evidence items, plain-English guidance for each, and a programme
to finish before the 30 June deadline.

A site is a folder with readykit.yaml, Markdown pages under content/ and
toolkit data under content/data/. Start one with "readykit new".`,
		Example: `  readykit new oak-house     # start a site in the folder oak-house
  cd oak-house
  readykit serve             # preview it at http://127.0.0.1:1313/
  readykit build             # write the finished site to public/`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version prints what "readykit version" prints, as in other
		// Go programs.
		Version: versionString(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{c.CommandPath(), err}
	})
	root.AddCommand(
		newBuildCmd(s, nil),
		newCheckCmd(s, nil),
		newServeCmd(s, nil),
		newNewCmd(s, nil),
		newReportCmd(s, nil),
		newThemeCmd(s, nil),
		newVersionCmd(s),
	)
	return root
}

// run runs the command line args and returns the exit code. Errors from a
// command's work are failures (exit 1); anything else cobra returns is a
// problem with the command line (exit 2).
func run(args []string, s streams) int {
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var f *failure
	if errors.As(err, &f) {
		printErrors(s.Err, f.err)
		return f.code
	}
	fmt.Fprintf(s.Err, "readykit: %v\n", err)
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintf(s.Err, "Run '%s --help' for usage.\n", u.cmd)
	}
	return exitUsage
}

// printErrors prints an error. The problems a build stage found go one per
// line as file:line:col: message, then a line saying which stage stopped;
// anything else, such as a progress file that cannot be used, is one
// message.
func printErrors(w io.Writer, err error) {
	var se *generator.StageError
	fes := diag.FileErrors(err)
	if !errors.As(err, &se) || len(fes) == 0 {
		fmt.Fprintf(w, "readykit: %v\n", err)
		return
	}
	diag.Print(w, fes, "", "")
	fmt.Fprintf(w, "readykit: %s found %s\n", se.Stage, words.Count(len(fes), "problem", "problems"))
}

// todayEnv names the environment variable that sets the date readykit
// judges deadlines by, as YYYY-MM-DD, instead of the system's. Tests use it
// so their output does not depend on the day they run; a consultant can
// use it to see what a site will warn about on a later day. Only the
// command line reads it: the generator is given the date.
const todayEnv = "READYKIT_TODAY"

// today is the date for generator.Options.Today.
func today() (time.Time, error) {
	v := os.Getenv(todayEnv)
	if v == "" {
		return time.Now(), nil
	}
	d, err := content.ParseDate(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s=%q is not a date in the form YYYY-MM-DD; set it to a date such as 2027-07-01, or unset it to use today's", todayEnv, v)
	}
	return d.Time, nil
}

// printWarnings prints problems that did not stop the build, one per line
// like errors but marked "warning:", so they are not mistaken for a
// failure and editors still jump to file:line:col.
func printWarnings(w io.Writer, ws []*diag.FileError) {
	diag.Print(w, ws, "", "warning: ")
}

// usageArgs wraps a cobra.PositionalArgs so its error reads as a usage
// error with a pointer to --help.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return &usageError{c.CommandPath(), err}
		}
		return nil
	}
}
