// Package content decodes a site's YAML and front matter into Go values
// without losing where each value came from.
//
// readykit's users edit YAML by hand, so every problem has to point at a
// line and column and say what to do. The standard route (unmarshal into a
// struct) stops at the first error and forgets positions, so this package
// parses with goccy/go-yaml into a syntax tree and walks it itself:
//
//   - every problem is collected, not just the first;
//   - unknown keys are errors, with a "did you mean" for near misses;
//   - fields tagged `yaml:"name,required"` must be present and not empty;
//   - a struct field of type Source is filled with the positions of the
//     mapping and of each key, so later checks (a duplicate id, a reference
//     to a missing standard) can point at the exact value;
//   - types implementing encoding.TextUnmarshaler (dates, levels) decode
//     from scalars, and their error text reaches the user as a sentence.
//
// Front matter is split from Markdown with the line numbers of both parts,
// so positions in either map back to the file.
package content
