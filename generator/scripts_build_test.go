package generator_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestPreloadsSiteScripts: the preload links come from the build's own
// scripts, so a site's dom.js that imports a module of its own has that
// module preloaded on every page, under the site's base path, and the
// item page still preloads itemform.js after app.js's list.
func TestPreloadsSiteScripts(t *testing.T) {
	dom := string(mustRead(t, "../themes/default/static/js/dom.js"))
	mem := buildWith(t, func(cfg string) string {
		return regexp.MustCompile(`(?m)^baseURL:.*$`).ReplaceAllString(cfg, "baseURL: https://example.org/dspt/")
	}, map[string]string{
		"static/js/dom.js":   "import { extra } from './extra.js';\n" + dom,
		"static/js/extra.js": "export const extra = 1;\n",
	}, false)
	links := func(p string) []string {
		page, ok := mem.Get(p)
		if !ok {
			t.Fatalf("no %s", p)
		}
		var out []string
		for _, m := range regexp.MustCompile(`<link rel="modulepreload" href="([^"]+)">`).FindAllStringSubmatch(string(page), -1) {
			out = append(out, m[1])
		}
		return out
	}
	check := links("checklist/index.html")
	if !strings.Contains(strings.Join(check, " "), "/dspt/js/dom.js /dspt/js/progress.js") || !slices.Contains(check, "/dspt/js/extra.js") {
		t.Errorf("the checklist preloads %q, not the site's extra.js after app.js's own imports", check)
	}
	item := links("items/1.1.1/index.html")
	if len(item) != len(check)+5 || !slices.Contains(item, "/dspt/js/itemform.js") || strings.Join(item[:len(check)], " ") != strings.Join(check, " ") {
		t.Errorf("the item page preloads %q; want the checklist's %q, then itemform.js and its 4 imports", item, check)
	}
}
