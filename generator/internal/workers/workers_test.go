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
