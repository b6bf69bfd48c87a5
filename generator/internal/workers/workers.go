// Package workers spreads independent pieces of work over the CPUs: the
// pages load parses, the pages render executes and the files publish
// transforms. A build is CPU-bound, so one goroutine per CPU is as fast
// as more, and uses less memory.
package workers

import (
	"runtime"
	"sync"
)

// Each calls f for every index in [0, n) from one goroutine per CPU and
// returns when all calls have. Each goroutine has its own scratch value,
// zero at first and passed to each of its calls, for what is worth
// reusing (a buffer); f must touch nothing else shared but its own index.
func Each[S any](n int, f func(i int, scratch *S)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			var scratch S
			for i := range next {
				f(i, &scratch)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Ordered calls produce for every index in [0, n) from one goroutine per
// CPU, as Each does, and consume with each result in the order of the
// indexes, from the calling goroutine. At most window results are made
// and not yet consumed, so the memory they hold is bounded however large
// n is.
func Ordered[S, R any](n, window int, produce func(i int, scratch *S) R, consume func(i int, r R)) {
	window = max(window, 1)
	// done[i%window] is free again once result i is consumed, and i+window
	// is only handed out after that.
	done := make([]chan R, window)
	for i := range done {
		done[i] = make(chan R, 1)
	}
	tokens := make(chan struct{}, window)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			var scratch S
			for i := range next {
				done[i%window] <- produce(i, &scratch)
			}
		})
	}
	wg.Go(func() {
		for i := range n {
			tokens <- struct{}{}
			next <- i
		}
		close(next)
	})
	for i := range n {
		consume(i, <-done[i%window])
		<-tokens
	}
	wg.Wait()
}
