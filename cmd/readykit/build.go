package main

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
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

A build also warns, without failing, when the edition's deadline has
passed or the programme's dates do not match it. It judges by today's
date, or by READYKIT_TODAY=YYYY-MM-DD when that is set.`,
		Example: `  readykit build
  readykit build --source oak-house --dest /tmp/oak-house
  readykit build --base-url "$URL"      # on Netlify`,
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
	_ = cmd.MarkFlagDirname("source")
	_ = cmd.MarkFlagDirname("dest")
	return cmd
}

func runBuild(ctx context.Context, opts *buildOptions) error {
	sink := destDir(opts.Source, opts.Dest, opts.Overwrite)
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
	res, err := generator.Build(ctx, bo, sink)
	if err != nil {
		return err
	}
	printWarnings(opts.Err, res.Warnings)
	fmt.Fprintf(opts.Out, "Built %s (%s, %s) in %s into %s\n",
		words.Count(res.Pages, "page", "pages"), words.Count(res.Files, "file", "files"), words.Size(res.Bytes), time.Since(start).Round(time.Millisecond), sink.Path)
	return nil
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
