package generator

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/publish"
)

// ClientResult is how one client's build went.
type ClientResult struct {
	Client string
	*Result
}

// ClientError is what stopped one client's build.
type ClientError struct {
	Client string
	Err    error
}

func (e ClientError) Error() string { return e.Client + ": " + e.Err.Error() }
func (e ClientError) Unwrap() error { return e.Err }

// PortfolioError lists every client whose build failed, in order of name.
// Nothing was published.
type PortfolioError struct {
	Clients []ClientError
	// Of is how many clients were built.
	Of int
}

func (e *PortfolioError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d clients could not be built", len(e.Clients), e.Of)
	for _, c := range e.Clients {
		b.WriteString("\n" + c.Error())
	}
	return b.String()
}

// Unwrap gives each client's error.
func (e *PortfolioError) Unwrap() []error {
	out := make([]error, len(e.Clients))
	for i, c := range e.Clients {
		out[i] = c
	}
	return out
}

// BuildPortfolio builds every client of the portfolio at opts.Source, each
// into its own folder <client>/ of one site handed to sink, which is
// published only when every client built: a failure leaves the sink as it
// was and returns a *PortfolioError naming every client's problems. The
// clients share opts.Cache (a new one when it is nil), so the shared
// files are read and parsed once, and are built on every CPU. done, when
// not nil, is called as each client finishes, one call at a time, with
// how many have finished of how many and whether this one built.
func BuildPortfolio(ctx context.Context, opts Options, sink publish.Sink, done func(client string, n, of int, ok bool)) ([]ClientResult, error) {
	clients, err := Clients(opts.Source)
	if err != nil {
		return nil, &StageError{Stage: "load", Err: err}
	}
	if len(clients) == 0 {
		return nil, errors.New("this site has no clients: a portfolio keeps each client in a folder clients/<name>/ with its own readykit.yaml")
	}
	if opts.Cache == nil {
		opts.Cache = newCache()
	}
	results := make([]ClientResult, len(clients))
	errs := make([]error, len(clients))
	outs := make([]collect, len(clients))

	var mu sync.Mutex
	finished := 0
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			o := opts
			o.Client = c
			res, err := Build(ctx, o, &outs[i])
			results[i], errs[i] = ClientResult{Client: c, Result: res}, err
			mu.Lock()
			defer mu.Unlock()
			finished++
			if done != nil {
				done(c, finished, len(clients), err == nil)
			}
		}()
	}
	wg.Wait()

	pe := &PortfolioError{Of: len(clients)}
	var files []publish.File
	for i, c := range clients {
		if errs[i] != nil {
			pe.Clients = append(pe.Clients, ClientError{Client: c, Err: errs[i]})
			continue
		}
		for _, f := range outs[i].files {
			files = append(files, publish.File{Path: c + "/" + f.Path, Data: f.Data})
		}
	}
	if len(pe.Clients) > 0 {
		return nil, pe
	}
	if err := sink.Publish(files); err != nil {
		return nil, &StageError{Stage: "publish", Err: err}
	}
	return results, nil
}

// collect is a sink that keeps one client's files until every client is
// built.
type collect struct{ files []publish.File }

func (c *collect) Publish(files []publish.File) error {
	c.files = files
	return nil
}

// Problems lists the problems of every failed client, each marked with the
// clients it belongs to, as MarkClients does.
func (e *PortfolioError) Problems() []*diag.FileError {
	clients := make([]string, len(e.Clients))
	lists := make([][]*diag.FileError, len(e.Clients))
	for i, c := range e.Clients {
		clients[i] = c.Client
		lists[i] = diag.FileErrors(c.Err)
		if len(lists[i]) == 0 {
			lists[i] = []*diag.FileError{{Msg: c.Err.Error()}}
		}
	}
	return MarkClients(e.Of, clients, lists)
}

// MarkClients gives the problems (or warnings) of several clients' builds,
// lists[i] being those of clients[i], as one list in which each names the
// clients it belongs to, before its file: "oak-house: content/x.md:3:1:
// ...". A problem in a shared file that several clients meet is listed
// once, naming them all, or "every client" when it is all of the of
// clients built. The problems given are not changed.
func MarkClients(of int, clients []string, lists [][]*diag.FileError) []*diag.FileError {
	type entry struct {
		fe      diag.FileError
		clients []string
	}
	var order []string
	byKey := map[string]*entry{}
	for i, c := range clients {
		for _, fe := range lists[i] {
			key := fe.Error()
			if strings.HasPrefix(fe.File, ClientsDir+"/") || fe.File == "" {
				key = c + "\x00" + key // a client's own: never merged
			}
			en, ok := byKey[key]
			if !ok {
				en = &entry{fe: *fe}
				byKey[key] = en
				order = append(order, key)
			}
			en.clients = append(en.clients, c)
		}
	}
	out := make([]*diag.FileError, 0, len(order))
	for _, k := range order {
		en := byKey[k]
		who := strings.Join(en.clients, ", ")
		if len(en.clients) == of && of > 1 {
			who = "every client"
		}
		fe := en.fe
		if fe.File == "" {
			fe.File = who
		} else {
			fe.File = who + ": " + fe.File
		}
		out = append(out, &fe)
	}
	return out
}
