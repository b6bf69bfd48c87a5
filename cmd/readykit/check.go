package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
)

type checkOptions struct {
	streams
	Source string
	Client string
}

func newCheckCmd(s streams, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the site for problems without writing anything",
		Long: `Check runs the whole build (settings, data, pages, links and templates)
and reports every problem with its file:line:col, but writes nothing.
Warnings (such as an edition whose deadline has passed) are listed too,
but do not make it fail.

In a portfolio it checks every client, or the one --client names.`,
		Example: `  readykit check
  readykit check --source oak-house
  readykit check --client oak-house     # one client of a portfolio`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return failed(runCheck(c.Context(), opts))
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "the site folder, holding readykit.yaml")
	cmd.Flags().StringVar(&opts.Client, "client", "", "in a portfolio, check only this client (the name of its folder under clients/)")
	_ = cmd.MarkFlagDirname("source")
	return cmd
}

func runCheck(ctx context.Context, opts *checkOptions) error {
	bo, done, err := siteOptions(opts.Source)
	if err != nil {
		return err
	}
	defer done()
	if opts.Client == "" {
		clients, err := generator.Clients(bo.Source)
		if err != nil {
			return &generator.StageError{Stage: "load", Err: err}
		}
		if len(clients) > 0 {
			return checkPortfolio(ctx, opts, bo)
		}
	}
	bo.Client = opts.Client
	res, err := generator.Build(ctx, bo, publish.Discard{})
	if err != nil {
		return err
	}
	printWarnings(opts.Err, res.Warnings)
	fmt.Fprintf(opts.Out, "No problems found in %s.\n", words.Count(res.Pages, "page", "pages"))
	return nil
}

// checkPortfolio checks every client of a portfolio.
func checkPortfolio(ctx context.Context, opts *checkOptions, bo generator.Options) error {
	res, err := generator.BuildPortfolio(ctx, bo, publish.Discard{}, nil)
	if err != nil {
		return portfolioProblems(err)
	}
	printWarnings(opts.Err, clientWarnings(res))
	pages := 0
	for _, r := range res {
		pages += r.Pages
	}
	fmt.Fprintf(opts.Out, "No problems found in %s (%s).\n", words.Count(len(res), "client", "clients"), words.Count(pages, "page", "pages"))
	return nil
}
