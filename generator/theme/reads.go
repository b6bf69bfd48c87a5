package theme

import (
	"slices"
	"text/template/parse"
)

// OnlyOwn reports whether the templates read field of a page only as
// .Page.<field> of the page being rendered: in base.html, a layout's
// "main" or "head", or a layout file itself, outside any with or range
// (which change dot), while every call of "main" and "head" passes them
// dot unchanged. Any other mention of field, in a partial, through a
// variable, a chain or another page (.Page.Parent.<field>), says no. The
// build reads this of "Content" to know that a page's Markdown shows on
// that page alone, so an edit of it renders that page again, no other.
//
// It errs on the side of no: a theme that reads field in a way this does
// not follow only loses that shortcut. Printing a whole page with printf
// would show field too, but also the addresses of its pointers, which
// differ on every build, so no theme that builds the same twice does it.
func (t *Theme) OnlyOwn(field string) bool {
	for name, lt := range t.layouts {
		for _, tmpl := range lt.Templates() {
			if tmpl.Tree == nil || tmpl.Tree.Root == nil {
				continue
			}
			n := tmpl.Name()
			root := n == "layouts/base.html" || n == "main" || n == "head" || n == "layouts/"+name+".html"
			w := walker{field: field, root: root}
			w.list(tmpl.Tree.Root, root)
			if w.bad {
				return false
			}
		}
	}
	return true
}

// walker looks through one template for reads of field.
type walker struct {
	field string
	root  bool // the template's dot and $ are the page's data
	bad   bool
}

// list walks a list of nodes; atRoot says dot is the page's data there.
func (w *walker) list(l *parse.ListNode, atRoot bool) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n, atRoot)
	}
}

func (w *walker) node(n parse.Node, atRoot bool) {
	switch n := n.(type) {
	case *parse.ActionNode:
		w.pipe(n.Pipe, atRoot)
	case *parse.IfNode:
		w.branch(&n.BranchNode, atRoot, atRoot)
	case *parse.WithNode:
		w.branch(&n.BranchNode, atRoot, false)
	case *parse.RangeNode:
		w.branch(&n.BranchNode, atRoot, false)
	case *parse.ListNode:
		w.list(n, atRoot)
	case *parse.TemplateNode:
		if n.Name == "main" || n.Name == "head" {
			// Their dot must be this one, the page's data.
			if !atRoot || !w.root || !isDot(n.Pipe) {
				w.bad = true
			}
		}
		w.pipe(n.Pipe, atRoot)
	}
}

// branch walks an if, with or range; inside says whether dot is still the
// page's data in its lists. With and range keep dot in their else lists,
// but taking it as changed there errs on the side of no.
func (w *walker) branch(b *parse.BranchNode, atRoot, inside bool) {
	w.pipe(b.Pipe, atRoot)
	w.list(b.List, inside)
	w.list(b.ElseList, inside)
}

func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

func (w *walker) pipe(p *parse.PipeNode, atRoot bool) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			w.arg(a, atRoot)
		}
	}
}

func (w *walker) arg(a parse.Node, atRoot bool) {
	switch a := a.(type) {
	case *parse.FieldNode:
		if slices.Contains(a.Ident, w.field) && !(atRoot && w.root && slices.Equal(a.Ident, []string{"Page", w.field})) {
			w.bad = true
		}
	case *parse.VariableNode:
		if slices.Contains(a.Ident, w.field) && !(w.root && slices.Equal(a.Ident, []string{"$", "Page", w.field})) {
			w.bad = true
		}
	case *parse.ChainNode:
		if slices.Contains(a.Field, w.field) {
			w.bad = true
		}
		w.arg(a.Node, atRoot)
	case *parse.PipeNode:
		w.pipe(a, atRoot)
	case *parse.IdentifierNode, *parse.DotNode, *parse.NilNode, *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
	default:
		// A node this does not know may read anything.
		w.bad = true
	}
}
