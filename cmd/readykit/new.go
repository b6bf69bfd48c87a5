package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/readykit/readykit"
	"github.com/readykit/readykit/generator/devserver"
)

type newOptions struct {
	streams
	Dir       string
	Portfolio bool
}

func newNewCmd(s streams, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "new DIR",
		Short: "Start a new site, or a consultant's portfolio of client sites, in a folder",
		Long: `New writes a starter site into DIR: readykit.yaml, the default pages and
toolkit data, an empty theme folder for your own templates and styles,
a go.mod that pins this version of readykit, and a netlify.toml to
publish it. Everything comes from the readykit program itself; nothing
is downloaded.

With --portfolio, DIR becomes a portfolio: the pages and settings you
share between clients, written once, and a clients folder with two
example clients (oak-house and elm-lodge), each with its own settings,
logo, contact page and netlify.toml. Its README.md says how to add a
client and publish each one.

DIR must not exist yet, or be empty.`,
		Example: `  readykit new oak-house
  cd oak-house
  readykit serve

  readykit new --portfolio smith-care
  cd smith-care
  readykit build --client oak-house`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return failed(runNew(opts))
		},
	}
	cmd.Flags().BoolVar(&opts.Portfolio, "portfolio", false, "write a portfolio: shared pages and a folder per client")
	return cmd
}

func runNew(opts *newOptions) error {
	if entries, err := os.ReadDir(opts.Dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already has files in it; choose a new folder name", opts.Dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return err
	}
	name := siteName(filepath.Base(abs))
	info, _ := debug.ReadBuildInfo()
	pin := moduleVersion(info, version)
	files, err := newSiteFiles(name, pin, opts.Portfolio)
	if err != nil {
		return err
	}
	// Sorted, so that a failure part way leaves the same files each time.
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		dest := filepath.Join(opts.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		if err := writeNew(dest, files[p]); err != nil {
			return err
		}
	}
	if opts.Portfolio {
		fmt.Fprintf(opts.Out, "Started a new portfolio in %s, with two example clients: oak-house and elm-lodge. Next:\n\n  cd %s\n  readykit serve --client oak-house\n\nREADME.md there says how to add a client and publish each one.\n", opts.Dir, opts.Dir)
	} else {
		fmt.Fprintf(opts.Out, "Started a new site in %s. Next:\n\n  cd %s\n  readykit serve\n\nEdit readykit.yaml to set your site's title, organisation and address.\n", opts.Dir, opts.Dir)
	}
	if pin == "" {
		unpinned(opts.Out)
	}
	return nil
}

// unpinned tells the user that go.mod names no real readykit version.
func unpinned(w io.Writer) {
	fmt.Fprint(w, `
This readykit is a development build with no release version, so go.mod
asks for v0.0.0, which cannot be downloaded. Before you publish, set a
released version in the folder you made:

  go get -tool github.com/readykit/readykit/cmd/readykit@latest

or, while working on readykit itself, point go.mod at your copy of it:

  go mod edit -replace github.com/readykit/readykit=/path/to/readykit
`)
}

// newSiteFiles are the files "readykit new" writes, by slash path: a site,
// or with portfolio a portfolio, named name, pinned to readykit version
// pin ("" when this build has none).
func newSiteFiles(name, pin string, portfolio bool) (map[string][]byte, error) {
	gomod, gosum, err := siteModule(name, pin)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		".gitignore":               []byte("public/\n"),
		"go.mod":                   gomod,
		"go.sum":                   gosum,
		"themes/default/README.md": []byte(themeReadme),
	}
	starter := readykit.Starter()
	err = fs.WalkDir(starter, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(starter, p)
		files[p] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	if !portfolio {
		files["readykit.yaml"] = starterConfig(files["readykit.yaml"], name)
		files["netlify.toml"] = []byte(starterNetlify())
		return files, nil
	}
	files["readykit.yaml"] = portfolioConfig(files["readykit.yaml"])
	files["README.md"] = []byte(portfolioReadme)
	for _, c := range exampleClients {
		dir := "clients/" + c.name + "/"
		files[dir+"readykit.yaml"] = []byte(c.config())
		files[dir+"static/"+c.name+"-logo.svg"] = []byte(c.logo())
		files[dir+"content/contact.md"] = []byte(c.contactPage())
		files[dir+"netlify.toml"] = []byte(netlifyTOML(clientBuild(c.name)))
	}
	return files, nil
}

// writeNew writes a file that must not exist yet: new never replaces a
// file it did not make, even one that appeared while it was writing.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// siteName makes a folder's name into a progress key and module path:
// lower-case letters, digits and single hyphens, at most 40 characters, as
// progressKey allows. "Oak House (2027)" becomes "oak-house-2027".
func siteName(folder string) string {
	name := strings.Trim(nonName.ReplaceAllString(strings.ToLower(folder), "-"), "-")
	if len(name) > 40 {
		name = strings.TrimRight(name[:40], "-")
	}
	if name == "" {
		return "readykit-site"
	}
	return name
}

var nonName = regexp.MustCompile(`[^a-z0-9]+`)

// starterConfig empties the default site's address and publisher, which
// belong to the readykit site, not the new one, and gives the site its
// own progress key, so that two sites' saved progress and calendars never
// collide in one browser or one calendar.
func starterConfig(data []byte, name string) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "baseURL:") {
			lines[i] = `baseURL: ""  # your site's address, such as https://oak-house.netlify.app/`
		}
		if strings.HasPrefix(l, "organisation:") {
			lines[i] = `organisation: ""  # who publishes this site`
		}
	}
	out := strings.TrimRight(strings.Join(lines, "\n"), "\n")
	out += fmt.Sprintf(`
# Keeps this site's saved progress and calendar events apart from other
# readykit sites' in the same browser and the same calendar. Changing it
# later loses the progress people have saved on this site.
progressKey: %s
# The care provider this site is for: its pages, reports and calendar
# name it.
# client: Oak House Care
`, name)
	return []byte(out)
}

// portfolioConfig is the shared readykit.yaml of a portfolio: the default
// site's settings without its address, published by the consultant.
func portfolioConfig(data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "# Settings for the readykit default site.") {
			lines[i] = "# Settings every client of this portfolio shares. A client's own\n# clients/<name>/readykit.yaml sets its name, brand and dates, and can\n# change any of these. Every key is described in readykit's README."
		}
		if strings.HasPrefix(l, "baseURL:") {
			lines[i] = `baseURL: ""  # each client's address is set when Netlify builds it`
		}
		if strings.HasPrefix(l, "organisation:") {
			lines[i] = `organisation: Smith Care Consulting  # you: who publishes these portals`
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// siteModule is the new site's go.mod and go.sum. go.mod requires readykit
// at version pin (v0.0.0 when there is none, with a comment saying what to
// do) and, marked indirect, every module readykit requires at the
// versions readykit was built with, so "go tool readykit" needs no change
// to go.mod. go.sum is readykit's own, which holds those modules'
// checksums; readykit's own checksum cannot be in it, because it is only
// known once the version is published (see starterNetlify).
func siteModule(name, pin string) (gomod, gosum []byte, err error) {
	own, sum := readykit.Module()
	goLine, reqs := parseGoMod(string(own))
	if goLine == "" || len(reqs) == 0 {
		return nil, nil, errors.New("readykit's go.mod could not be read: this readykit was built wrongly")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `// This site's Go module. It pins the version of readykit that builds the
// site, so that every build, on your computer or on Netlify, uses the same
// one: "go tool readykit build". To move to a newer readykit, run
//   go get -tool %s/cmd/readykit@latest
module %s

go %s

tool %s/cmd/readykit

`, modulePath, name, goLine, modulePath)
	v := pin
	if v == "" {
		v = "v0.0.0"
		b.WriteString(`// The readykit that made this site had no release version, so v0.0.0
// below cannot be downloaded: set a released version with
//   go get -tool github.com/readykit/readykit/cmd/readykit@latest
// or, while working on readykit itself, point to your copy with
//   go mod edit -replace github.com/readykit/readykit=/path/to/readykit
`)
	}
	fmt.Fprintf(&b, "require %s %s\n\n// What readykit needs, at the versions it was built with.\nrequire (\n", modulePath, v)
	for _, r := range reqs {
		fmt.Fprintf(&b, "\t%s // indirect\n", r)
	}
	b.WriteString(")\n")
	return []byte(b.String()), sum, nil
}

// parseGoMod reads the go version and the requirements ("path version")
// of a go.mod as Go writes it.
func parseGoMod(text string) (goLine string, reqs []string) {
	block := false
	for _, l := range strings.Split(text, "\n") {
		l, _, _ = strings.Cut(l, "//")
		f := strings.Fields(l)
		switch {
		case block && len(f) == 1 && f[0] == ")":
			block = false
		case block && len(f) == 2:
			reqs = append(reqs, f[0]+" "+f[1])
		case len(f) == 2 && f[0] == "go":
			goLine = f[1]
		case len(f) == 2 && f[0] == "require" && f[1] == "(":
			block = true
		case len(f) == 3 && f[0] == "require":
			reqs = append(reqs, f[1]+" "+f[2])
		}
	}
	sort.Strings(reqs)
	return goLine, reqs
}

const themeReadme = `# Your theme

Files here replace readykit's built-in theme, one by one. Copy the path
of the file you want to change:

- layouts/base.html, layouts/<layout>.html, layouts/partials/*.html:
  templates (Go html/template)
- assets/site.css: the stylesheet
- static/: files published as they are, such as a logo

A file you do not put here is taken from the built-in theme. Set the
folder's name as theme: in readykit.yaml.
`

// siteBuild is a site's build command, given the address to build for.
func siteBuild(url string) string {
	return "go tool readykit build --base-url " + url
}

// clientBuild is the build command of a portfolio's client name, run in
// clients/<name>, the base directory of that client's Netlify site.
func clientBuild(name string) func(url string) string {
	return func(url string) string {
		return "go tool readykit build --source ../.. --client " + name + " --dest public --base-url " + url
	}
}

// goVersion is the Go release Netlify builds with: the one readykit's
// go.mod names, so that Go never has to fetch another.
func goVersion() string {
	own, _ := readykit.Module()
	v, _ := parseGoMod(string(own))
	return v
}

// starterNetlify is the netlify.toml of a site made by "readykit new".
func starterNetlify() string { return netlifyTOML(siteBuild) }

// netlifyTOML is a netlify.toml that builds with the command build makes
// for an address and serves with the same security headers as the dev
// server.
func netlifyTOML(build func(url string) string) string {
	var b strings.Builder
	// "go tool" will not add a missing checksum to go.sum itself, even
	// with -mod=mod; "go mod download" of the module does.
	download := "go mod download " + modulePath + " && "
	fmt.Fprintf(&b, `# Netlify settings: build with the readykit version go.mod pins, and
# publish public/.
[build]
  # "go mod download" adds readykit's own checksum to go.sum: "readykit
  # new" cannot know it, as it exists only once a version is published.
  # Run the command once on your computer and commit go.sum, and the
  # download does nothing here.
  command = %q
  publish = "public"

[build.environment]
  GO_VERSION = %q

[context.deploy-preview]
  command = %q

[context.branch-deploy]
  command = %q

[[headers]]
  for = "/*"
  [headers.values]
`, download+build(`"$URL"`), goVersion(), download+build(`"$DEPLOY_PRIME_URL"`), download+build(`"$DEPLOY_PRIME_URL"`))
	for _, kv := range devserver.Headers {
		fmt.Fprintf(&b, "    %s = %q\n", kv[0], kv[1])
	}
	b.WriteString(`
[[headers]]
  for = "/assets/*"
  [headers.values]
    Cache-Control = "public, max-age=31536000, immutable"

[[headers]]
  for = "/sw.js"
  [headers.values]
    Cache-Control = "no-cache"
`)
	return b.String()
}

// exampleClient is one of the two clients "readykit new --portfolio"
// writes, to copy when adding a client.
type exampleClient struct {
	name, client, start string
	// header is the brand colour: white text on it and, as a link
	// colour, on the white page both pass WCAG AA (4.5:1).
	header string
}

var exampleClients = []exampleClient{
	{name: "oak-house", client: "Oak House Care", start: "2027-04-12", header: "#00563f"},
	{name: "elm-lodge", client: "Elm Lodge Care Home", start: "2027-04-19", header: "#5c2d91"},
}

func (c exampleClient) config() string {
	return fmt.Sprintf(`# %[2]s's portal. Keys here replace the shared readykit.yaml's; in
# programme, options, brand, contact and params, key by key.
title: DSPT readiness for %[2]s
client: %[2]s
# Keeps this portal's saved progress and calendar events apart from the
# other clients'. It is the folder's name unless set.
progressKey: %[1]s
# The address is set by Netlify when it builds; set it here to build the
# portal for its address on your computer.
# baseURL: https://%[1]s.netlify.app/
programme:
  start: %[3]s
brand:
  logo: %[1]s-logo.svg          # in clients/%[1]s/static/
  logoAlt: %[2]s
  colours:
    header: "%[4]s"             # header background, with white text on it
    link: "%[4]s"               # links on the white page
    focus: "#ffdd00"            # behind black text where the keyboard is
  footer: Supported by Smith Care Consulting
contact:
  name: Jo Smith
  organisation: Smith Care Consulting
  email: jo@smithcare.example
  phone: 01234 567890
  url: https://smithcare.example/contact
`, c.name, c.client, c.start, c.header)
}

// logo is a small placeholder logo in the client's colour: a house.
func (c exampleClient) logo() string {
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">
  <rect width="48" height="48" rx="8" fill="#ffffff"/>
  <path d="M8 24 24 10l16 14h-5v14H13V24z" fill="%s"/>
  <rect x="21" y="28" width="6" height="10" fill="#ffffff"/>
</svg>
`, c.header)
}

func (c exampleClient) contactPage() string {
	return fmt.Sprintf(`---
title: Contact your consultant
description: Who to ask about %[1]s's toolkit, and how to reach them.
menu: footer
weight: 5
---
Jo Smith of Smith Care Consulting is helping %[1]s with the Data
Security and Protection Toolkit. Ask Jo about anything in this guide, or
if you are not sure what an item needs.

- Email: [jo@smithcare.example](mailto:jo@smithcare.example)
- Phone: 01234 567890
`, c.client)
}

const portfolioReadme = `# Your readykit portfolio

This folder makes one DSPT readiness site (a *portal*) for each of your
clients. What every client shares is written once, here:

- readykit.yaml: the settings every portal shares
- content/: the pages and toolkit guidance
- themes/: your own templates and styles, if you have any

Each client has a folder in clients/ with its own settings (name, logo,
colours, contact details, programme dates) and, if it needs them, its own
pages: a file in clients/NAME/content/ replaces the shared file with the
same path, or adds a page. Two example clients are here: oak-house and
elm-lodge.

## Add a client

1. Copy a client's folder: clients/oak-house to clients/rose-court. The
   folder's name is the portal's name: lower-case letters, digits and
   hyphens.
2. In clients/rose-court/readykit.yaml, change title, client,
   progressKey (use the folder's name), the programme's start date, the
   brand (logo, logoAlt, colours, footer) and the contact details.
3. Put the client's logo in clients/rose-court/static/ and name it in
   brand: logo:. Delete the copied logo.
4. In clients/rose-court/netlify.toml, change --client oak-house to
   --client rose-court.

## Build and preview

    go tool readykit build                     # every client, into public/NAME/
    go tool readykit build --client oak-house  # one client, into public/oak-house/
    go tool readykit serve --client oak-house  # preview one at http://127.0.0.1:1313/
    go tool readykit check --client oak-house  # check one without building

(With readykit installed as a program, leave out "go tool".)

## Publish: one Netlify site per client

Put this folder in a Git repository (GitHub, GitLab or Bitbucket). Then,
for each client, in Netlify:

1. Add new site, Import an existing project, and pick the repository.
2. Set Base directory to clients/NAME, such as clients/oak-house.
   Netlify then reads clients/NAME/netlify.toml, which sets the build
   command, the publish folder and the security headers: leave the other
   boxes as they are.
3. Deploy. Under Domain management, name the site (oak-house.netlify.app)
   or give it the client's own domain.

Every push rebuilds every client's site, each with its own address.

## Keep readykit's version

go.mod says which readykit version builds the portals. To move to a newer
one, run

    go get -tool github.com/readykit/readykit/cmd/readykit@latest

then build, check the portals, and commit go.mod and go.sum.
`
