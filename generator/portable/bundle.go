package portable

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Bundle makes one classic script of the module entry (such as
// "js/app.js", which must be in js/) and everything it imports, dynamic imports included, since
// browsers refuse module scripts from file:// URLs. The modules are read
// from files, the build's own (a site's scripts that override the theme's
// among them), never from disk.
//
// Pages opened from disk cannot fetch() either, so the bundle carries the
// JSON files under data/ and answers the scripts' fetch() of them itself;
// every root-relative "url" in them (an item's page) is made the file://
// address of that page's index.html in the copy, found from the bundle's
// own address. The scripts are unchanged for this, and so is what the
// published site loads.
//
// It returns the script and a name for it beside the entry that changes
// with its content, such as js/readykit-app.1a2b3c4d.js.
func Bundle(files map[string][]byte, entry, base string, minify bool) (name string, script []byte, err error) {
	var data []string
	for p := range files {
		if strings.HasPrefix(p, "data/") && strings.HasSuffix(p, ".json") {
			data = append(data, p)
		}
	}
	slices.Sort(data)
	var shim strings.Builder
	shim.WriteString(shimHead)
	fmt.Fprintf(&shim, "const base = %s;\nconst data = {\n", quote(base))
	for _, p := range data {
		fmt.Fprintf(&shim, "  %s: %s,\n", quote(p), quote(string(files[p])))
	}
	shim.WriteString("};\n")
	shim.WriteString(shimTail)

	plugin := api.Plugin{Name: "readykit", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if a.Path == shimPath {
				return api.OnResolveResult{Path: shimPath, Namespace: "rk-shim"}, nil
			}
			p := a.Path
			if a.Kind != api.ResolveEntryPoint {
				if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
					return api.OnResolveResult{}, fmt.Errorf("the script imports %q, which is not a file of the site; the portable copy can only take in ./ and ../ imports", a.Path)
				}
				p = path.Join(path.Dir(a.Importer), p)
			}
			if _, ok := files[p]; !ok {
				return api.OnResolveResult{}, fmt.Errorf("the script imports %s, which the site does not have", p)
			}
			return api.OnResolveResult{Path: p, Namespace: "rk"}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "rk"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			s := string(files[a.Path])
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "rk-shim"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			s := shim.String()
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{entry},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatIIFE,
		Platform:    api.PlatformBrowser,
		Target:      api.ES2020,
		Inject:      []string{shimPath},
		// The modules find the data next to themselves; the bundle stands
		// in the same folder, js/, so its own address serves.
		Define:            map[string]string{"import.meta.url": "rkScriptURL"},
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      minify,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		LogLevel:          api.LogLevelSilent,
		Outfile:           "bundle.js",
		Plugins:           []api.Plugin{plugin},
	})
	if len(res.Errors) > 0 {
		var errs []error
		for _, m := range res.Errors {
			e := &ScriptError{Msg: m.Text}
			if l := m.Location; l != nil {
				e.Path, e.Line, e.Col = strings.TrimPrefix(l.File, "rk:"), l.Line, l.Column+1
			}
			errs = append(errs, e)
		}
		return "", nil, errors.Join(errs...)
	}
	if len(res.OutputFiles) != 1 {
		return "", nil, fmt.Errorf("bundling the scripts for the portable copy made %d files, not one", len(res.OutputFiles))
	}
	script = res.OutputFiles[0].Contents
	sum := sha256.Sum256(script)
	// The name starts js/readykit-, which the injected module looks for.
	return "js/readykit-" + strings.TrimSuffix(path.Base(entry), ".js") + "." + hex.EncodeToString(sum[:4]) + ".js", script, nil
}

// ScriptError is a problem the bundler found in a script: its path in
// the site's files, line and column (from 1; 0 when it has none).
type ScriptError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ScriptError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// shimPath names the module that stands in for fetch() in the bundle.
const shimPath = "readykit:portable-shim"

func quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals; JSON strings are JavaScript strings
	return string(b)
}

// shimHead and shimTail are the module injected into the bundle: esbuild
// makes every use of the global fetch in the scripts use its fetch.
const shimHead = `// Pages opened from disk cannot fetch() files, so the bundle carries the
// site's data and answers for it.
// The bundle's own element: while it first runs it is currentScript; a
// module the bundle starts later (after an await) finds it by its name.
const script = document.currentScript || document.querySelector('script[src*="js/readykit-"]');
export const rkScriptURL = script ? script.src : location.href;
`

const shimTail = `const root = new URL('../', rkScriptURL).href;
// An address of the published site ("/items/1.1.1/") becomes the file of
// the copy that has that page.
function local(u) {
  if (typeof u != 'string' || !u.startsWith(base) || u.startsWith('//')) return u;
  const cut = u.search(/[?#]/);
  let p = (cut < 0 ? u : u.slice(0, cut)).slice(base.length);
  if (p == '' || p.endsWith('/')) p += 'index.html';
  return root + p + (cut < 0 ? '' : u.slice(cut));
}
function fix(v) {
  if (Array.isArray(v)) return v.map(fix);
  if (v && typeof v == 'object') {
    for (const k of Object.keys(v)) v[k] = k == 'url' ? local(v[k]) : fix(v[k]);
  }
  return v;
}
const own = globalThis.fetch;
export function fetch(input, init) {
  const u = String(input instanceof Request ? input.url : input);
  if (u.startsWith(root)) {
    const name = u.slice(root.length).split(/[?#]/)[0];
    if (Object.hasOwn(data, name)) {
      return Promise.resolve(new Response(JSON.stringify(fix(JSON.parse(data[name]))), { headers: { 'content-type': 'application/json' } }));
    }
  }
  return own.call(globalThis, input, init);
}
`
