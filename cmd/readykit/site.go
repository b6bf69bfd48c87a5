package main

import (
	"io/fs"
	"path/filepath"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/sitefs"
	"github.com/readykit/readykit/themes"
)

// openSite opens the site folder dir for a build so that no read leaves
// it, even through a symbolic link. Call done when the build is over.
func openSite(dir string) (src fs.FS, done func(), err error) {
	src, c, err := sitefs.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	return src, func() { c.Close() }, nil
}

// siteOptions opens the site folder dir and gives the build options that
// build and check share: the confined source, the built-in theme and the
// day that warnings are judged by. Call done when the build is over.
func siteOptions(dir string) (opts generator.Options, done func(), err error) {
	day, err := today()
	if err != nil {
		return opts, nil, err
	}
	src, done, err := openSite(dir)
	if err != nil {
		return opts, nil, err
	}
	return generator.Options{Source: src, Theme: themes.Default(), Today: day}, done, nil
}

// destDir is where a build of the site in source goes: dest, or public/
// in the site folder (public/<client> for one client of a portfolio). The
// sink refuses to replace the site's sources: the shared content, static
// and themes folders and those of each client built. A destination
// elsewhere in a client's folder is allowed: Netlify builds a client from
// its folder into public/ there.
func destDir(source, dest string, overwrite bool, client string, clients ...string) publish.Dir {
	if dest == "" {
		dest = filepath.Join(source, "public")
		if client != "" {
			dest = filepath.Join(dest, client)
		}
	}
	var sources []string
	for _, dir := range append([]string{""}, clientDirs(append(clients, client)...)...) {
		for _, d := range []string{"content", "static", "themes"} {
			sources = append(sources, filepath.Join(source, dir, d))
		}
	}
	return publish.Dir{
		Path:      dest,
		Site:      source,
		Sources:   sources,
		Overwrite: overwrite,
	}
}

// clientDirs gives the folders of the named clients, relative to the
// portfolio, skipping empty names.
func clientDirs(clients ...string) []string {
	var out []string
	for _, c := range clients {
		if c != "" {
			out = append(out, filepath.Join(generator.ClientsDir, c))
		}
	}
	return out
}

// siteClients lists the clients of the portfolio in the folder dir; none
// for a plain site.
func siteClients(dir string) ([]string, error) {
	src, done, err := openSite(dir)
	if err != nil {
		return nil, err
	}
	defer done()
	clients, err := generator.Clients(src)
	if err != nil {
		return nil, &generator.StageError{Stage: "load", Err: err}
	}
	return clients, nil
}
