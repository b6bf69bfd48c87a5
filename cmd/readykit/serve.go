package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/devserver"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/words"
	"github.com/readykit/readykit/themes"
)

type serveOptions struct {
	streams
	Source string
	Bind   string
	Port   int
	Drafts bool
	Client string
	// AllowHosts are host names the server answers for besides
	// localhost, IP addresses and the --bind name.
	AllowHosts []string
	// ready, when set, receives the address once the server is listening
	// and watching; tests use it instead of guessing.
	ready chan<- string
}

func newServeCmd(s streams, runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding as you edit",
		Long: `Serve builds the site into memory and serves it on this computer. It
watches the site folder and rebuilds whenever you save a file; open pages
reload by themselves. If a change breaks the build, the pages show what is
wrong and where, and the last good version is kept until you fix it.
Warnings, such as an edition whose deadline has passed, are shown at the
top of every page.

The server listens on 127.0.0.1, so only this computer can see it. Use
--bind 0.0.0.0 to let other devices on your network see it too.

It answers only requests addressed to localhost, an IP address or the
--bind name, so that other web sites cannot read the preview through your
browser. To open it by another name, such as your computer's name on the
network, allow that name with --allow-host (a name starting with a dot
allows its subdomains too).

In a portfolio it previews one client: the one --client names, or else
the first in order of name (it says which, and how to see another).`,
		Example: `  readykit serve
  readykit serve --source oak-house --port 8080
  readykit serve --client oak-house     # one client of a portfolio
  readykit serve --bind 0.0.0.0        # visible to your network
  readykit serve --bind 0.0.0.0 --allow-host laptop.local`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Port < 0 || opts.Port > 65535 {
				return fmt.Errorf("--port %d is not a port number (0 to 65535)", opts.Port)
			}
			if net.ParseIP(opts.Bind) == nil && opts.Bind != "localhost" {
				return fmt.Errorf("--bind %q is not an IP address such as 127.0.0.1", opts.Bind)
			}
			for _, h := range opts.AllowHosts {
				if !devserver.ValidHost(h) {
					return fmt.Errorf("--allow-host %q is not a host name such as laptop.local (no port, scheme or path)", h)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return failed(runServe(ctx, opts))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "the site folder, holding readykit.yaml")
	f.StringVar(&opts.Bind, "bind", "127.0.0.1", "the address to listen on")
	f.IntVarP(&opts.Port, "port", "p", 1313, "the port to listen on (0 picks a free one)")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	f.StringVar(&opts.Client, "client", "", "in a portfolio, preview this client (default: the first)")
	f.StringArrayVar(&opts.AllowHosts, "allow-host", nil, "also answer requests addressed to this host `name` (repeatable; .example.org allows its subdomains)")
	_ = cmd.MarkFlagDirname("source")
	return cmd
}

func runServe(ctx context.Context, opts *serveOptions) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s:%d (%v); is another server using that port? Try --port with another number", opts.Bind, opts.Port, err)
	}
	defer ln.Close()
	addr := "http://" + ln.Addr().String() + "/"
	src, done, err := openSite(opts.Source)
	if err != nil {
		return err
	}
	defer done()

	// A READYKIT_TODAY that is not a date stops serve before it starts.
	if _, err := today(); err != nil {
		return err
	}
	client := opts.Client
	if client == "" {
		clients, err := generator.Clients(src)
		if err != nil {
			return &generator.StageError{Stage: "load", Err: err}
		}
		if len(clients) > 0 {
			client = clients[0]
			fmt.Fprintf(opts.Out, "This is a portfolio of %s; previewing %s. To preview another, run readykit serve --client NAME with one of: %s\n",
				words.Count(len(clients), "client", "clients"), client, strings.Join(clients, ", "))
		}
	}
	hosts := opts.AllowHosts
	if net.ParseIP(opts.Bind) == nil {
		hosts = append([]string{opts.Bind}, hosts...)
	}
	// A rebuild allocates several times the live heap; collecting less
	// often trades memory (tens of MB on the default site) for a rebuild
	// that a save waits for. Only serve does this, not the engine.
	debug.SetGCPercent(400)
	// Rebuilds share what is a pure function of the files (decoded data),
	// so a save re-decodes only the files it changed.
	cache := generator.NewRebuildCache()
	srv := devserver.New(devserver.Options{
		Root:  opts.Source,
		Skip:  []string{"public", "node_modules"},
		Log:   opts.Err,
		Hosts: hosts,
		// The search index changes with every page's words, but only the
		// search page reads it, and only when the reader searches: other
		// open pages need not reload.
		Fetched: map[string][]string{"data/search.json": {"/search/"}},
		Build: func(ctx context.Context, extra []publish.Transform, sink publish.Sink) ([]*diag.FileError, error) {
			day, _ := today()
			res, err := generator.Build(ctx, generator.Options{
				Source:     src,
				Theme:      themes.Default(),
				BaseURL:    addr,
				Drafts:     opts.Drafts,
				Transforms: extra,
				Client:     client,
				Cache:      cache,
				// The preview changes on every save: a worker keeping an
				// older build must not answer for it.
				NoOffline:  true,
				NoPortable: true,
				// Read at each rebuild, so a server left running past a
				// deadline warns on the next save.
				Today: day,
			}, sink)
			if err != nil {
				return nil, err
			}
			return res.Warnings, nil
		},
	})
	if err := srv.Rebuild(ctx); err != nil {
		printErrors(opts.Err, err)
	}

	watching := make(chan struct{})
	watchErr := make(chan error, 1)
	go func() { watchErr <- srv.Watch(ctx, watching) }()
	select {
	case <-watching:
	case err := <-watchErr:
		return fmt.Errorf("cannot watch %s for changes: %w", opts.Source, err)
	}

	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, so open event streams do not hold up
		// shutting down.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	what := opts.Source
	if client != "" {
		what = client + " of " + opts.Source
	}
	fmt.Fprintf(opts.Out, "Serving %s at %s (press Ctrl+C to stop)\n", what, addr)
	if ip := net.ParseIP(opts.Bind); ip != nil && !ip.IsLoopback() {
		fmt.Fprintln(opts.Out, "Other devices on your network can see this site.")
	}
	if opts.ready != nil {
		opts.ready <- addr
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		fmt.Fprintln(opts.Out, "Stopped.")
		return nil
	}
}
