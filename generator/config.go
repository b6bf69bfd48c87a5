package generator

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
	"github.com/readykit/readykit/generator/plan"
)

// ConfigFile is the name of a site's settings file.
const ConfigFile = "readykit.yaml"

// Config is a site's settings, from readykit.yaml.
type Config struct {
	// Title names the site, in the header and every page title.
	Title string `yaml:"title,required"`
	// Description is a sentence about the site, for search engines.
	Description string `yaml:"description"`
	// Organisation is who publishes the site: a consultant, a local
	// support organisation, a care provider.
	Organisation string `yaml:"organisation"`
	// Client names the care provider a consultant's portal is for. Reports
	// and the calendar's events name it; programme.client defaults to it.
	Client string `yaml:"client"`
	// BaseURL is the address the site is published at, such as
	// https://dspt.example.org/. It is needed for the sitemap.
	BaseURL string `yaml:"baseURL"`
	// ProgressKey keeps this site's saved progress apart from other readykit
	// sites in the same browser at the same address (such as several
	// clients' sites under one domain). It defaults to "readykit".
	ProgressKey string `yaml:"progressKey"`
	// Edition is the id of the toolkit edition the site covers.
	Edition string `yaml:"edition,required"`
	// PlanRules is the id of the rule set improvement plans are checked
	// against by default, from content/data/plans. It defaults to the
	// newest.
	PlanRules string `yaml:"planRules"`
	// OrganisationType says what kind of organisation the site is for:
	// care-provider (the default) gets the Approaching Standards action
	// plan; nhs-body or local-authority gets the improvement plan, checked
	// against the rule sets that apply to it.
	OrganisationType string `yaml:"organisationType"`
	// Theme names the folder under themes/ whose files replace the
	// embedded theme's. It defaults to "default".
	Theme string `yaml:"theme"`
	// Language is the language of the content, as a tag such as en-GB.
	Language string `yaml:"language"`
	// Options switch optional behaviour on.
	Options SiteOptions `yaml:"options"`
	// Programme fixes the programme's dates, for a consultant's client
	// portal: the programme page then shows every week's dates and offers
	// a calendar file. Readers can still set their own.
	Programme ProgrammeDates `yaml:"programme"`
	// Brand is the client's look: logo, colours and a footer line.
	Brand Brand `yaml:"brand"`
	// Contact is who readers can ask about the site, shown in every
	// page's footer.
	Contact Contact `yaml:"contact"`
	// Params are free-form settings for a site's own templates, which
	// see them as .Site.Params. readykit itself reads none of them.
	Params map[string]any `yaml:"params"`

	Src content.Source

	// base is the path part of BaseURL, such as "/" or "/dspt/": what
	// every address in the site starts with. normalise sets it.
	base string
}

// nested says where settings people write at the top level belong.
var nested = map[string]string{
	"logo": "brand", "logoAlt": "brand", "colours": "brand", "colors": "brand", "footer": "brand",
	"name": "contact", "email": "contact", "phone": "contact", "url": "contact",
}

// KeyHint points a top-level key that belongs in brand: or contact: to
// its place, as a consultant branding a client first writes logo: at the
// top.
func (c *Config) KeyHint(key string) string {
	in, ok := nested[key]
	if !ok {
		return ""
	}
	if key == "colors" {
		key = "colours"
	}
	return fmt.Sprintf("Write it under %s:, as %s.%s (see the README's table of settings)", in, in, key)
}

// ProgrammeDates are the programme settings in readykit.yaml. Either date
// may be left out: with only a start, the deadline is the edition's (or,
// for a start after it, the same day a year later); with only a deadline,
// the programme is counted back from it.
type ProgrammeDates struct {
	Start    content.Date `yaml:"start"`
	Deadline content.Date `yaml:"deadline"`
	// Client names the organisation the programme is for, in the
	// calendar's events.
	Client string `yaml:"client"`
	Src    content.Source
}

// Set reports whether either date is fixed.
func (p ProgrammeDates) Set() bool { return !p.Start.IsZero() || !p.Deadline.IsZero() }

// SiteOptions are switches in readykit.yaml.
type SiteOptions struct {
	// RawHTML lets HTML written in Markdown through to the pages. It is off
	// by default so content cannot add scripts by accident.
	RawHTML bool `yaml:"rawHTML"`
	// AllowedHosts names the hosts, such as images.example.org, that images
	// in Markdown may load from. There are none by default: reading the
	// site sends nothing to anyone else. The site's Content-Security-Policy
	// must allow them too (img-src), or browsers will not show them.
	AllowedHosts []content.Text `yaml:"allowedHosts"`
	// Offline, when false, turns offline use off: the pages register no
	// service worker, and the sw.js published releases any a browser
	// installed earlier. It is on by default (nil).
	Offline *bool `yaml:"offline"`
	// Portable, when false, stops the build making the portable copy
	// (a .zip of the site that works opened from disk) and the links to
	// it. It is on when not set.
	Portable *bool `yaml:"portable"`
}

// portableOn reports whether the build makes the portable copy.
func (o SiteOptions) portableOn() bool { return o.Portable == nil || *o.Portable }

// hostName is a plain host name: letters, digits and hyphens, with dots.
var hostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// Hosts lists AllowedHosts as plain strings.
func (o SiteOptions) Hosts() []string {
	out := make([]string, len(o.AllowedHosts))
	for i, h := range o.AllowedHosts {
		out[i] = strings.ToLower(h.Value)
	}
	return out
}

var (
	languageTag = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$`)
	themeName   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	keyName     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
)

// normalise fills defaults and checks values no other part of the site is
// needed for.
func (c *Config) normalise(errs *diag.List) {
	c.base = "/"
	if c.Theme == "" {
		c.Theme = "default"
	} else if !themeName.MatchString(c.Theme) {
		errs.Addf(c.Src.At("theme"), "Use lower-case letters, digits, - and _", "theme name %q is not a plain folder name", c.Theme)
	}
	if c.ProgressKey == "" {
		c.ProgressKey = "readykit"
	} else if !keyName.MatchString(c.ProgressKey) {
		errs.Addf(c.Src.At("progressKey"), "Use up to 40 lower-case letters, digits and hyphens", "progressKey %q cannot be used", c.ProgressKey)
	}
	if c.OrganisationType == "" {
		c.OrganisationType = plan.CareProvider
	} else if _, ok := plan.OrganisationTypes[c.OrganisationType]; !ok {
		errs.Addf(c.Src.At("organisationType"), "Use one of: "+strings.Join(plan.TypeNames, ", "), "organisationType %q is not a kind of organisation readykit knows", c.OrganisationType)
	}
	if c.Programme.Client == "" {
		c.Programme.Client = c.Client
	}
	if c.Language == "" {
		c.Language = "en-GB"
	} else if !languageTag.MatchString(c.Language) {
		errs.Addf(c.Src.At("language"), "Use a language tag such as en-GB or cy", "%q is not a language tag", c.Language)
	}
	if p := c.Programme; !p.Start.IsZero() && !p.Deadline.IsZero() && p.Deadline.Before(p.Start.Time) {
		errs.Addf(p.Src.At("deadline"), "Set a deadline after the start, or leave it out to use the first deadline after the start", "the programme's deadline %s comes before its start %s", p.Deadline, p.Start)
	}
	for _, h := range c.Options.AllowedHosts {
		if !hostName.MatchString(strings.ToLower(h.Value)) {
			errs.Addf(h.Pos, "Write the host name alone, such as images.example.org, without https:// or a path", "%q is not a host name", h.Value)
		}
	}
	c.Brand.check(errs)
	c.Contact.check(errs)
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			errs.Addf(c.Src.At("baseURL"), "Write the full address, such as https://dspt.example.org/", "baseURL %q is not a web address", c.BaseURL)
			return
		}
		if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
		if p := strings.TrimSuffix(u.Path, "/") + "/"; strings.HasPrefix(p, "/") {
			c.base = p
		}
	}
}
