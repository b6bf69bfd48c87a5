package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestServeShowsWarnings: on a day after the edition's deadline, serve
// puts the same warning as build at the top of the page, and in its log.
func TestServeShowsWarnings(t *testing.T) {
	dir := baseSite(t)
	t.Setenv(todayEnv, "2025-07-01")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	addr, errs, done := startServe(ctx, t, &serveOptions{Source: dir, Bind: "127.0.0.1"})
	status, body, _ := get(t, ctx, addr)
	want := "<code>readykit.yaml:3:10</code> the edition test-edition had its deadline on 30 June 2025, which has passed"
	if status != 200 || !strings.Contains(body, want) || !strings.Contains(body, "Start with the") {
		t.Errorf("home: %d, want the page with %q:\n%s", status, want, body)
	}
	cancel()
	<-done
	if log := errs.String(); !strings.Contains(log, "readykit.yaml:3:10: warning: the edition test-edition had its deadline on 30 June 2025") {
		t.Errorf("log:\n%s", log)
	}
}
