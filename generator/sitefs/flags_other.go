//go:build !unix

package sitefs

// readFlag is 0 where opening a pipe cannot wait for a writer.
const readFlag = 0
