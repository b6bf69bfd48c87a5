package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time for releases:
// go build -ldflags "-X main.version=v1.2.3".
var version = ""

func newVersionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print readykit's version",
		Example: `  readykit version`,
		Args:    usageArgs(cobra.NoArgs),
		Run: func(c *cobra.Command, args []string) {
			fmt.Fprintln(s.Out, versionString())
		},
	}
}

// versionString is the release version when there is one, else what the
// Go toolchain recorded: the module version or the commit it was built from.
func versionString() string {
	v, extra := version, ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
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
		if rev != "" {
			extra = fmt.Sprintf(" (commit %s%s)", rev, dirty)
		}
		extra += " " + info.GoVersion
	}
	if v == "" {
		v = "devel"
	}
	return "readykit " + v + extra
}
