package content

import "strings"

// Skip reports whether a file or folder name is never part of a site:
// dot files (.git, .DS_Store), and the temporary files editors leave
// beside the file being edited (vim's .swp and 4913, emacs's #name# and
// .#name, name~, JetBrains' ___jb_tmp___).
func Skip(name string) bool {
	switch {
	case name == "" || name[0] == '.' || name[0] == '#':
		return true
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"), name == "4913":
		return true
	}
	return false
}
