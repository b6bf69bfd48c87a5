package toolkit

import "github.com/readykit/readykit/generator/content"

// Term is a word or abbreviation the guidance uses, explained in plain
// words. Item pages link the first use of each term to the glossary.
type Term struct {
	ID   string `yaml:"id,required"`
	Term string `yaml:"term,required"`
	// Full is what an abbreviation stands for.
	Full string `yaml:"full"`
	// Aliases are other ways the guidance writes the term.
	Aliases    []string `yaml:"aliases"`
	Definition string   `yaml:"definition,required"`
	Links      []Link   `yaml:"links"`
	Src        content.Source
}

// Words are the ways the term is written: the term, its full form and its
// aliases.
func (t *Term) Words() []string {
	out := []string{t.Term}
	if t.Full != "" {
		out = append(out, t.Full)
	}
	return append(out, t.Aliases...)
}
