package benchsite

import (
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/readykit/readykit"
)

// SharedEdit is the text of the one guidance edit a portfolio's shared
// content carries, which every client's site must show.
const SharedEdit = "Portfolio guidance edit: check the backup log every Friday."

// EditedPage is the shared page that carries SharedEdit, and its address.
const (
	EditedPage = "content/about.md"
	EditedURL  = "about/index.html"
)

// Client describes generated client i (from 1) of a portfolio: its folder
// name and the settings that make it its own.
type Client struct {
	Name    string // folder name, such as client-03
	Title   string // the site's title, such as Client 03 Care
	Contact string // the contact's e-mail address
	Colour  string // the header colour, dark enough for white text
	Logo    string // the logo's file name under the client's static/
}

// ClientInfo gives generated client i (from 1).
func ClientInfo(i int) Client {
	// Dark colours, each different, all well past 4.5:1 against white.
	colours := []string{"#00563f", "#1d3a6e", "#5a1e5c", "#6b2a00", "#0b4f6c", "#3d3d3d", "#4a2c82", "#004d40", "#7a1f2b", "#243b55", "#2e4600", "#5c3300"}
	return Client{
		Name:    fmt.Sprintf("client-%02d", i),
		Title:   fmt.Sprintf("Client %02d Care", i),
		Contact: fmt.Sprintf("manager%02d@client%02d.example", i, i),
		Colour:  colours[(i-1)%len(colours)],
		Logo:    fmt.Sprintf("client-%02d-logo.svg", i),
	}
}

// ClientConfig is client i's readykit.yaml in a portfolio: its name,
// contact and brand over the shared settings.
func ClientConfig(i int) string {
	c := ClientInfo(i)
	return fmt.Sprintf(`title: %s
client: %s Ltd
brand:
  logo: %s
  logoAlt: %s
  colours:
    header: "%s"
  footer: Supported by Bench Consulting
contact:
  name: Manager %02d
  organisation: Bench Consulting
  email: %s
`, c.Title, c.Title, c.Logo, c.Title, c.Colour, i, c.Contact)
}

// logo is a small SVG logo for client i.
func logo(i int) []byte {
	c := ClientInfo(i)
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="%s"/><text x="10" y="26" fill="#fff">%s</text></svg>`+"\n", c.Colour, c.Title)
}

// shared is the default site (readykit.Starter()) with SharedEdit added
// to EditedPage: what a consultant writes once.
func shared() fstest.MapFS {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(readykit.Starter(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(readykit.Starter(), p)
		if p == EditedPage {
			data = append(data, "\n"+SharedEdit+"\n"...)
		}
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		panic(err)
	}
	return fsys
}

// Portfolio returns a portfolio of n generated clients over the default
// site with one shared guidance edit: each client has its own settings
// (ClientConfig) and logo, and nothing else of its own.
func Portfolio(n int) fstest.MapFS {
	fsys := shared()
	for i := 1; i <= n; i++ {
		c := ClientInfo(i)
		fsys["clients/"+c.Name+"/readykit.yaml"] = &fstest.MapFile{Data: []byte(ClientConfig(i))}
		fsys["clients/"+c.Name+"/static/"+c.Logo] = &fstest.MapFile{Data: logo(i)}
	}
	return fsys
}

// Separate returns client i of Portfolio as a site of its own: a full copy
// of the shared site with the client's settings written into its
// readykit.yaml and its logo in static/, as a consultant without a
// portfolio keeps each client.
func Separate(i int) fstest.MapFS {
	fsys := shared()
	c := ClientInfo(i)
	cfg := string(fsys["readykit.yaml"].Data)
	var keep []string
	for _, line := range strings.Split(cfg, "\n") {
		// The client's title replaces the shared one.
		if !strings.HasPrefix(line, "title:") {
			keep = append(keep, line)
		}
	}
	fsys["readykit.yaml"] = &fstest.MapFile{Data: []byte(strings.Join(keep, "\n") + "\nprogressKey: " + c.Name + "\n" + ClientConfig(i))}
	fsys["static/"+c.Logo] = &fstest.MapFile{Data: logo(i)}
	return fsys
}
