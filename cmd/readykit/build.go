package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
)

type buildOptions struct {
	streams
	Source    string
	Dest      string
	BaseURL   string
	NoMinify  bool
	Drafts    bool
	Overwrite bool
	Client    string
	Quiet     bool
	Portable  string
}

// newBuildCmd makes the build command. runF, when not nil, is called with
// the parsed options instead of building: TestFlags checks each verb's
// flags so.
func newBuildCmd(s streams, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into a folder",
		Long: `Build the site in the source folder and write it to the destination folder,
ready to publish. The new site replaces the old one only when the whole
build succeeds: if anything is wrong, every problem is listed with its
file:line:col and the destination is left as it was.

The destination is readykit's alone: a build replaces everything in it.
So readykit refuses a destination that is the site folder, holds it, or
mixes with content/, static/ or themes/, and a folder with files that no
build wrote, unless you pass --overwrite.

In a portfolio (a site folder with a clients/ folder), build builds every
client into public/<client>/, each a complete site, and replaces public/
only when every client builds; --client NAME builds one, into
public/NAME/ unless --dest says otherwise. On a terminal it shows how
many clients are built so far.

A build also warns, without failing, when the edition's deadline has
passed or the programme's dates do not match it. It judges by today's
date, or by READYKIT_TODAY=YYYY-MM-DD when that is set.

Every build makes the portable copy, a .zip of the site that works opened
from disk, offered from every page (options: portable: false in
readykit.yaml turns it off). --portable DIR also writes that copy as a
folder, to copy onto USB sticks; like the destination, it must be a new
folder or one an earlier build wrote.`,
		Example: `  readykit build
  readykit build --source oak-house --dest /tmp/oak-house
  readykit build --base-url "$URL"      # on Netlify
  readykit build --client oak-house     # one client of a portfolio
  readykit build --portable /media/usb/dspt-guide`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return failed(runBuild(c.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "the site folder, holding readykit.yaml")
	f.StringVarP(&opts.Dest, "dest", "d", "", "where to write the site (default: public/ in the site folder)")
	f.StringVar(&opts.BaseURL, "base-url", "", "the address the site is published at, replacing baseURL in readykit.yaml")
	f.BoolVar(&opts.NoMinify, "no-minify", false, "write HTML, CSS and JavaScript as they are, to read or compare")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	f.BoolVar(&opts.Overwrite, "overwrite", false, "replace a destination folder that holds files readykit did not write")
	f.StringVar(&opts.Client, "client", "", "in a portfolio, build only this client (the name of its folder under clients/)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not show how many clients are built so far")
	f.StringVar(&opts.Portable, "portable", "", "also write the portable copy, which works opened from disk, to this folder")
	_ = cmd.MarkFlagDirname("source")
	_ = cmd.MarkFlagDirname("dest")
	_ = cmd.MarkFlagDirname("portable")
	return cmd
}

func runBuild(ctx context.Context, opts *buildOptions) error {
	if opts.Client == "" {
		clients, err := siteClients(opts.Source)
		if err != nil {
			return err
		}
		if len(clients) > 0 {
			if opts.Portable != "" {
				return errors.New("--portable writes one site's copy; add --client NAME to write that client's (every client's .zip is in its own download/ folder)")
			}
			return runBuildPortfolio(ctx, opts, clients)
		}
	}
	sink := destDir(opts.Source, opts.Dest, opts.Overwrite, opts.Client)
	if err := sink.Check(); err != nil {
		return err
	}
	var copySink *publish.Dir
	if opts.Portable != "" {
		d := destDir(opts.Source, opts.Portable, opts.Overwrite, opts.Client)
		d.Flag = "--portable folder"
		if err := d.Check(); err != nil {
			return err
		}
		if err := apart(sink.Path, d.Path); err != nil {
			return err
		}
		copySink = &d
	}
	bo, done, err := siteOptions(opts.Source)
	if err != nil {
		return err
	}
	defer done()
	bo.BaseURL, bo.Drafts, bo.Minify, bo.Client = opts.BaseURL, opts.Drafts, !opts.NoMinify, opts.Client
	if copySink != nil {
		bo.Portable = copySink
	}
	start := time.Now()
	res, err := generator.Build(ctx, bo, sink)
	if err != nil {
		return err
	}
	printWarnings(opts.Err, res.Warnings)
	fmt.Fprintf(opts.Out, "Built %s (%s, %s) in %s into %s\n",
		words.Count(res.Pages, "page", "pages"), words.Count(res.Files, "file", "files"), words.Size(res.Bytes), time.Since(start).Round(time.Millisecond), sink.Path)
	if copySink != nil {
		fmt.Fprintf(opts.Out, "Wrote the portable copy into %s: open index.html in it\n", copySink.Path)
	}
	return nil
}

// apart refuses a --portable folder that is the destination, or inside it
// or around it, since each build replaces its folder whole.
func apart(dest, copy string) error {
	d, err1 := filepath.Abs(dest)
	c, err2 := filepath.Abs(copy)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	rel1, _ := filepath.Rel(d, c)
	rel2, _ := filepath.Rel(c, d)
	if d == c || !strings.HasPrefix(rel1, "..") || !strings.HasPrefix(rel2, "..") {
		return fmt.Errorf("the --portable folder %s and the destination %s would overlap, and each build replaces its folder whole. Choose a folder of its own for the copy", copy, dest)
	}
	return nil
}

// runBuildPortfolio builds every client of the portfolio at opts.Source
// into its own folder of the destination, all or nothing.
func runBuildPortfolio(ctx context.Context, opts *buildOptions, clients []string) error {
	sink := destDir(opts.Source, opts.Dest, opts.Overwrite, "", clients...)
	if err := sink.Check(); err != nil {
		return err
	}
	bo, done, err := siteOptions(opts.Source)
	if err != nil {
		return err
	}
	defer done()
	bo.BaseURL, bo.Drafts, bo.Minify = opts.BaseURL, opts.Drafts, !opts.NoMinify
	start := time.Now()
	p := newProgress(opts.Err, opts.Quiet)
	res, err := generator.BuildPortfolio(ctx, bo, sink, p.step)
	p.end()
	if err != nil {
		return portfolioProblems(err)
	}
	printWarnings(opts.Err, clientWarnings(res))
	var pages, files int
	var size int64
	for _, r := range res {
		pages, files, size = pages+r.Pages, files+r.Files, size+r.Bytes
	}
	fmt.Fprintf(opts.Out, "Built %s (%s, %s, %s) in %s into %s\n",
		words.Count(len(res), "client", "clients"), words.Count(pages, "page", "pages"), words.Count(files, "file", "files"), words.Size(size), time.Since(start).Round(time.Millisecond), sink.Path)
	return nil
}

// portfolioProblems makes the failure of a portfolio's builds a stage's
// problems, one per line naming its clients, as printErrors lists them.
func portfolioProblems(err error) error {
	var pe *generator.PortfolioError
	if !errors.As(err, &pe) {
		return err
	}
	stage := fmt.Sprintf("the build of %s", words.Count(pe.Of, "client", "clients"))
	if len(pe.Clients) < pe.Of {
		stage = fmt.Sprintf("the build of %d of %s", len(pe.Clients), words.Count(pe.Of, "client", "clients"))
	}
	return &generator.StageError{Stage: stage, Err: diag.Errors(pe.Problems())}
}

// clientWarnings lists the warnings of a portfolio's builds, each naming
// its clients, a shared file's once.
func clientWarnings(res []generator.ClientResult) []*diag.FileError {
	clients := make([]string, len(res))
	lists := make([][]*diag.FileError, len(res))
	for i, r := range res {
		clients[i], lists[i] = r.Client, r.Warnings
	}
	return generator.MarkClients(len(res), clients, lists)
}

// checkBaseURL rejects a --base-url that is not a full web address.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--base-url %q is not a full web address such as https://dspt.example.org/", s)
	}
	return nil
}
