package main

import (
	"fmt"
	"regexp"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time for releases built by hand:
// go build -ldflags "-X main.version=v1.2.3". A release installed with
// "go install github.com/readykit/readykit/cmd/readykit@v1.2.3" or run
// with "go tool readykit" needs nothing: Go records the module's version.
var version = ""

// modulePath is readykit's module: the one whose version a site pins.
const modulePath = "github.com/readykit/readykit"

func newVersionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print readykit's version",
		Example: `  readykit version
  readykit --version`,
		Args: usageArgs(cobra.NoArgs),
		Run: func(c *cobra.Command, args []string) {
			fmt.Fprintln(s.Out, versionString())
		},
	}
}

// versionString is what "readykit version" and "readykit --version" print.
func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(info, version)
}

// versionLine is the version line for a program built as info says (nil
// when unknown), linked the version set at link time: the released
// version when there is one, else "devel", then the commit and Go.
func versionLine(info *debug.BuildInfo, linked string) string {
	v := moduleVersion(info, linked)
	if v == "" {
		v = "devel"
	}
	if info == nil {
		return "readykit " + v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+changes"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	extra := ""
	if rev != "" {
		extra = fmt.Sprintf(" (commit %s%s)", rev, dirty)
	}
	return "readykit " + v + extra + " " + info.GoVersion
}

// released matches a version a module proxy can serve to anyone: vX.Y.Z,
// a pre-release or a pseudo-version, but not one Go stamps on a build from
// a folder with uncommitted changes ("+dirty") or "(devel)".
var released = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// moduleVersion is the released readykit version the program was built
// from, or "" for a development build. readykit is the main module when
// built with "go install ...@vX.Y.Z" or in its own folder, and a
// dependency when run by a site's "go tool readykit": then its Deps entry
// holds the version the site's go.mod requires, unless a replace points it
// at a folder, which is a development build whatever the version says.
func moduleVersion(info *debug.BuildInfo, linked string) string {
	if released.MatchString(linked) {
		return linked
	}
	if info == nil {
		return ""
	}
	v := ""
	if info.Main.Path == modulePath {
		v = info.Main.Version
	}
	for _, d := range info.Deps {
		if d.Path == modulePath && d.Replace == nil {
			v = d.Version
		}
	}
	if !released.MatchString(v) || v == "v0.0.0" {
		return ""
	}
	return v
}
