// Command readykit builds a Data Security and Protection Toolkit readiness
// site from Markdown and YAML. Run "readykit --help" for its commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
