package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/readykit/readykit/generator/internal/vectors"
	"github.com/readykit/readykit/generator/publish"
	"github.com/readykit/readykit/themes"
)

// buildSearchIndex builds the repository's own site, unminified, and
// returns the files the search index is checked against.
func buildSearchIndex(t *testing.T) (index, toolkitData, glossary []byte) {
	t.Helper()
	var mem publish.Memory
	if _, err := Build(context.Background(), Options{Source: os.DirFS(".."), Theme: themes.Default()}, &mem); err != nil {
		t.Fatal(err)
	}
	get := func(p string) []byte {
		data, ok := mem.Get(p)
		if !ok {
			t.Fatalf("the build wrote no %s", p)
		}
		return data
	}
	return get("data/search.json"), get("data/toolkit.json"), get("glossary/index.html")
}

// TestSearchIndex: the default site's search index has every item of the
// edition and every glossary term, each linked to its page, with the words
// of the guidance as text; and two builds write the same bytes.
func TestSearchIndex(t *testing.T) {
	data, tk, glossary := buildSearchIndex(t)
	again, _, _ := buildSearchIndex(t)
	if !bytes.Equal(data, again) {
		t.Errorf("two builds write different search indexes, from byte %d", firstDifference(data, again))
	}
	var idx searchJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&idx); err != nil {
		t.Fatalf("data/search.json does not read back: %v", err)
	}
	if idx.Format != "readykit-search" || idx.Version != 1 {
		t.Errorf("format %q version %d", idx.Format, idx.Version)
	}

	// The edition's items are toolkit.json's.
	var edition struct{ Items []struct{ ID string } }
	if err := json.Unmarshal(tk, &edition); err != nil {
		t.Fatal(err)
	}
	var wantIDs, gotIDs []string
	for _, it := range edition.Items {
		wantIDs = append(wantIDs, it.ID)
	}
	for _, it := range idx.Items {
		gotIDs = append(gotIDs, it.ID)
		if it.URL != itemURL(it.ID) {
			t.Errorf("item %s links to %s", it.ID, it.URL)
		}
		if it.Title == "" || it.Standard == 0 || idx.Levels[it.Level] == "" {
			t.Errorf("item %s is missing its title, level or standard: %+v", it.ID, it)
		}
	}
	if len(wantIDs) < 40 || !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("the index lists items %v, want the edition's %v", gotIDs, wantIDs)
	}

	m, err := Load(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	var wantTerms, gotTerms []string
	for _, g := range m.Data.Glossary {
		wantTerms = append(wantTerms, g.ID)
	}
	for _, g := range idx.Terms {
		gotTerms = append(gotTerms, g.ID)
		if g.URL != "/glossary/#"+g.ID || !bytes.Contains(glossary, []byte(`id="`+g.ID+`"`)) {
			t.Errorf("term %s links to %s, which the glossary page does not have", g.ID, g.URL)
		}
		if g.Term == "" || g.Definition == "" {
			t.Errorf("term %s has no term or definition", g.ID)
		}
	}
	if len(wantTerms) < 20 || !slices.Equal(gotTerms, wantTerms) {
		t.Errorf("the index lists terms %v, want the glossary's %v", gotTerms, wantTerms)
	}

	// Words found only in the guidance's Markdown body, as the reader
	// reads them: emphasis gone, the typographer's apostrophe kept.
	text := map[string]string{}
	for _, it := range idx.Items {
		text[it.ID] = it.Text
	}
	for id, want := range map[string]string{
		"1.1.1": "How to find it. Look for an email or letter from the ICO",
		"7.3.4": "backups",
	} {
		if !strings.Contains(text[id], want) {
			t.Errorf("item %s's text has no %q:\n%s", id, want, text[id])
		}
	}
	if strings.Contains(text["1.1.1"], "**") {
		t.Errorf("item 1.1.1's text keeps Markdown's marks:\n%s", text["1.1.1"])
	}
	var urls []string
	for _, p := range idx.Pages {
		urls = append(urls, p.URL)
	}
	for _, want := range []string{"/", "/checklist/", "/standards/1/"} {
		if !slices.Contains(urls, want) {
			t.Errorf("the index has no page %s: %v", want, urls)
		}
	}
	for _, not := range []string{"/404.html", "/search/"} {
		if slices.Contains(urls, not) {
			t.Errorf("the index lists %s, which no one should find by searching", not)
		}
	}
	t.Logf("data/search.json: %d bytes", len(data))
}

// TestSearchVectors: the indexes in testdata/search, which the JavaScript
// tests search, have the shape the build writes: every field, and no
// other.
func TestSearchVectors(t *testing.T) {
	for _, v := range vectors.Load[struct {
		Index json.RawMessage `json:"index"`
	}](t, "search", 1) {
		var idx searchJSON
		dec := json.NewDecoder(bytes.NewReader(v.V.Index))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&idx); err != nil {
			t.Errorf("%s: the index is not in the build's shape: %v", v.File, err)
			continue
		}
		round, err := json.Marshal(idx)
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		if err := json.Unmarshal(v.V.Index, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(round, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the index lacks a field the build writes:\n vector %v\n build  %s", v.File, want, round)
		}
	}
}

// firstDifference is the offset of the first byte at which a and b differ.
func firstDifference(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// joinJoined gives what joinLines gives of the two texts whole.
func TestJoinJoined(t *testing.T) {
	texts := []string{"", "  ", "one", " two  words \n\n three ", "\n", "a\nb"}
	for _, x := range texts {
		for _, y := range texts {
			want := joinLines([]string{x, y})
			if got := joinJoined(joinLines([]string{x}), joinLines([]string{y})); got != want {
				t.Errorf("joinJoined(%q, %q) = %q, want %q", x, y, got, want)
			}
		}
	}
}
