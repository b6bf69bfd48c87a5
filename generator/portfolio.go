package generator

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/sitefs"
)

// ClientsDir is the folder of a portfolio that holds its clients, one
// folder each.
const ClientsDir = "clients"

// clientName is what a client's folder may be called: it becomes the
// client's folder in public/ and its default progressKey.
var clientName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// layered are the folders of a site that a client's folder lies over, file
// by file. Nothing else in a client's folder is read.
var layered = []string{contentDir, staticDir, "themes"}

// Clients lists the clients of the portfolio in src, in order of name: the
// folders under clients/ that hold a readykit.yaml. It returns nil for a
// plain site, one without a clients folder. A client folder whose name
// cannot be used is a *diag.FileError.
func Clients(src fs.FS) ([]string, error) {
	src = sitefs.Guard(src)
	es, err := fs.ReadDir(src, ClientsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	var errs diag.List
	for _, e := range es {
		dir := ClientsDir + "/" + e.Name()
		if e.Type()&fs.ModeSymlink != 0 {
			// Said, not passed over: a client that silently vanished from
			// the build would be worse than a message.
			errs.Addf(diag.Pos{File: dir}, "Move or copy the client's folder into clients/ itself",
				"this client folder is a link, and readykit reads a client only from a real folder inside clients/")
			continue
		}
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || !exists(src, dir+"/"+ConfigFile) {
			continue
		}
		if !clientName.MatchString(e.Name()) {
			errs.Addf(diag.Pos{File: dir}, "Rename the folder with up to 40 lower-case letters, digits and hyphens, such as oak-house",
				"the client folder name %q cannot be used: it becomes the client's web folder and progress key", e.Name())
			continue
		}
		names = append(names, e.Name())
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// clientFS is the site a client's build reads: the portfolio's root with the
// client's content, static and themes folders over it file by file, and
// clients/ itself out of sight. Reads go through root, which the build
// guards, so they stay inside the portfolio's folder.
type clientFS struct {
	root fs.FS
	dir  string // clients/<name>
}

func newClientFS(root fs.FS, client string) clientFS {
	return clientFS{root: root, dir: ClientsDir + "/" + client}
}

// top is the first element of name.
func top(name string) string {
	t, _, _ := strings.Cut(name, "/")
	return t
}

func hidden(name string) bool { return top(name) == ClientsDir }

// own gives the client's file for name, if name is in a layered folder.
func (c clientFS) own(name string) (string, bool) {
	if !slices.Contains(layered, top(name)) {
		return "", false
	}
	return c.dir + "/" + name, true
}

// Origin is the portfolio's file that name is read from: the client's, if
// it has one, else the shared one. Problems name it, so that a client's
// author opens the right file. A client's file that is there but cannot
// be read (a link leading out of the portfolio) is still the client's, so
// the read says why rather than finding no shared file.
func (c clientFS) Origin(name string) string {
	if p, ok := c.own(name); ok {
		if _, err := fs.Stat(c.root, p); !errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
	return name
}

func (c clientFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return c.root.Open(c.Origin(name))
}

func (c clientFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if hidden(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(c.root, c.Origin(name))
}

// ReadDir lists both layers' entries, the client's winning by name.
func (c clientFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if hidden(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	shared, serr := fs.ReadDir(c.root, name)
	byName := map[string]fs.DirEntry{}
	for _, e := range shared {
		if name == "." && e.Name() == ClientsDir {
			continue
		}
		byName[e.Name()] = e
	}
	found := serr == nil
	if name == "." {
		for _, d := range layered {
			if fi, err := fs.Stat(c.root, c.dir+"/"+d); err == nil && fi.IsDir() {
				byName[d] = fs.FileInfoToDirEntry(fi)
			}
		}
	} else if p, ok := c.own(name); ok {
		own, err := fs.ReadDir(c.root, p)
		switch {
		case err == nil:
			found = true
			for _, e := range own {
				byName[e.Name()] = e
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	if !found {
		return nil, serr
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// relocate rewrites the file of every problem in err (and in warnings) to
// where it really is, with origin: the one place a client build's
// positions are made to name the client's files.
func relocate(err error, origin func(string) string) {
	seen := map[*diag.FileError]bool{}
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if fe, ok := err.(*diag.FileError); ok {
			if !seen[fe] && fe.File != "" {
				seen[fe] = true
				fe.File = origin(fe.File)
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
}

// clientConfig is the client's settings file, in the portfolio's root.
func clientConfig(client string) string {
	return ClientsDir + "/" + client + "/" + ConfigFile
}

// checkClient says whether root is a portfolio with the client, and if not,
// which clients there are.
func checkClient(root fs.FS, client string) error {
	names, err := Clients(root)
	if err != nil {
		return err
	}
	if slices.Contains(names, client) {
		return nil
	}
	if len(names) == 0 {
		return diag.Errorf(diag.Pos{File: ClientsDir}, "Build it without --client, or add a folder clients/"+client+" with its own readykit.yaml",
			"there is no client %q: this site has no clients", client)
	}
	hint := "The clients are: " + strings.Join(names, ", ")
	if s := content.Suggest(client, names); s != "" {
		hint = "Did you mean " + s + "? " + hint
	}
	return diag.Errorf(diag.Pos{File: ClientsDir}, hint, "there is no client %q", client)
}
