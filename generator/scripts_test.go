package generator

import (
	"slices"
	"strings"
	"testing"
)

func TestModuleImports(t *testing.T) {
	src := `import { a } from './a.js';
import './side.js';
import b, * as c from "../lib/b.js";
import x from 'bare-package';
import y from 'https://example.org/y.js';
export { d } from './d.js';
export * from './e.js';
export const f = 1;
const g = () => import('./dynamic.js');
if (g) { /* import './not-a-statement.js' */ }
const re = /import '.\/regexp.js'/;
`
	got, err := moduleImports("js/app/main.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"js/app/a.js", "js/app/side.js", "js/lib/b.js", "js/app/d.js", "js/app/e.js"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	_, err = moduleImports("js/bad.js", []byte("import { a } from './a.js';\nconst = 1;\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "js/bad.js:2:") {
		t.Errorf("a script that does not parse gave %v, want an error at js/bad.js:2:", err)
	}
}

func graphOf(files map[string]string) *moduleGraph {
	return &moduleGraph{files: func() map[string]func() ([]byte, error) {
		out := map[string]func() ([]byte, error){}
		for p, src := range files {
			out[p] = func() ([]byte, error) { return []byte(src), nil }
		}
		return out
	}}
}

func TestPreload(t *testing.T) {
	g := graphOf(map[string]string{
		"js/app.js":     "import './session.js'; import './dom.js'; const p = () => import('./page.js');",
		"js/session.js": "import './words.js'; import './dom.js';",
		"js/dom.js":     "export const $ = 1;",
		"js/words.js":   "import './session.js';", // a cycle
		"js/page.js":    "import './dom.js'; import './form.js';",
		"js/form.js":    "import './words.js'; import './late.js';",
		"js/late.js":    "",
		"js/other.js":   "import './late.js';",
	})
	for _, c := range []struct {
		entry   string
		started []string
		want    []string
	}{
		// Breadth first, in the order the files name them; not the entry,
		// which its script element loads, nor what it starts with import().
		{"js/app.js", nil, []string{"js/session.js", "js/dom.js", "js/words.js"}},
		// A started module and what it adds to the entry's.
		{"js/app.js", []string{"js/page.js"}, []string{"js/page.js", "js/form.js", "js/late.js"}},
		{"js/app.js", []string{"js/page.js", "js/other.js"}, []string{"js/page.js", "js/other.js", "js/form.js", "js/late.js"}},
		{"js/late.js", nil, []string{}},
		{"js/nothing.js", nil, nil},
	} {
		if got := g.preload(c.entry, c.started...); !slices.Equal(got, c.want) {
			t.Errorf("preload(%s, %q) = %q, want %q", c.entry, c.started, got, c.want)
		}
	}

	// A missing import is left out; a script that does not parse is
	// preloaded, its imports not followed; neither stops the build.
	g = graphOf(map[string]string{
		"js/app.js": "import './gone.js'; import './bad.js'; import './ok.js';",
		"js/bad.js": "import './ok2.js';\nconst = ;",
		"js/ok.js":  "",
		"js/ok2.js": "",
	})
	if got, want := g.preload("js/app.js"), []string{"js/bad.js", "js/ok.js"}; !slices.Equal(got, want) {
		t.Errorf("with a missing import and a bad script, preload = %q, want %q", got, want)
	}
}
