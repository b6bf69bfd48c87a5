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
// in the site folder. The sink refuses to replace the site's sources.
func destDir(source, dest string, overwrite bool) publish.Dir {
	if dest == "" {
		dest = filepath.Join(source, "public")
	}
	return publish.Dir{
		Path: dest,
		Site: source,
		Sources: []string{
			filepath.Join(source, "content"),
			filepath.Join(source, "static"),
			filepath.Join(source, "themes"),
		},
		Overwrite: overwrite,
	}
}
