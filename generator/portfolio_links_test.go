package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/generator/sitefs"
	"github.com/readykit/readykit/themes"
)

// Links in a portfolio on disk: a client folder that is a link is said,
// not silently left out of the build, and a client's page that links out
// of the portfolio is refused with why, naming the client's file (not
// "no such file", as when the client's layer was passed over for the
// shared one).
func TestPortfolioLinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, portfolio(t)); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Secret\n---\nNot the site's.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(client string) string {
		t.Helper()
		src, c, err := sitefs.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		opts := generator.Options{Source: src, Theme: themes.Default(), Client: client}
		if client == "" {
			_, err = generator.BuildPortfolio(context.Background(), opts, &publish.Memory{}, nil)
		} else {
			_, err = generator.Build(context.Background(), opts, &publish.Memory{})
		}
		if err == nil {
			t.Fatal("the build succeeded")
		}
		return err.Error()
	}

	leak := filepath.Join(dir, "clients", "oak-house", "content", "leak.md")
	if err := os.Symlink(filepath.Join(outside, "secret.md"), leak); err != nil {
		t.Fatal(err)
	}
	got := build("oak-house")
	if !strings.Contains(got, "clients/oak-house/content/leak.md: this is a link that leads outside the site folder") || strings.Contains(got, "no such file") {
		t.Errorf("a client's link out of the portfolio:\n%s", got)
	}
	if err := os.Remove(leak); err != nil {
		t.Fatal(err)
	}

	if err := os.Symlink(filepath.Join(dir, "clients", "elm-lodge"), filepath.Join(dir, "clients", "rose-court")); err != nil {
		t.Fatal(err)
	}
	if got := build(""); !strings.Contains(got, "clients/rose-court: this client folder is a link") {
		t.Errorf("a linked client folder:\n%s", got)
	}
}
