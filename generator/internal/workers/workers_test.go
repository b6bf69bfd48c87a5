package workers

import (
	"sync/atomic"
	"testing"
)

// Every index is done exactly once, whatever n is against the CPUs. Each
// call counts into its goroutine's scratch, which the race detector would
// see if two goroutines shared one.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		done := make([]int32, n)
		var total atomic.Int64
		Each(n, func(i int, seen *int) {
			atomic.AddInt32(&done[i], 1)
			*seen++
			total.Add(1)
		})
		for i, d := range done {
			if d != 1 {
				t.Errorf("n=%d: index %d done %d times", n, i, d)
			}
		}
		if total.Load() != int64(n) {
			t.Errorf("n=%d: %d calls", n, total.Load())
		}
	}
}

// Ordered consumes every result once, in order, and never has more than
// window of them made and not consumed.
func TestOrdered(t *testing.T) {
	for _, tc := range []struct{ n, window int }{{0, 4}, {1, 1}, {7, 2}, {1000, 8}, {50, 0}} {
		var made, eaten atomic.Int64
		var peak int64
		got := 0
		Ordered(tc.n, tc.window, func(i int, _ *struct{}) int {
			made.Add(1)
			return i * 2
		}, func(i, r int) {
			if r != i*2 || i != got {
				t.Errorf("n=%d: result %d for index %d, after %d", tc.n, r, i, got)
			}
			got++
			peak = max(peak, made.Load()-eaten.Load())
			eaten.Add(1)
		})
		if got != tc.n {
			t.Errorf("n=%d: %d consumed", tc.n, got)
		}
		if w := int64(max(tc.window, 1)); peak > w {
			t.Errorf("n=%d window=%d: %d results in flight", tc.n, tc.window, peak)
		}
	}
}
