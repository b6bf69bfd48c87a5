// Package generator builds a readykit site: a folder with readykit.yaml,
// Markdown pages and YAML data about the Data Security and Protection
// Toolkit, rendered with a theme into static files.
//
// # The site folder
//
//	readykit.yaml              site settings (see Config)
//	content/*.md, content/**   pages: YAML front matter, then Markdown
//	content/data/editions/     one YAML file per toolkit edition
//	content/data/standards.yaml  the ten National Data Guardian standards
//	content/data/items/*.md    one file per evidence item: its facts as
//	                           front matter, its guidance as Markdown
//	content/data/programme.yaml  the weeks of the programme and their work
//	content/data/glossary.yaml   terms, linked from item pages
//	content/data/plans/*.yaml  rule sets an improvement plan is judged by
//	static/                    files published as they are
//	themes/<theme>/            files that replace the embedded theme's,
//	                           one by one
//
// A page's address follows its file: content/about.md is /about/,
// content/index.md is the home page and content/404.md is /404.html.
// Every standard gets a page at /standards/<number>/ (and a blank worksheet
// at /standards/<number>/worksheet/), and every item of the selected
// edition one at /items/<id>/. /data/toolkit.json gives the browser's
// scripts the edition, its items and the plan rules, and
// /data/search.json the words of every item, glossary term and page for
// the search page.
//
// # A portfolio: many clients over one shared site
//
// A portfolio is a site folder that also has a clients/ folder: each
// clients/<name>/ with a readykit.yaml is one client (Clients lists them;
// a name is up to 40 lower-case letters, digits and hyphens). Options.Client
// builds one of them (LoadClient is Load for one), and BuildPortfolio
// builds them all, each into <name>/ of one output, published only when
// every client builds.
//
//	readykit.yaml              the shared settings
//	content/ static/ themes/   the shared site, written once
//	clients/<name>/
//	  readykit.yaml            the client's settings, over the shared ones
//	  content/ static/ themes/ optional: files that lie over the shared
//	                           files of the same path, one by one
//
// A client's build reads the shared folder with the client's content,
// static and themes folders over it file by file: a file there replaces
// the shared one of the same path (content/index.md, an item,
// content/data/items/1.1.1.md) or adds one (content/contact.md). Nothing
// else in the client's folder is read, and clients/ is out of sight of
// every client's build. Reads still go through sitefs from the
// portfolio's folder, so a client cannot reach outside it.
//
// The client's readykit.yaml is decoded over the shared one
// (content.DecodeYAMLOver): a key it writes replaces the shared value,
// mappings (programme, options, brand, contact, params) merge key by key,
// lists replace whole, and a required key may be in either file. Its
// progressKey defaults to the client's name, so clients' progress stays
// apart in one browser.
//
// Problems name the file they are really in, clients/<name>/... or the
// shared one: positions are made with the names the build sees and
// rewritten once, as the build returns (relocate). BuildPortfolio's
// *PortfolioError lists every failed client's problems; MarkClients gives
// them one per line, each naming its clients, a shared file's problem once.
//
// Builds that share a Cache (BuildPortfolio makes one) decode each shared
// data file once and minify each shared script, style and image once;
// Markdown and templates are parsed per client, since later stages change
// them for the site they are in. A build with a Cache gives the same bytes
// as one without.
//
// # The build
//
// Build runs five stages, each of which wraps its errors with its name:
//
//	load      read settings, pages, data and theme templates, with positions
//	check     validate the whole: ids, references, counts, layouts, links;
//	          each page's Markdown is parsed, its links checked and
//	          resolved, its glossary terms linked and its HTML and search
//	          text made there and then, and its syntax tree dropped
//	assemble  select the edition, derive addresses, menus and breadcrumbs
//	render    list every output file (pages, assets, sitemap, redirects,
//	          search index), reporting clashes
//	publish   pages through templates, the transform chain (minify, reload
//	          script), the offline worker, into the sink
//
// Memory does not grow with the site's pages beyond what every page keeps
// for the others' templates (its Markdown's HTML) and for the search index
// (its text): publish renders, transforms and hands each file to the sink
// as it is ready, in order of path, with a bounded number in flight
// (workers.Ordered), and the sink writes it aside until the build commits.
// The portable copy is the exception: it is made from every page at once,
// so a build that makes it holds all the files until the end.
//
// Every problem in the site's content is a diag.FileError naming
// file:line:col and what to do. A stage reports all the problems it finds.
// The check stage runs even after the load stage found problems, on what
// loaded, so one run lists as much as it can: what could not be read at
// all (an empty file, one that is not YAML or not UTF-8) is marked, so its
// knock-on effects are not reported as well, and the load stage's problems
// come first, since they explain what follows. Any other stage with
// problems stops the build, since later stages would only report their
// consequences. Nothing the sink is given is seen unless every stage
// succeeds (a failed build aborts its batch), so a failed build leaves the
// previous output as it was.
//
// Every read of the site goes through sitefs: confined to the site folder
// (when the command line opens it with sitefs.Open), regular files only,
// and within the size limits; text is checked to be UTF-8 and YAML for its
// depth before it is parsed.
//
// The same input always gives byte-identical output: files are produced in
// a fixed order, maps are never ranged over into output, and nothing
// depends on the clock.
package generator
