package generator

import (
	"strconv"
	"testing"
)

// A Cache kept by a dev server across many edits stays bounded: past
// maxDecoded files it starts again, and what it hands back is still a
// copy of what was stored.
func TestCacheBounded(t *testing.T) {
	c := NewCache()
	for i := range maxDecoded + 1 {
		v := []string{strconv.Itoa(i)}
		c.store("f.yaml", []byte(strconv.Itoa(i)), &v)
	}
	if n := len(c.decoded); n != 1 {
		t.Errorf("the cache holds %d files after %d, want 1 (it starts again when full)", n, maxDecoded+1)
	}
	var got []string
	if !c.load("f.yaml", []byte(strconv.Itoa(maxDecoded)), &got) || len(got) != 1 || got[0] != strconv.Itoa(maxDecoded) {
		t.Errorf("the newest file is not kept: %v", got)
	}
	got[0] = "changed"
	var again []string
	c.load("f.yaml", []byte(strconv.Itoa(maxDecoded)), &again)
	if again[0] != strconv.Itoa(maxDecoded) {
		t.Error("a build's change to its copy reached the cache")
	}
}
