//go:build unix

package sitefs

import "syscall"

// readFlag opens a file for reading without waiting: a name that became a
// pipe since it was listed is then refused, not waited on, and Go leaves
// a regular file's descriptor as it is instead of switching it to
// non-blocking and back (four system calls a file).
const readFlag = syscall.O_NONBLOCK
