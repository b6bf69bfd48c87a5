// Command exported lists the exported Go names of readykit that nothing
// outside their own package uses, so that each is either used or
// unexported: an exported name is a promise to other packages, and one no
// package takes up only makes the code harder to change.
//
// Run from the repository root (make test-go does):
//
//	go -C tools run ./exported ..
//
// It reads the source with go/parser alone, so it is quick and needs no
// build. A top-level name counts as used when another package (or its
// tests, but not the package's own external tests, or a development tool
// in tools/) writes pkg.Name. A
// field or method counts as used when another package selects a member of
// that name, when a template does ({{ .Name }} in an .html or .tmpl file,
// or in a Go string that holds "{{"), when a template example in a Go
// comment names it (the theme manual in themes/doc.go documents what the
// templates of a site's own theme may read), when a struct tag hands it to
// encoding/json or YAML, or when it is one of the methods that satisfy a
// standard interface. It errs on the side of "used", so what it reports is
// certain to be unused.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// interfaceMethods are methods that satisfy interfaces of the standard
// library and of goldmark, which call them without naming them.
var interfaceMethods = map[string]bool{
	"Error": true, "Unwrap": true, "Is": true, "As": true, "String": true, "Format": true,
	"MarshalJSON": true, "UnmarshalJSON": true, "MarshalText": true, "UnmarshalText": true, "UnmarshalYAML": true,
	"ServeHTTP": true, "Read": true, "Write": true, "Close": true, "Seek": true,
	"Open": true, "Stat": true, "ReadDir": true, "ReadFile": true, "Sub": true, "Glob": true,
	"Name": true, "IsDir": true, "Type": true, "Info": true, "Mode": true, "ModTime": true, "Size": true, "Sys": true,
	"Len": true, "Less": true, "Swap": true,
	// goldmark's extension, parser, renderer and AST interfaces.
	"Extend": true, "Transform": true, "Trigger": true, "Parse": true, "Continue": true, "CanInterruptParagraph": true,
	"CanAcceptIndentedLine": true, "RegisterFuncs": true, "Kind": true, "Dump": true, "SetOption": true,
	"Available": true, "Buffered": true, "Flush": true, "WriteByte": true, "WriteRune": true, "WriteString": true,
}

// templateField is a field or method a template reads: {{ .Page.Title }}.
var templateField = regexp.MustCompile(`\.([A-Z][A-Za-z0-9_]*)`)

// templateAction is one action of a template: {{ .Page.Title }}.
var templateAction = regexp.MustCompile(`\{\{.*?\}\}`)

type pkg struct {
	dir   string
	name  string
	files []*ast.File // not tests
}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	unused, err := run(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "exported:", err)
		os.Exit(2)
	}
	for _, u := range unused {
		fmt.Println(u)
	}
	if len(unused) > 0 {
		fmt.Fprintf(os.Stderr, "exported: %d exported names are used only in their own package: unexport them, or remove them if nothing uses them\n", len(unused))
		os.Exit(1)
	}
}

func run(root string) ([]string, error) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	module := strings.Fields(strings.SplitN(string(mod), "\n", 2)[0])[1]

	fset := token.NewFileSet()
	pkgs := map[string]*pkg{}                 // by directory
	qualified := map[string]map[string]bool{} // import path -> names other packages write as pkg.Name
	members := map[string]map[string]bool{}   // directory -> member names other packages select
	var tmplNames = map[string]bool{}
	var allFiles []struct {
		dir string
		f   *ast.File
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "node_modules" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".tmpl") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range templateField.FindAllStringSubmatch(string(data), -1) {
				tmplNames[m[1]] = true
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return err
		}
		// Templates kept in Go strings read fields by reflection too.
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.Contains(lit.Value, "{{") {
				for _, m := range templateField.FindAllStringSubmatch(lit.Value, -1) {
					tmplNames[m[1]] = true
				}
			}
			return true
		})
		// A template example in a comment, such as the theme manual's
		// {{ .Page.Weight }} in themes/doc.go, documents a name for the
		// templates of sites' own themes, which are not in this repository.
		for _, cg := range f.Comments {
			for _, action := range templateAction.FindAllString(cg.Text(), -1) {
				for _, m := range templateField.FindAllStringSubmatch(action, -1) {
					tmplNames[m[1]] = true
				}
			}
		}
		dir := filepath.Dir(p)
		allFiles = append(allFiles, struct {
			dir string
			f   *ast.File
		}{dir, f})
		// The development tools' own names are not readykit's, but what
		// they use of it, such as the bench floor's markdown.Bare, is used.
		if !strings.HasSuffix(name, "_test.go") && !inTools(root, dir) {
			pk := pkgs[dir]
			if pk == nil {
				pk = &pkg{dir: dir, name: f.Name.Name}
				pkgs[dir] = pk
			}
			pk.files = append(pk.files, f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	importPath := func(dir string) string {
		rel, _ := filepath.Rel(root, dir)
		if rel == "." {
			return module
		}
		return module + "/" + filepath.ToSlash(rel)
	}

	// What each file uses from other packages of the module.
	for _, af := range allFiles {
		own := importPath(af.dir)
		local := map[string]string{} // name in this file -> import path
		for _, im := range af.f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if !strings.HasPrefix(path, module) {
				continue
			}
			n := filepath.Base(path)
			if im.Name != nil {
				n = im.Name.Name
			}
			local[n] = path
		}
		// A package's external tests (package x_test) are its own.
		external := strings.HasSuffix(af.f.Name.Name, "_test")
		ast.Inspect(af.f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if path, ok := local[id.Name]; ok {
					if path == own && external {
						return true
					}
					if qualified[path] == nil {
						qualified[path] = map[string]bool{}
					}
					qualified[path][sel.Sel.Name] = true
				}
			}
			for dir := range pkgs {
				if dir != af.dir {
					if members[dir] == nil {
						members[dir] = map[string]bool{}
					}
					members[dir][sel.Sel.Name] = true
				}
			}
			return true
		})
		// A composite literal's keys name fields too: generator.Options{Source: ...}.
		ast.Inspect(af.f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if id, ok := kv.Key.(*ast.Ident); ok {
				for dir := range pkgs {
					if dir != af.dir {
						if members[dir] == nil {
							members[dir] = map[string]bool{}
						}
						members[dir][id.Name] = true
					}
				}
			}
			return true
		})
	}

	var unused []string
	report := func(pos token.Pos, what string) {
		p := fset.Position(pos)
		unused = append(unused, fmt.Sprintf("%s:%d: %s", p.Filename, p.Line, what))
	}
	for dir, pk := range pkgs {
		path := importPath(dir)
		main := pk.name == "main"
		// A type that the package's exported functions, methods or fields
		// take or give is used by whoever calls them, named or not.
		inAPI := map[string]bool{}
		mark := func(expr ast.Node) {
			ast.Inspect(expr, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					inAPI[id.Name] = true
				}
				return true
			})
		}
		for _, f := range pk.files {
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if d.Name.IsExported() {
						mark(d.Type)
					}
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if !s.Name.IsExported() {
								continue
							}
							if st, ok := s.Type.(*ast.StructType); ok {
								for _, fl := range st.Fields.List {
									if len(fl.Names) == 0 || fl.Names[0].IsExported() {
										mark(fl.Type)
									}
								}
							} else {
								mark(s.Type)
							}
						case *ast.ValueSpec:
							if s.Type != nil && s.Names[0].IsExported() {
								mark(s.Type)
							}
						}
					}
				}
			}
		}
		usedTop := func(name string) bool { return !main && (qualified[path][name] || inAPI[name]) }
		usedMember := func(name string) bool {
			return interfaceMethods[name] || (!main && (members[dir][name] || tmplNames[name]))
		}
		for _, f := range pk.files {
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if !d.Name.IsExported() || (main && d.Name.Name == "main") {
						continue
					}
					if d.Recv == nil {
						if !usedTop(d.Name.Name) {
							report(d.Pos(), "func "+d.Name.Name)
						}
					} else if !usedMember(d.Name.Name) {
						report(d.Pos(), "method "+d.Name.Name)
					}
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if !s.Name.IsExported() {
								continue
							}
							if !usedTop(s.Name.Name) {
								report(s.Pos(), "type "+s.Name.Name)
							}
							st, ok := s.Type.(*ast.StructType)
							if !ok {
								continue
							}
							for _, fl := range st.Fields.List {
								if fl.Tag != nil && (strings.Contains(fl.Tag.Value, "json:") || strings.Contains(fl.Tag.Value, "yaml:")) {
									continue
								}
								for _, n := range fl.Names {
									if n.IsExported() && !usedMember(n.Name) {
										report(n.Pos(), "field "+s.Name.Name+"."+n.Name)
									}
								}
							}
						case *ast.ValueSpec:
							// The members of an enumeration (one
							// parenthesised const block) go together: one
							// used outside keeps them all.
							if d.Tok == token.CONST && d.Lparen.IsValid() && slices.ContainsFunc(d.Specs, func(sp ast.Spec) bool {
								return slices.ContainsFunc(sp.(*ast.ValueSpec).Names, func(n *ast.Ident) bool { return n.IsExported() && usedTop(n.Name) })
							}) {
								continue
							}
							for _, n := range s.Names {
								if n.IsExported() && !usedTop(n.Name) {
									report(n.Pos(), "name "+n.Name)
								}
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(unused)
	return unused, nil
}

// inTools reports whether dir is in root's tools folder, the module of
// development tools.
func inTools(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && (rel == "tools" || strings.HasPrefix(rel, "tools"+string(filepath.Separator)))
}
