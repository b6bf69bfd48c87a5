package main

import (
	"math"
	"slices"
)

// summary is a distribution as make bench reports it: median, 95th
// percentile and range, of n samples.
type summary struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P95    float64 `json:"p95"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// summarise gives the summary of v; the zero summary when v is empty. The
// median of an even count is the mean of the two middle values; p95 is the
// nearest-rank percentile, so with fewer than 20 samples it is the max.
func summarise(v []float64) summary {
	if len(v) == 0 {
		return summary{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	rank := int(math.Ceil(0.95*float64(n))) - 1
	return summary{N: n, Median: med, P95: s[max(rank, 0)], Min: s[0], Max: s[n-1]}
}
