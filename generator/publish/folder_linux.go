package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// folder is the new site's folder, held open, so that each folder and
// file is made by a name relative to it: the kernel walks only the part
// of the path inside it. The folder is new, so every file is created,
// never opened: O_EXCL also refuses to follow a link at the name.
type folder struct{ fd int }

func openFolder(path string) (*folder, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &folder{fd: fd}, nil
}

// mkdir makes the folder rel, whose parent exists.
func (f *folder) mkdir(rel string) error {
	if err := unix.Mkdirat(f.fd, rel, 0o755); err != nil && err != unix.EEXIST {
		return &os.PathError{Op: "mkdir", Path: rel, Err: err}
	}
	return nil
}

// write makes the file rel, whose folder exists, holding data.
func (f *folder) write(rel string, data []byte) error {
	fd, err := unix.Openat(f.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: rel, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = unix.EIO
		}
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: rel, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: rel, Err: err}
	}
	return nil
}

func (f *folder) close() { unix.Close(f.fd) }
