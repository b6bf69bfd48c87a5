// Development tools that are not part of readykit: the synthetic bench
// sites, the floor and make bench's measurements (tools/bench). They
// are a module of their own so that go vet, go test and staticcheck on
// ./... at the root cover only the product; make bench runs them.
module github.com/readykit/readykit/tools

go 1.26.8

require (
	github.com/readykit/readykit v0.0.0
	github.com/yuin/goldmark v1.8.7
)

require (
	github.com/evanw/esbuild v0.28.2 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/tdewolff/minify/v2 v2.24.25 // indirect
	github.com/tdewolff/parse/v2 v2.8.20 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

replace github.com/readykit/readykit => ../
