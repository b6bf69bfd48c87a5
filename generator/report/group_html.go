package report

import (
	"bytes"
	_ "embed"
	"html/template"

	"github.com/readykit/readykit/generator/plan"
	"github.com/readykit/readykit/generator/words"
)

// The group view's page is one file to email or print, like the report,
// so its styles travel inside it, and it has no script.
//
//go:embed group.html
var groupHTML string

var groupTemplate = template.Must(template.New("group").Funcs(template.FuncMap{
	"date":         day,
	"plural":       words.Plural,
	"groupColumns": func() []string { return plan.GroupColumns },
}).Parse(groupHTML))

// HTML renders the group view as a standalone page that prints on A4
// landscape: the table, whose columns wrap rather than run off the page,
// with its header on every printed page, then the files left out and why.
func (g *GroupReport) HTML() ([]byte, error) {
	var b bytes.Buffer
	if err := groupTemplate.Execute(&b, g); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
