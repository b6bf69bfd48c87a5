package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/themes"
)

type themeCopyOptions struct {
	streams
	Source string
	Client string
	Paths  []string
	// Theme is the built-in theme the copies come from; tests give their
	// own.
	Theme fs.FS
}

// newThemeCmd makes the theme command, whose one verb, copy, writes out
// the built-in templates for the changes settings cannot make. runF, when
// not nil, is called with the parsed options instead.
func newThemeCmd(s streams, runF func(*themeCopyOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "theme",
		Short: "Work with the site's theme: copy the built-in templates to change them",
		Args:  usageArgs(cobra.NoArgs),
	}
	opts := &themeCopyOptions{streams: s}
	cp := &cobra.Command{
		Use:   "copy [PATH...]",
		Short: "Copy built-in templates into the site's theme folder, to change them",
		Long: `Copy writes copies of readykit's built-in templates into the site's theme
folder, themes/<theme>/ (the theme readykit.yaml names, or "default"),
where they take the place of the built-in ones file by file. It is for
the rare change settings cannot make: the logo, colours, contact details
and footer line are settings in readykit.yaml (brand: and contact:).

With no PATH, copy writes every layout and partial and site.css. With
PATHs, only those files, or every file in a folder, such as
layouts/partials/header.html or layouts/partials.

A file that is already there is never replaced: copy says it skipped it.
A copy does not change when readykit is updated, so copy only what you
mean to change.

In a portfolio, copy writes into the shared themes/ folder, or with
--client NAME into that client's clients/NAME/themes/ folder.`,
		Example: `  readykit theme copy layouts/partials/footer.html
  readykit theme copy --client oak-house layouts/partials/header.html
  readykit theme copy                  # every layout and partial, and site.css`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return failed(runThemeCopy(opts))
		},
	}
	f := cp.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "the site folder, holding readykit.yaml")
	f.StringVar(&opts.Client, "client", "", "in a portfolio, copy into this client's theme folder (the name of its folder under clients/)")
	_ = cp.MarkFlagDirname("source")
	cmd.AddCommand(cp)
	return cmd
}

// themeSettings are the settings copy reads: which theme folder the site
// uses.
type themeSettings struct {
	Theme string `yaml:"theme"`
}

// clientName is a portfolio client's folder name, as the spec fixes it.
var clientName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

func runThemeCopy(opts *themeCopyOptions) error {
	src, done, err := openSite(opts.Source)
	if err != nil {
		return err
	}
	defer done()
	if _, err := fs.Stat(src, generator.ConfigFile); err != nil {
		return fmt.Errorf("there is no %s in %s; run the command in a site folder, or pass --source", generator.ConfigFile, opts.Source)
	}
	dir := "" // the folder, relative to the site, whose themes/ is written to
	files := []string{generator.ConfigFile}
	if opts.Client != "" {
		clients, err := generator.Clients(src)
		if err != nil {
			return err
		}
		if !clientName.MatchString(opts.Client) || !slices.Contains(clients, opts.Client) {
			hint := "this folder has no clients/ folder"
			if len(clients) > 0 {
				hint = "the clients are: " + strings.Join(clients, ", ")
				if s := content.Suggest(opts.Client, clients); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
			}
			return fmt.Errorf("there is no client %q in %s; %s", opts.Client, opts.Source, hint)
		}
		dir = path.Join(generator.ClientsDir, opts.Client)
		// The client's own theme setting wins over the shared one.
		files = append([]string{path.Join(dir, generator.ConfigFile)}, files...)
	}
	name, err := themeName(src, files)
	if err != nil {
		return err
	}

	builtIn := opts.Theme
	if builtIn == nil {
		builtIn = themes.Default()
	}
	want, err := themeFiles(builtIn, opts.Paths)
	if err != nil {
		return err
	}

	// Writes stay inside the site folder, whatever links it holds.
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return err
	}
	defer root.Close()
	into := path.Join(dir, "themes", name)
	var wrote, skipped []string
	for _, f := range want {
		dest := path.Join(into, f)
		data, err := fs.ReadFile(builtIn, f)
		if err != nil {
			return err
		}
		if err := root.MkdirAll(filepath.FromSlash(path.Dir(dest)), 0o755); err != nil {
			return err
		}
		// O_EXCL: a file that is there, even one made a moment ago, is
		// never replaced.
		out, err := root.OpenFile(filepath.FromSlash(dest), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			skipped = append(skipped, dest)
			continue
		} else if err != nil {
			return err
		}
		_, err = out.Write(data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		wrote = append(wrote, dest)
	}
	for _, f := range wrote {
		fmt.Fprintf(opts.Out, "wrote %s\n", f)
	}
	for _, f := range skipped {
		fmt.Fprintf(opts.Out, "skipped %s: it is already there, and copy never replaces a file\n", f)
	}
	switch {
	case len(wrote) > 0:
		fmt.Fprintf(opts.Out, "The site now uses these copies in place of the built-in files. Change them as you need; readykit build reports a mistake with its file and line.\n")
	case len(skipped) > 0:
		fmt.Fprintf(opts.Out, "Nothing was written. To start a file again from the built-in one, delete it or move it away first.\n")
	}
	return nil
}

// themeName reads the theme setting from the first of files that sets it.
func themeName(src fs.FS, files []string) (string, error) {
	for _, f := range files {
		data, err := fs.ReadFile(src, f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return "", err
		}
		var s themeSettings
		// The other keys are build's to check; only theme matters here.
		errs := content.DecodeYAML(f, data, 1, &s)
		if content.IsUnread(errs...) {
			return "", fmt.Errorf("%s cannot be read; run readykit check to see why", f)
		}
		if s.Theme != "" {
			if !regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`).MatchString(s.Theme) {
				return "", fmt.Errorf("%s: theme name %q is not a plain folder name", f, s.Theme)
			}
			return s.Theme, nil
		}
	}
	return "default", nil
}

// themeFiles lists the files of the built-in theme to copy: by default
// every layout and partial and site.css; otherwise each path named, or
// every file under a folder named.
func themeFiles(builtIn fs.FS, paths []string) ([]string, error) {
	var all []string
	err := fs.WalkDir(builtIn, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			all = append(all, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		paths = []string{"layouts", "assets/site.css"}
	}
	var out []string
	for _, p := range paths {
		clean := path.Clean(strings.TrimPrefix(filepath.ToSlash(p), "./"))
		// themes/default/layouts/x.html, as the README names them, works too.
		clean = strings.TrimPrefix(clean, "themes/default/")
		var found []string
		for _, f := range all {
			if f == clean || strings.HasPrefix(f, clean+"/") {
				found = append(found, f)
			}
		}
		if len(found) == 0 {
			hint := "Run readykit theme copy with no path to copy every layout and partial"
			if s := content.Suggest(clean, all); s != "" {
				hint = fmt.Sprintf("Did you mean %s?", s)
			} else if s := content.Suggest(path.Base(clean), baseNames(all)); s != "" {
				hint = fmt.Sprintf("Did you mean %s?", fullName(s, all))
			}
			return nil, fmt.Errorf("the built-in theme has no %s. %s", p, hint)
		}
		for _, f := range found {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

func baseNames(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = path.Base(f)
	}
	return out
}

// fullName gives the first file whose base name is base.
func fullName(base string, files []string) string {
	for _, f := range files {
		if path.Base(f) == base {
			return f
		}
	}
	return base
}
