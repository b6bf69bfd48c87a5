package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestFlags parses each verb's command line into its options through the
// constructor's runF, so every flag, its short form and its default are
// checked without building or serving anything.
func TestFlags(t *testing.T) {
	var got any
	capture := func(o any) error { got = o; return nil }
	for _, c := range []struct {
		name string
		cmd  func() *cobra.Command
		args []string
		want any
	}{
		{"build defaults", func() *cobra.Command {
			return newBuildCmd(streams{}, func(o *buildOptions) error { return capture(*o) })
		}, nil, buildOptions{Source: "."}},
		{"build", func() *cobra.Command {
			return newBuildCmd(streams{}, func(o *buildOptions) error { return capture(*o) })
		}, []string{"-s", "oak", "-d", "/tmp/out", "--base-url", "https://x.example/", "--no-minify", "--drafts", "--overwrite"},
			buildOptions{Source: "oak", Dest: "/tmp/out", BaseURL: "https://x.example/", NoMinify: true, Drafts: true, Overwrite: true}},
		{"check", func() *cobra.Command {
			return newCheckCmd(streams{}, func(o *checkOptions) error { return capture(*o) })
		}, []string{"--source", "oak"}, checkOptions{Source: "oak"}},
		{"serve defaults", func() *cobra.Command {
			return newServeCmd(streams{}, func(o *serveOptions) error { return capture(*o) })
		}, nil, serveOptions{Source: ".", Bind: "127.0.0.1", Port: 1313}},
		{"serve", func() *cobra.Command {
			return newServeCmd(streams{}, func(o *serveOptions) error { return capture(*o) })
		}, []string{"-s", "oak", "--bind", "0.0.0.0", "-p", "8080", "--drafts", "--allow-host", "laptop.local", "--allow-host", ".example.org"},
			serveOptions{Source: "oak", Bind: "0.0.0.0", Port: 8080, Drafts: true, AllowHosts: []string{"laptop.local", ".example.org"}}},
		{"new", func() *cobra.Command {
			return newNewCmd(streams{}, func(o *newOptions) error { return capture(*o) })
		}, []string{"oak-house"}, newOptions{Dir: "oak-house"}},
		{"report defaults", func() *cobra.Command {
			return newReportCmd(streams{}, func(o *reportOptions) error { return capture(*o) })
		}, []string{"--progress", "p.json"}, reportOptions{Progress: "p.json", Progresses: []string{"p.json"}, Source: ".", Format: "html", Table: "plan"}},
		{"report", func() *cobra.Command {
			return newReportCmd(streams{}, func(o *reportOptions) error { return capture(*o) })
		}, []string{"-p", "p.json", "-s", "oak", "--rules", "2024-25", "-f", "csv", "--table", "gaps", "-o", "-"},
			reportOptions{Progress: "p.json", Progresses: []string{"p.json"}, Source: "oak", Rules: "2024-25", Format: "csv", Table: "gaps", Output: "-"}},
		{"report of a group", func() *cobra.Command {
			return newReportCmd(streams{}, func(o *reportOptions) error { return capture(*o) })
		}, []string{"-p", "a.json", "--progress", "b.json", "-f", "xlsx", "--any-site", "--client", "oak"},
			reportOptions{Progresses: []string{"a.json", "b.json"}, Source: ".", Format: "xlsx", Table: "plan", AnySite: true, Client: "oak"}},
	} {
		got = nil
		cmd := c.cmd()
		cmd.SetArgs(c.args)
		cmd.SetOut(&strings.Builder{})
		cmd.SetErr(&strings.Builder{})
		if err := cmd.Execute(); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: options\n%+v\nwant\n%+v", c.name, got, c.want)
		}
	}
}
