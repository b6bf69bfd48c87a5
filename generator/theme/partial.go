package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"text/template/parse"
)

// partialFunc is the name templates call Partial by (the build's
// FuncMap gives it); the theme finds its calls by it when it decides
// which partials Partial may keep.
const partialFunc = "partialCached"

// partials is what Partial needs of a parsed theme: the set it runs
// partials from, and what it may do with each.
type partials struct {
	// set is base.html and the partials, as parsed, run by nothing
	// else: a layout's set would do as well, but which layout is being
	// rendered is not known to a function, and every layout's partials
	// are the same files.
	set *template.Template
	use map[string]partialUse // by template name, for every partial
}

// partialUse is what Partial may do with one partial.
type partialUse struct {
	// keep: the partial, and every template it calls, come from the
	// folder of every template that calls it through Partial, so the
	// keys those callers give were written for it.
	keep bool
	// calls names a template that is not a partial, such as "main", which
	// the partial calls: each layout has its own, which Partial, running
	// the partial from base.html's set, would not find.
	calls string
}

type memoKey struct{ name, key string }

// Partial renders the partial called name with data, as {{template name
// data}} would in the text of an HTML page, and keeps what it made under
// key for the rest of the build: another call with the same name and key
// gets it without running the partial again. It is the template function
// partialCached, for the pieces of a page shell that depend on little of
// the page (the header, the footer) and cost much of every page's time.
//
// The key must name everything the partial's output depends on that is
// not the same on every page of the build (the site is), such as which
// menu entry is the current page's; with a key that misses something,
// pages show what another page made, and which one depends on the order
// pages happen to be rendered in. The result is HTML, right for the text
// of an element only: in an attribute, a script or a style, html/template
// would escape it as such, where {{template}} would have escaped the
// partial's own actions for that place.
//
// Only a key's author knows what it covers, so a partial is kept only
// when it, and every template it calls, come from the theme folder of
// every template that calls it through Partial: a site that replaces the
// built-in header, but not the base.html whose key was written for the
// built-in one, gets its header rendered on every page, as with
// {{template}}. The same goes for every partial when some call of Partial
// names its partial other than by a quoted string, since then no call
// can be said to name only its own folder's partials.
//
// It is safe to call from several goroutines at once. Two pages that miss
// the same key at the same time both render it, and the first kept wins;
// honest keys make the two the same.
func (t *Theme) Partial(name string, data any, key string) (template.HTML, error) {
	use, ok := t.parts.use[name]
	if !ok {
		return "", fmt.Errorf("%s: no partial %q: it renders partials only, named as their path, such as \"partials/header.html\"", partialFunc, name)
	}
	if use.calls != "" {
		return "", fmt.Errorf("%s: %q calls %q, which belongs to each layout; call it with {{template}}", partialFunc, name, use.calls)
	}
	k := memoKey{name, key}
	if use.keep {
		t.memo.mu.RLock()
		html, ok := t.memo.html[k]
		t.memo.mu.RUnlock()
		if ok {
			return html, nil
		}
	}
	var buf bytes.Buffer
	if err := t.parts.set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", t.fileError(err, nil)
	}
	html := template.HTML(buf.String())
	if use.keep {
		t.memo.mu.Lock()
		if had, ok := t.memo.html[k]; ok {
			html = had
		} else {
			if t.memo.html == nil {
				t.memo.html = map[memoKey]template.HTML{}
			}
			t.memo.html[k] = html
		}
		t.memo.mu.Unlock()
	}
	return html, nil
}

// findPartials decides what Partial may do with each partial of base, the
// set of base.html and the partials, called from there and from the
// layouts.
func findPartials(fsys *Overlay, base *template.Template, layouts map[string]*template.Template) partials {
	p := partials{set: base, use: map[string]partialUse{}}
	trees := map[string]*parse.Tree{}
	for _, tmpl := range base.Templates() {
		if tmpl.Tree != nil && tmpl.Tree.Root != nil {
			trees[tmpl.Name()] = tmpl.Tree
		}
	}
	layer := func(tree *parse.Tree) int {
		i, err := fsys.layerIndex(tree.ParseName)
		if err != nil {
			return -1
		}
		return i
	}

	// Every call of Partial, and the folder of the file it is in: the
	// partials' and base.html's in base, each layout's own in its set.
	callers := map[string][]int{} // partial -> the layers calling it
	dynamic := false
	note := func(tree *parse.Tree) {
		calls(tree.Root, func(string) {}, func(name string, literal bool) {
			if !literal {
				dynamic = true
				return
			}
			callers[name] = append(callers[name], layer(tree))
		})
	}
	for _, tree := range trees {
		note(tree)
	}
	for name, lt := range layouts {
		for _, tmpl := range lt.Templates() {
			if tmpl.Tree != nil && tmpl.Tree.Root != nil && tmpl.Tree.ParseName == "layouts/"+name+".html" {
				note(tmpl.Tree)
			}
		}
	}

	for name, tree := range trees {
		if !strings.HasPrefix(name, "partials/") {
			continue
		}
		// Every template the partial runs, itself included, by a
		// walk of the calls.
		seen := map[string]bool{name: true}
		queue := []string{name}
		var use partialUse
		layers := map[int]bool{layer(tree): true}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if !strings.HasPrefix(n, "partials/") {
				if use.calls == "" {
					use.calls = n
				}
				continue
			}
			tr := trees[n]
			if tr == nil {
				continue // running it reports the missing template
			}
			layers[layer(tr)] = true
			next := func(c string) {
				if !seen[c] {
					seen[c] = true
					queue = append(queue, c)
				}
			}
			calls(tr.Root, next, func(c string, literal bool) {
				if literal {
					next(c)
				}
			})
		}
		use.keep = !dynamic && len(layers) == 1 && !layers[-1]
		for _, l := range callers[name] {
			if !layers[l] {
				use.keep = false
			}
		}
		p.use[name] = use
	}
	return p
}

// calls finds, under n, every {{template}} call (tmpl, with the name it
// calls) and every call of Partial (partial, with the name it renders
// when that is a quoted string, literal).
func calls(n parse.Node, tmpl func(string), partial func(name string, literal bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			calls(c, tmpl, partial)
		}
	case *parse.ActionNode:
		calls(n.Pipe, tmpl, partial)
	case *parse.IfNode:
		calls(&n.BranchNode, tmpl, partial)
	case *parse.WithNode:
		calls(&n.BranchNode, tmpl, partial)
	case *parse.RangeNode:
		calls(&n.BranchNode, tmpl, partial)
	case *parse.BranchNode:
		calls(n.Pipe, tmpl, partial)
		calls(n.List, tmpl, partial)
		if n.ElseList != nil {
			calls(n.ElseList, tmpl, partial)
		}
	case *parse.TemplateNode:
		tmpl(n.Name)
		if n.Pipe != nil {
			calls(n.Pipe, tmpl, partial)
		}
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			calls(c, tmpl, partial)
		}
	case *parse.CommandNode:
		if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == partialFunc {
			if len(n.Args) > 1 {
				s, ok := n.Args[1].(*parse.StringNode)
				if ok {
					partial(s.Text, true)
				} else {
					partial("", false)
				}
			} else {
				partial("", false)
			}
		}
		for _, a := range n.Args {
			calls(a, tmpl, partial)
		}
	case *parse.ChainNode:
		calls(n.Node, tmpl, partial)
	}
}
