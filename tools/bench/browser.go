package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// browserResult is what tools/browserbench/run.mjs reports of the default
// site in headless Chromium: its JSON when it prints one, else its text.
type browserResult struct {
	Skipped string          `json:"skipped,omitempty"`
	JSON    json.RawMessage `json:"json,omitempty"`
	Text    string          `json:"text,omitempty"`
}

// benchBrowser builds the default site and runs tools/browserbench/run.mjs
// on it, if that script is there, with the site's folder as its argument
// and as SITE_DIR.
func benchBrowser(env *env) (*browserResult, error) {
	script := filepath.Join(env.root, "tools", "browserbench", "run.mjs")
	if _, err := os.Stat(script); err != nil {
		return &browserResult{Skipped: "no tools/browserbench/run.mjs"}, nil
	}
	site := filepath.Join(env.out, "browser-site")
	if _, err := timeCommand([]string{env.readykit, "build", "--quiet", "--source", env.root, "--dest", site}); err != nil {
		return nil, err
	}
	env.logf("browser: node %s %s", script, site)
	cmd := exec.Command("node", script, site)
	cmd.Dir = env.root
	cmd.Env = append(os.Environ(), "SITE_DIR="+site, "CHROME_PATH=/usr/bin/chromium")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", script, err, out.Bytes())
	}
	res := &browserResult{Text: strings.TrimSpace(out.String())}
	if json.Valid(out.Bytes()) {
		res.JSON = json.RawMessage(bytes.TrimSpace(out.Bytes()))
		return res, nil
	}
	// Else the last line that is JSON, if any.
	lines := strings.Split(res.Text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); strings.HasPrefix(l, "{") && json.Valid([]byte(l)) {
			res.JSON = json.RawMessage(l)
			break
		}
	}
	return res, nil
}
