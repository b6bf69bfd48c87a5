// Package themes holds the default theme, embedded in the readykit binary
// so a site needs nothing but its own content. A site's themes/<name>/
// folder overrides it file by file.
//
// This comment is the manual for people who change how a site looks: it
// lists every template and partial of the default theme, every function a
// template may call, and every value a template is given. Read it with
//
//	go doc ./themes
//
// and read the templates themselves in themes/default/layouts beside it.
// Tests in this package fail when a function, a field of Site or Page, a
// template file or a script hook is added or removed without this manual
// saying so, and they run every {{ ... }} example below.
//
// # A theme's files
//
// A theme is three folders and the offline worker:
//
//	layouts/base.html        the page shell, run for every page
//	layouts/partials/*.html  shared templates, seen by every layout
//	layouts/<name>.html      one per layout; defines "main"
//	assets/                  files published under /assets/ with a hash of
//	                         their content in the name, such as
//	                         /assets/site.1a2b3c4d.css
//	static/                  files published as they are, at their path
//	                         under static/: static/js/app.js is /js/app.js
//	worker/sw.js             the offline worker, published as /sw.js with
//	                         __READYKIT_OFFLINE__ (written once) replaced
//	                         by the build's list of files to keep
//
// The default theme's assets folder holds site.css; its static folder
// holds favicon.svg and the scripts in static/js. Names that start with a
// dot or #, and editors' leftovers (name~, .swp, 4913), are never read.
//
// # Replacing a file
//
// Set theme in readykit.yaml (it is "default" unless you say otherwise)
// and put files under themes/<theme>/ in the site folder, in the same
// three folders. A file there is read instead of the built-in theme's file
// at the same path; every other file still comes from the built-in theme.
// So to change the footer, copy layouts/partials/footer.html to
// themes/default/layouts/partials/footer.html in your site and edit it. A
// new file adds to the theme: layouts/report.html is a layout that pages
// can name (layout: report), and a new partial is seen by every layout.
// You cannot remove a built-in file, only replace it.
//
// A file in the site's own static/ folder is published instead of a theme
// static file with the same path (static/favicon.svg replaces the theme's
// favicon), so logos need no theme at all. Nothing else replaces anything:
// when a file beside the pages in content/, a page, an asset or a file
// readykit writes itself (sitemap.xml, data/toolkit.json) would be
// published at the same path as another file, the build stops and names
// both. The README's "Which file wins" says the same. A problem in a
// template is reported at its file, line and column, such as
// themes/default/layouts/item.html:12:5.
//
// # How templates fit together
//
// The templates are Go's html/template. Every layout is parsed together
// with layouts/base.html and every .html file under layouts/partials (other
// folders under layouts/ are not read), so a layout sees every partial.
// A page is made by
// running "layouts/base.html" with the page's layout: base.html calls the
// block "main", which each layout defines, and the block "head", empty
// unless a layout defines it, to add to the page's <head>:
//
//	{{ define "head" }}<meta name="robots" content="noindex">{{ end }}
//
// A template is called by the name its define gives it, and every file
// defines one template named as its path: layouts/partials/pager.html
// defines "partials/pager.html" and nothing else, so a partial is replaced
// by writing a file of the same path. A layout defines "main", and "head"
// if it needs to, and nothing else. A file that defines anything more
// stops the build at that {{ define }}, saying which file to move it to.
//
// # Which layout a page uses
//
// A page from content/ uses the layout its front matter names (layout:
// checklist uses layouts/checklist.html). Without one, content/index.md
// uses home, content/404.md uses 404 and every other page uses page. The
// pages readykit makes from the data use fixed layouts: standard for each
// standard at /standards/<number>/, worksheet for the blank worksheet of
// each standard that has items at /standards/<number>/worksheet/, item for
// each item at /items/<id>/, and 404 for /404.html when content/404.md is
// missing. A page naming a layout the theme does not have stops the build,
// listing the layouts there are.
//
// # Layouts
//
// Each layout, the page that uses it in the default site, and what it
// shows. The dot is the page's PageData (see "What a layout is given").
//
//	layouts/base.html
//	    every page: <head>, the stylesheet and script, the header, the
//	    guide notice, breadcrumbs, <main> with the block "main", the footer
//	layouts/home.html
//	    content/index.md (/): deadline and counts, the reader's progress,
//	    where to start, the standards
//	layouts/page.html
//	    any page without a layout: title and content
//	layouts/404.html
//	    /404.html: title, content, links home and to the checklist
//	layouts/about.html
//	    content/about.md: content, the edition's note and source, and how
//	    sure the data is of each item
//	layouts/changes.html
//	    content/what-changed.md: what each edition added, removed, moved,
//	    renumbered or reworded (Site.History)
//	layouts/checklist.html
//	    content/checklist.md: every mandatory item by standard, then the
//	    optional ones, each as a task with its status and a quick control
//	    to change it, under a filter by status, standard, level and who
//	    does it; prints as a worksheet
//	layouts/gaps.html
//	    content/gaps.md: the gap analysis, filled in by the script
//	layouts/glossary.html
//	    content/glossary.md: every term; item pages link the first use of
//	    each term to the page with this layout
//	layouts/plan.html
//	    content/plan.md: the action plan (care providers) or improvement
//	    plan, filled in by the script
//	layouts/programme.html
//	    content/programme.md: the phases and the work week by week, with
//	    dates when readykit.yaml fixes them; the calendar file's events
//	    link to the first page with this layout
//	layouts/progress.html
//	    content/progress.md (/progress/): the organisation's details,
//	    backups, import and profiles; other pages link to /progress/
//	layouts/group.html
//	    content/group.md (/group/): the group view for head office or a
//	    consultant: the progress files the homes downloaded, picked on the
//	    device and read there (never sent, never saved), give a table of
//	    each home's readiness, overdue items, next deadline and export
//	    date; damaged or foreign files are named; prints on A4 landscape
//	    (page register) and downloads as CSV. It never opens this
//	    browser's own saved progress
//	layouts/register.html
//	    content/register.md (/register/): the evidence register, filled in
//	    by the script from the saved progress: every item, where its
//	    evidence is kept, who holds it, when it was done and is next due
//	    for review, and why it is not applicable; prints on A4 landscape
//	    (page register) and downloads as CSV
//	layouts/search.html
//	    content/search.md (/search/): a search of the items, their
//	    guidance, the glossary and the pages, run in the browser over
//	    /data/search.json (which every build writes) and working offline
//	    once loaded; without JavaScript, a data-rk-nojs paragraph that
//	    points to the checklist and glossary. The query is in the address
//	    (/search/?q=backup). Every page's header has a search box when the
//	    site has a page at /search/
//	layouts/standards.html
//	    content/standards.md: the list of standards
//	layouts/standard.html
//	    /standards/<number>/: one standard, its items by level, its links
//	layouts/worksheet.html
//	    /standards/<number>/worksheet/: a blank sheet to print for one
//	    standard's mandatory items
//	layouts/worksheets.html
//	    content/worksheets.md: a link to each standard's worksheet
//	layouts/item.html
//	    /items/<id>/: one item, its progress controls, its guidance
//	    (Page.Content), who does it, when, its links
//
// # Partials
//
// Each file under layouts/partials, the templates it defines, the dot
// each expects, and where the default theme calls it.
//
//	layouts/partials/sitehead.html
//	    "partials/sitehead.html" (PageData), from base.html: what every
//	    page's <head> has, the same on every page: the stylesheets, the
//	    icon, the scripts and the modules app.js imports, to preload
//	    {{ partialCached "partials/sitehead.html" . "" }}
//	layouts/partials/header.html
//	    "partials/header.html" (PageData), from base.html: the site's
//	    name, the organisation, a search box (a plain form to the page at
//	    /search/, when there is one, and not on that page) and the main
//	    menu (Site.Menu), the current page's entry, or the one it is in,
//	    marked; so base.html keys it by those marks and the search page
//	    {{ partialCached "partials/header.html" . (navKey .Page .Site.Menu "/search/") }}
//	layouts/partials/footer.html
//	    "partials/footer.html" (PageData), from base.html: the footer
//	    menu (Site.Footer), the current page's entry marked, the edition
//	    and who publishes the site
//	    {{ partialCached "partials/footer.html" . (navKey .Page .Site.Footer "") }}
//	layouts/partials/notice.html
//	    "partials/notice.html" (PageData), from base.html: the notice
//	    that this is a guide, and the provisional edition's warning
//	    {{ partialCached "partials/notice.html" . "" }}
//	layouts/partials/breadcrumbs.html
//	    "partials/breadcrumbs.html" (PageData), from base.html: the trail
//	    of Page.Ancestors; nothing on the home page
//	    {{ template "partials/breadcrumbs.html" . }}
//	layouts/partials/pager.html
//	    "partials/pager.html" (a Page), from standard.html and item.html:
//	    links to Page.Prev and Page.Next
//	    {{ template "partials/pager.html" .Page }}
//	layouts/partials/standardlist.html
//	    "partials/standardlist.html" (PageData), from home.html and
//	    standards.html: a card per standard with its counts
//	    {{ template "partials/standardlist.html" . }}
//	layouts/partials/task.html
//	    "partials/task.html" (an Item), from checklist.html: one item as a
//	    task with its level, marks, status tag and quick control (with the
//	    reason when it does not apply); on paper, lines to write on
//	    {{ template "partials/task.html" .Page.Item }}
//	layouts/partials/changeitem.html
//	    "partials/changeitem.html" (dict "Site" .Site "Item" an Item and,
//	    optionally, "Was" what it was), from changes.html: one changed item
//	    {{ template "partials/changeitem.html" (dict "Site" .Site "Item" .Page.Item "Was" "was 1.1.2") }}
//	layouts/partials/links.html
//	    "partials/links.html" (a list of Link), from standard.html and
//	    item.html: "Official guidance" and the links; nothing for none
//	    {{ template "partials/links.html" .Page.Item.Links }}
//	layouts/partials/linklist.html
//	    "partials/linklist.html" (a list of Link), from links.html and
//	    glossary.html: the links alone
//	    {{ template "partials/linklist.html" .Page.Standard.Links }}
//	layouts/partials/itemform.html
//	    "partials/itemform.html" (an Item), from item.html: the controls
//	    to record progress on the item (the reason it does not apply and
//	    the date done among them), kept in place unseen until the script
//	    has read the saved progress
//	    {{ template "partials/itemform.html" .Page.Item }}
//	layouts/partials/review.html
//	    "partials/review.html" (an Item), from item.html: how often to
//	    review its evidence, the rule's source and confidence, and the mark
//	    to check a rule not confirmed; nothing for an item with no rule
//	    {{ template "partials/review.html" .Page.Item }}
//	layouts/partials/summary.html
//	    "partials/summary.html" (a Page), from home.html, checklist.html
//	    and standard.html: the reader's progress towards each level, or
//	    within the page's standard
//	    {{ template "partials/summary.html" .Page }}
//	layouts/partials/tally.html
//	    "partials/tally.html" (dict "Key" a level key or standard number
//	    "Name" its name), from summary.html: one count and its bar
//	    {{ template "partials/tally.html" (dict "Key" "met" "Name" "Standards Met") }}
//	layouts/partials/checkmark.html
//	    "partials/checkmark.html" (no dot): the words beside an item to
//	    check, from the checkMark function, as a tag
//	    {{ template "partials/checkmark.html" }}
//	layouts/partials/level.html
//	    "partials/level.html" (a Level): the level as a tag
//	    {{ template "partials/level.html" .Page.Item.Level }}
//	layouts/partials/checknote.html
//	    "partials/checknote.html" (an Item): the note to check an item
//	    that is not confirmed; nothing for a confirmed one
//	    {{ template "partials/checknote.html" .Page.Item }}
//	layouts/partials/itemrow.html
//	    "partials/itemrow.html" (an Item), from standard.html: the item's
//	    reference and linked title, with its mark and its status tag
//	    {{ template "partials/itemrow.html" .Page.Item }}
//	layouts/partials/gaptable.html
//	    "partials/gaptable.html" (dict "Key" a level key "Name" its name),
//	    from gaps.html: the items still needed for one level, filled in by
//	    the script
//	    {{ template "partials/gaptable.html" (dict "Key" "met" "Name" "Standards Met") }}
//	layouts/partials/modulepreload.html
//	    "partials/modulepreload.html" (a list of addresses, from
//	    modulePreload), from base.html and each layout whose page app.js
//	    starts a module on: a modulepreload link for each
//	    {{ template "partials/modulepreload.html" (modulePreload "/js/app.js") }}
//	layouts/partials/finish.html
//	    "partials/finish.html" (no dot), from progress.html: Finish on this
//	    laptop, the three steps that take a home's progress away from a
//	    shared laptop, and the take-home summary, with the way by hand
//	    for when the script is off
//	    {{ template "partials/finish.html" }}
//
// # What a layout is given
//
// Every layout and base.html run with a PageData from package generator:
//
//	{{ .Site }}   the Site: the same for every page
//	{{ .Page }}   the Page being made
//
// Inside range, with and a partial, the dot changes, as always in Go
// templates; $ is still the PageData, as in {{ $.Site.Config.Title }}. The
// examples below are written as in a layout, on an item's page; the tests
// run every one of them on every item page of the default site.
//
// A value that may be missing is a nil pointer or an empty list: test it
// with with or if before using its fields, or the page fails to build:
//
//	{{ with .Page.Prev }}<a href="{{ url .URL }}">{{ .Title }}</a>{{ end }}
//
// Dates in the data are calendar days (content.Date), which print as
// 2027-06-30; .IsZero and .Year work on them, and the function date writes
// them in words. Dates the build works out (a schedule's) are Go time.Time
// values: always print them with date.
//
//	{{ .Site.Edition.Deadline.Year }}
//
// # Functions
//
// Besides Go's own (and, or, not, len, index, slice, print, printf,
// println, eq, ne, lt, le, gt, ge, call, html, js, urlquery), templates
// may call these. Each is given as a Go signature, then what it gives and
// an example. The addresses url, asset, itemURL and standardURL give are
// under the site's base path: for a site whose baseURL is
// https://example.org/dspt/ they start /dspt/.
//
//	url(path string) string
//	    the address to link to for a site address: /dspt/checklist/ there,
//	    /checklist/ for a site at the root of its host. Link every page and
//	    file of the site through url.
//	    {{ url "/checklist/" }}
//	absURL(path string) string
//	    the full address, for the canonical link and metadata:
//	    https://example.org/dspt/about/; without a baseURL, the same as url
//	    {{ absURL .Page.URL }}
//	asset(name string) (string, error)
//	    the address of a file in the theme's assets folder, with its hash:
//	    /assets/site.1a2b3c4d.css. A name not in assets/ stops the build.
//	    {{ asset "site.css" }}
//	brandStylesheet() string
//	    the address of the stylesheet the build makes from readykit.yaml's
//	    brand colours (/assets/brand.1a2b3c4d.css), or "" when no colour is
//	    set; link it after site.css, whose custom properties it sets
//	    {{ with brandStylesheet }}<link rel="stylesheet" href="{{ . }}">{{ end }}
//	offlineWorker() string
//	    the address of the offline worker (/sw.js), or "" when offline use
//	    is off (options.offline: false, or readykit serve); base.html puts
//	    it on <html> for offline.js to register
//	    <html{{ with offlineWorker }} data-rk-worker="{{ . }}"{{ end }}>
//	itemURL(id string) string
//	    the address of the page of the item with that id: /items/1.1.1/
//	    {{ itemURL .Page.Item.ID }}
//	standardURL(n int) string
//	    the address of standard n's page: /standards/1/
//	    {{ standardURL .Page.Standard.Number }}
//	date(d any) string
//	    a content.Date or time.Time in words: 30 June 2027; a missing
//	    content.Date gives ""; any other value is printed as it is
//	    {{ date .Site.Edition.Deadline }}
//	dayMonth(d content.Date) string
//	    the day and month only: 30 June; a missing date gives ""
//	    {{ dayMonth .Site.Edition.Deadline }}
//	plural(n int, one, many string) string
//	    the number and the word that fits it: 1 item, 3 items
//	    {{ plural (len .Site.Items) "item" "items" }}
//	add(a, b int) int
//	    a + b: 4
//	    {{ add .Page.Standard.Number 1 }}
//	sub(a, b int) int
//	    a - b: 2
//	    {{ sub .Page.Standard.Number 1 }}
//	dict(pairs ...any) (map[string]any, error)
//	    a map from names and values, to pass several values to a partial;
//	    a name that is not text, or a name without a value, stops the build
//	    {{ with dict "Key" "met" "Name" "Standards Met" }}{{ .Name }}{{ end }}
//	join(elems []string, sep string) string
//	    the texts with sep between them: Policy; Training record
//	    {{ join .Page.Item.Evidence "; " }}
//	lower(s string) string
//	    s in lower case: checklist
//	    {{ lower .Page.Title }}
//	status(s string) string
//	    a status key in words, as the pages, reports and scripts all write
//	    it: "met" gives Done; "not-started", "in-progress" and
//	    "not-applicable" give Not started, In progress and Not applicable
//	    {{ status "met" }}
//	checkMark() string
//	    the words beside an item whose reference, level or wording is not
//	    confirmed: Check in the toolkit
//	    {{ checkMark }}
//	registerColumns() []string
//	    the evidence register's column names, in order, as its CSV file
//	    and readykit report have them: Ref, Evidence item, Standard, ...
//	    {{ range registerColumns }}<th scope="col">{{ . }}</th>{{ end }}
//	groupColumns() []string
//	    the group view's column names, in order, as its CSV file and
//	    readykit report's group workbook have them: Care home or client, ...
//	    {{ range groupColumns }}<th scope="col">{{ . }}</th>{{ end }}
//	portableZip() string
//	    the address of the portable copy, the .zip of the site that works
//	    opened from disk: /download/readykit-guide.zip; "" when
//	    readykit.yaml turns it off (options: portable: false). In the copy
//	    itself, the element marked data-portable is replaced by a line
//	    saying where the copy came from, so mark the one that offers it.
//	    {{ with portableZip }}<p data-portable><a href="{{ . }}" download>Download</a></p>{{ end }}
//	modulePreload(entry string, started ...string) []string
//	    the addresses of the modules to preload on a page whose module
//	    script is entry, so the browser asks for them all with the page
//	    instead of finding each import once the module naming it has
//	    arrived. Alone: every module entry imports, directly or through
//	    others (import ... from, export ... from), but not entry itself.
//	    With started (the modules entry starts with import() on this
//	    layout's pages, such as itemform.js on an item page): those and
//	    what they import beyond entry's list. Read from the build's own
//	    scripts, a site's own static/js among them; a script that cannot
//	    be read is not followed, and nothing stops the build. The
//	    portable copy leaves the links out
//	    {{ template "partials/modulepreload.html" (modulePreload "/js/app.js" "/js/itemform.js") }}
//	portableSize() string
//	    the .zip's size, such as 0.5 MB, written in once the .zip is made
//	    (the preview, which makes none, writes "made by readykit build")
//	    {{ portableSize }}
//	partialCached(name string, data any, key string) (template.HTML, error)
//	    what template name data gives in the text of the page, but
//	    made once per build for each key and reused on every page that
//	    gives the same key: for the pieces of the page shell that show
//	    little of the page, which are most of each page's time at
//	    thousands of pages. The key must name everything the partial
//	    shows that is not the same on every page (the Site is), or pages
//	    show what another page made; "" when it shows nothing of the page.
//	    Only in the text of an element, never in an attribute, a script
//	    or a style, where the page would get the partial escaped as text.
//	    A partial is reused only when it, and every template it calls,
//	    come from the same theme folder as every template that calls it
//	    with partialCached and a quoted name (a key is written for the
//	    partials beside it): replace the built-in header without
//	    base.html and your header is made for every page, as with
//	    template. A call that names its partial any other way than by a
//	    quoted string turns the reuse off for every partial. name must be
//	    a partial's, and one that calls neither "main" nor "head"
//	    {{ partialCached "partials/checkmark.html" . "" }}
//	navKey(page *Page, links []*Page, also string) string
//	    a key for partialCached of a menu of links: for each link in
//	    turn, c when it is the page, a when the page is in it (Page.IsIn),
//	    - otherwise; then, unless also is "", c when the page is at the
//	    address also and - when not, for a page the partial treats apart
//	    (the header has no search box on the search page): -a--c
//	    {{ navKey .Page .Site.Menu "/search/" }}
//
// # Site
//
// Site is everything the site has; the same value on every page.
//
//	{{ .Site.Config.Title }}
//	    the settings from readykit.yaml (see Config)
//	{{ .Site.Params.region }}
//	    readykit.yaml's params: free-form settings for the site's own
//	    templates, which readykit itself never reads; a key not set gives
//	    nothing
//	{{ .Site.Edition.Title }}
//	    the edition the site covers (see Edition)
//	{{ range .Site.Standards }}{{ .Number }}. {{ .Name }}{{ end }}
//	    the ten standards, in order, each with the edition's items (see
//	    Standard)
//	{{ len .Site.Items }}
//	    the edition's items in standard and reference order, as the
//	    edition words them (see Item)
//	{{ range .Site.Optional }}{{ .Reference }}{{ end }}
//	    the items that count towards no level
//	{{ len .Site.ToCheck }}
//	    the items whose details must be checked in the toolkit, those that
//	    are not confirmed
//	{{ range .Site.Glossary }}{{ .Term }}{{ end }}
//	    the glossary's terms (see Term)
//	{{ range .Site.History }}{{ .To.Title }} compared with {{ .From.Title }}{{ end }}
//	    what changed from each edition to the next, newest first (see Diff)
//	{{ range .Site.Rules }}{{ .Title }}{{ end }}
//	    the rule sets an improvement plan can be judged by, by id (see
//	    Rules)
//	{{ with .Site.DefaultRules }}{{ .ID }}{{ end }}
//	    the rule set used unless the reader picks another: the one
//	    readykit.yaml names, or else the newest; nil when there are none
//	{{ .Site.Programme.Weeks }}
//	    the programme (see Programme)
//	{{ range .Site.Weeks }}Week {{ .N }}{{ end }}
//	    the programme week by week, with each week's work (see Week)
//	{{ with .Site.PhaseDates (index .Site.Programme.Phases 0) }}{{ . }}{{ end }}
//	    a phase's first and last day as a Span when readykit.yaml fixes the
//	    programme's dates, and nil otherwise
//	{{ .Site.StartBy }}
//	    roughly when the programme must start to end a week before the
//	    deadline, such as mid-April
//	{{ with .Site.Schedule }}{{ date .Start }}{{ end }}
//	    the programme on the calendar when readykit.yaml fixes its dates,
//	    and nil otherwise (see Schedule)
//	{{ with .Site.CalendarURL }}{{ url . }}{{ end }}
//	    the address of the programme's calendar file, /dspt-programme.ics,
//	    when readykit.yaml fixes its dates, and "" otherwise
//	{{ range .Site.Pages }}{{ url .URL }}{{ end }}
//	    every page, by address
//	{{ range .Site.Menu }}{{ .Name }}{{ end }}
//	    the pages whose front matter says menu: main, by weight then name
//	{{ range .Site.Footer }}{{ .Name }}{{ end }}
//	    the pages whose front matter says menu: footer, in the same order
//	{{ with .Site.Page "/checklist/" }}{{ .Title }}{{ end }}
//	    the page at a site address, or nil
//	{{ with .Site.ItemPage "1.1.1" }}{{ url .URL }}{{ end }}
//	    the page of the item with that id, or nil
//	{{ with .Site.StandardPage 1 }}{{ .Title }}{{ end }}
//	    the page of standard n, or nil
//	{{ with .Site.WorksheetPage 1 }}{{ url .URL }}{{ end }}
//	    the worksheet page of standard n, or nil when it has no items
//	{{ range .Site.Levels }}{{ .Key }}: {{ .Name }}{{ end }}
//	    the levels the edition's items are at, in order, each once
//	{{ range .Site.Roles }}{{ . }}: {{ .Name }}{{ end }}
//	    the roles the edition's items say usually do the work, each once,
//	    by name
//
// # Page
//
// Page is one page of the site, from a file in content/ or made from the
// data.
//
//	{{ .Page.Title }}
//	    the title (title in front matter; for an item, its title)
//	{{ .Page.LinkTitle }}
//	    the short name for menus and breadcrumbs, or ""
//	{{ .Page.Name }}
//	    LinkTitle if there is one, else Title
//	{{ .Page.Description }}
//	    the description, or ""; for an item, what it asks; for a standard,
//	    its summary
//	{{ .Page.URL }}
//	    the site address, such as /items/1.1.1/; link to it with url
//	{{ .Page.Layout }}
//	    the layout's name, such as item
//	{{ .Page.Weight }}
//	    the order in menus (weight in front matter)
//	{{ .Page.Menu }}
//	    main, footer or ""
//	{{ .Page.Draft }}
//	    true for a draft, built only with --drafts
//	{{ .Page.Content }}
//	    the Markdown rendered to HTML; for an item, its guidance
//	{{ with .Page.Parent }}{{ .Title }}{{ end }}
//	    the page above this one; nil on the home page and /404.html
//	{{ range .Page.Ancestors }}{{ .Name }}{{ end }}
//	    the pages above this one, the home page first
//	{{ .Page.IsHome }}
//	    whether this is the home page
//	{{ .Page.IsIn "/standards/" }}
//	    whether the page is at that address or below it, for marking the
//	    current section in a menu; no page but the home page is in "/"
//	{{ with .Page.Standard }}{{ .Name }}{{ end }}
//	    the standard, on a standard's, worksheet's or item's page; else nil
//	{{ with .Page.Item }}{{ .Title }}{{ end }}
//	    the item, on an item's page; else nil
//	{{ with .Page.Prev }}{{ .Title }}{{ end }}
//	    the previous standard's or item's page, or nil
//	{{ with .Page.Next }}{{ .Title }}{{ end }}
//	    the next standard's or item's page, or nil
//
// # Config
//
// Config is the site's settings from readykit.yaml; the README explains
// each.
//
//	{{ .Site.Config.Title }}
//	{{ .Site.Config.Description }}
//	{{ .Site.Config.Organisation }}
//	{{ .Site.Config.BaseURL }}
//	    https://example.org/dspt/, or "" when not set
//	{{ .Site.Config.Edition }}
//	    the edition's id, such as dspt-2026-27-cat3
//	{{ .Site.Config.OrganisationType }}
//	    care-provider, nhs-body or local-authority
//	{{ .Site.Config.PlanRules }}
//	    the rule set's id as readykit.yaml gives it, or ""; use
//	    Site.DefaultRules
//	{{ .Site.Config.ProgressKey }}
//	{{ .Site.Config.Theme }}
//	{{ .Site.Config.Language }}
//	    en-GB unless readykit.yaml says otherwise
//	{{ .Site.Config.Options.RawHTML }}
//	{{ .Site.Config.Options.Hosts }}
//	    the hosts images may load from (options.allowedHosts)
//	{{ .Site.Config.Programme.Set }}
//	    whether readykit.yaml fixes a programme date
//	{{ .Site.Config.Programme.Start }}
//	{{ .Site.Config.Programme.Deadline }}
//	    the dates as readykit.yaml gives them; Site.Schedule has the whole
//	    programme
//	{{ .Site.Config.Programme.Client }}
//	    whom the programme is for, or ""
//	{{ .Site.Config.Client }}
//	    the care provider the site is for, or ""
//	{{ .Site.Config.Brand.Logo }}
//	    the logo's path under static/, or ""; link it as
//	    {{ url (print "/" .Site.Config.Brand.Logo) }}
//	{{ .Site.Config.Brand.LogoAlt }}
//	    the logo's text alternative
//	{{ .Site.Config.Brand.LogoWidth }}
//	{{ .Site.Config.Brand.LogoHeight }}
//	    the size the header shows the logo at, 48 pixels high, from the
//	    picture's proportions; 0 when the file does not say
//	{{ .Site.Config.Brand.Colours.Header }}
//	{{ .Site.Config.Brand.Colours.Link }}
//	{{ .Site.Config.Brand.Colours.Focus }}
//	    the colours as readykit.yaml writes them, or ""; each has been
//	    checked for contrast, and brandStylesheet sets them
//	{{ .Site.Config.Brand.Footer }}
//	    a line for every page's footer, or ""
//	{{ .Site.Config.Contact.Set }}
//	    whether any contact detail is given
//	{{ .Site.Config.Contact.Name }}
//	{{ .Site.Config.Contact.Organisation }}
//	{{ .Site.Config.Contact.Email }}
//	{{ .Site.Config.Contact.Phone }}
//	{{ .Site.Config.Contact.URL }}
//	    as readykit.yaml gives them; each checked (an email address, a
//	    phone number, an http or https address)
//	{{ .Site.Config.Contact.Tel }}
//	    the phone number as a link: tel:01234567890
//
// # Edition
//
// Edition is one year's toolkit for one category.
//
//	{{ .Site.Edition.ID }}
//	{{ .Site.Edition.Title }}
//	    2026-27
//	{{ .Site.Edition.Category }}
//	    3
//	{{ .Site.Edition.ToolkitVersion }}
//	{{ date .Site.Edition.Deadline }}
//	    the deadline to publish, a date
//	{{ .Site.Edition.Counts.Approaching }}
//	    the items needed for Approaching Standards
//	{{ .Site.Edition.Counts.Met }}
//	    the items needed for Standards Met, the Approaching ones included
//	{{ .Site.Edition.Note }}
//	    what is uncertain about the edition, or ""
//	{{ .Site.Edition.ListSource }}
//	    where its list of items comes from, or ""
//	{{ if not .Site.Edition.Checked.IsZero }}{{ date .Site.Edition.Checked }}{{ end }}
//	    when that list was last compared with its source, a date
//	{{ .Site.Edition.Provisional }}
//	    whether the list is carried over and not yet read from the toolkit
//	{{ .Site.Edition.Previous }}
//	    the id of the edition before, or ""
//
// Its Items, Changes and Mapping are the edition's data as written; use
// Site.Items, the items as this edition words them.
//
// # Standard
//
// Standard is one of the ten National Data Guardian standards, with the
// site's edition's items.
//
//	{{ .Page.Standard.Number }}
//	{{ .Page.Standard.Name }}
//	{{ .Page.Standard.Obligation }}
//	    people, process or technology; .Name gives People
//	{{ .Page.Standard.Obligation.Name }}
//	{{ .Page.Standard.Summary }}
//	{{ .Page.Standard.Why }}
//	    why it matters to a care service, or ""
//	{{ range .Page.Standard.Links }}{{ .Title }}{{ end }}
//	    links to official guidance (see Link)
//	{{ range .Page.Standard.Items }}{{ .Reference }}{{ end }}
//	    its items in the edition, in order
//	{{ range .Page.Standard.Mandatory }}{{ .Reference }}{{ end }}
//	    its items that count towards a level
//	{{ range .Page.Standard.Groups }}{{ .Level.Name }}: {{ len .Items }}{{ end }}
//	    its items by the level they are first needed for, leaving out
//	    levels with none: each group has .Level and .Items
//	{{ len (.Page.Standard.ItemsAt .Page.Item.Level) }}
//	    its items first needed at a Level
//	{{ .Page.Standard.Count "approaching" }}
//	    how many of its items are first needed at the level with that key:
//	    approaching, met or optional
//
// # Item
//
// Item is one evidence item as the site's edition words it.
//
//	{{ .Page.Item.ID }}
//	    the stable id that saved progress is kept under, such as 1.1.1
//	{{ .Page.Item.Ref }}
//	    the toolkit's reference, or "" when it is not known
//	{{ .Page.Item.Reference }}
//	    Ref, or "Reference to check" when it is not known
//	{{ .Page.Item.Standard }}
//	    the standard's number
//	{{ .Page.Item.Level.Name }}
//	    Approaching Standards, Standards Met or Optional
//	{{ .Page.Item.Level.Key }}
//	    approaching, met or optional, as in the data and CSS classes
//	{{ .Page.Item.NotApplicable }}
//	    whether "not applicable" is an answer
//	{{ .Page.Item.Confidence }}
//	    confirmed, likely or unverified
//	{{ .Page.Item.Confidence.NeedsCheck }}
//	    whether it is anything short of confirmed
//	{{ .Page.Item.Basis }}
//	    where the item's details come from (source in the data)
//	{{ .Page.Item.Title }}
//	{{ .Page.Item.Asks }}
//	    what the toolkit asks, in plain words
//	{{ range .Page.Item.Evidence }}{{ . }}{{ end }}
//	    examples of evidence, as text
//	{{ range .Page.Item.Who }}{{ .Name }}{{ end }}
//	    who usually does it: each prints its key (data-lead) and .Name
//	    gives its words (Data security and protection lead)
//	{{ .Page.Item.Week }}
//	    the week of the programme it belongs to
//	{{ range .Page.Item.Links }}{{ .Title }}{{ end }}
//	    links to official guidance (see Link)
//	{{ with .Page.Item.Review }}{{ .Every }}{{ end }}
//	    how often the item's evidence goes stale, or nil: .Months (12),
//	    .Every in words (12 months, 3 years), .Basis where the rule comes
//	    from and .Confidence how sure it is, as for the item
//
// The item's guidance is its page's Content, rendered: use .Page.Content,
// not the raw Markdown in the item's Body.
//
// # Other values
//
// Link, a link to official guidance:
//
//	{{ range .Page.Item.Links }}<a href="{{ .URL }}">{{ .Title }}</a>{{ end }}
//
// Term, one entry of the glossary:
//
//	{{ range .Site.Glossary }}<dt id="{{ .ID }}">{{ .Term }}</dt>{{ end }}
//	{{ range .Site.Glossary }}{{ .Full }}{{ end }}
//	    what an abbreviation stands for, or ""
//	{{ range .Site.Glossary }}{{ .Definition }}{{ end }}
//	{{ range .Site.Glossary }}{{ range .Links }}{{ .Title }}{{ end }}{{ end }}
//	{{ range .Site.Glossary }}{{ join .Aliases ", " }}{{ end }}
//	    other ways the guidance writes it
//	{{ range .Site.Glossary }}{{ join .Words ", " }}{{ end }}
//	    the term, its full form and its aliases
//
// Diff, what changed from one edition to the next (Site.History), and
// Change, one item as both have it (.From and .To are Items):
//
//	{{ range .Site.History }}{{ .From.Title }} to {{ .To.Title }}{{ end }}
//	    .From and .To are Editions
//	{{ range .Site.History }}{{ if .Empty }}No items changed.{{ end }}{{ end }}
//	{{ range .Site.History }}{{ range .Added }}{{ .Reference }}{{ end }}{{ end }}
//	    items no item of the earlier edition became
//	{{ range .Site.History }}{{ range .Removed }}{{ .Reference }}{{ end }}{{ end }}
//	    items the later edition does not carry on
//	{{ range .Site.History }}{{ range .Moved }}{{ .From.Level.Name }} to {{ .To.Level.Name }}{{ end }}{{ end }}
//	    items needed first at another level
//	{{ range .Site.History }}{{ range .Reworded }}{{ .To.Title }}{{ end }}{{ end }}
//	    items whose title or question changed
//	{{ range .Site.History }}{{ range .Renumbered }}{{ .From.Reference }} to {{ .To.Reference }}{{ end }}{{ end }}
//	    items whose reference changed
//	{{ range .Site.History }}{{ len .Carried }}{{ end }}
//	    every id of the earlier edition that lives on, to its id in the
//	    later one
//
// Week, one week of Site.Weeks:
//
//	{{ range .Site.Weeks }}{{ .N }}{{ end }}
//	    its number, from 1
//	{{ range .Site.Weeks }}{{ range .Phases }}{{ .Name }}{{ end }}{{ end }}
//	    the phases it belongs to
//	{{ range .Site.Weeks }}{{ range .Tasks }}{{ . }}{{ end }}{{ end }}
//	    the steps that are not toolkit items, as text
//	{{ range .Site.Weeks }}{{ range .Items }}{{ .Reference }}{{ end }}{{ end }}
//	    the items to work on
//	{{ range .Site.Weeks }}{{ with .Dates }}{{ . }}{{ end }}{{ end }}
//	    its first and last day as a Span when readykit.yaml fixes the
//	    programme's dates, and nil otherwise
//
// Programme, the weeks of work (Site.Programme), its Phases and Tasks:
//
//	{{ .Site.Programme.Weeks }}
//	    how many weeks it runs
//	{{ .Site.Programme.MinWeeks }}
//	    the fewest weeks the work can be done in
//	{{ range .Site.Programme.Phases }}{{ .Name }}: {{ .Work }}{{ end }}
//	{{ range .Site.Programme.Phases }}{{ .From }} to {{ .To }}{{ end }}
//	    the phase's first and last week
//	{{ range .Site.Programme.Phases }}{{ .WeekRange }}{{ end }}
//	    the weeks in words: Week 3, or Weeks 3 to 6
//	{{ range .Site.Programme.Tasks }}Week {{ .Week }}: {{ .Do }}{{ end }}
//
// Schedule, the programme on the calendar (Site.Schedule, set only when
// readykit.yaml fixes the programme's dates; its days are time.Time):
//
//	{{ with .Site.Schedule }}{{ date .Start }} to {{ date .End }}{{ end }}
//	    the first day, and the last day of the last week
//	{{ with .Site.Schedule }}{{ date .Deadline }}{{ end }}
//	{{ with .Site.Schedule }}{{ date .StartBy }}{{ end }}
//	    the latest Monday it could start on and end a week before the
//	    deadline
//	{{ with .Site.Schedule }}{{ range .Weeks }}{{ . }}{{ end }}{{ end }}
//	    each week as a Span
//	{{ with .Site.Schedule }}{{ .Span 1 2 }}{{ end }}
//	    the Span from the first day of one week to the last of another
//	{{ with .Site.Schedule }}{{ range .Warnings }}{{ . }}{{ end }}{{ end }}
//	    what is wrong with the dates, as codes: few-weeks, overrun,
//	    late-start, other-deadline
//	{{ with .Site.Schedule }}{{ .WeeksLeft }}{{ end }}
//	    whole weeks from the start to the deadline
//	{{ with .Site.Schedule }}{{ .ThisWeek }}{{ end }}
//	    always 0 in a build, which does not know today's date
//
// Span, a run of days (time.Time values):
//
//	{{ with .Site.Schedule }}{{ with .Span 1 1 }}{{ . }}{{ end }}{{ end }}
//	    prints as 13 to 19 April 2026
//	{{ with .Site.Schedule }}{{ with .Span 1 1 }}{{ date .From }} to {{ date .To }}{{ end }}{{ end }}
//
// Rules, a rule set an improvement plan is judged by (Site.Rules):
//
//	{{ range .Site.Rules }}{{ .ID }}: {{ .Title }}{{ end }}
//	{{ range .Site.Rules }}{{ .Source }}{{ end }}
//	    where the rules come from
//	{{ range .Site.Rules }}{{ if .AppliesToType $.Site.Config.OrganisationType }}{{ .Title }}{{ end }}{{ end }}
//	    whether it is for that kind of organisation
//	{{ range .Site.Rules }}{{ .Whom }}{{ end }}
//	    whom it is for in words: NHS bodies and local authorities
//	{{ range .Site.Rules }}{{ join .AppliesTo ", " }}{{ end }}
//	    the same as keys
//	{{ range .Site.Rules }}{{ join .Required ", " }}{{ end }}
//	    the fields every row must have
//	{{ range .Site.Rules }}{{ .MonthsAfterDeadline }} {{ .Exceptional }} {{ .MaxOutstanding }}{{ end }}
//	    how late the last completion date may be (0: no limit), whether
//	    an exceptional row may go past it, the most gaps (0: no limit)
//
// Every value read from a data file also has a Src field, its position in
// that file, for messages; templates have no use for it.
//
// # Rules for templates
//
// Escaping: html/template escapes every value for where it is written
// (text, attribute, URL), so write {{ .Page.Title }}, never a function to
// mark text safe: there is none. Only Page.Content is HTML already, made
// from the Markdown. In href and src, an address with a scheme other than
// http, https or mailto (javascript:, say) is replaced by #ZgotmplZ. Write
// site addresses through url.
//
// No inline script or style: every page is served with the
// Content-Security-Policy "default-src 'self'" (netlify.toml, and the same
// from readykit serve), so a script element without a src, an event
// handler attribute (onclick and the like), a style element or a style
// attribute does nothing.
// Put styles in assets/ (linked with asset) and scripts in static/js.
// Show and hide things with the hidden attribute and classes.
//
// No requests to other sites: reading a page must send nothing to anyone
// but the site. Do not load fonts, images, scripts, styles or analytics
// from another host; the policy blocks them anyway. Links to other sites
// (<a href="https://...">) are fine. An image from another host in
// Markdown needs options.allowedHosts and the same host in img-src.
//
// Pages must read and print without JavaScript: the script adds progress,
// summaries and reports, and whatever needs it is hidden until the script
// shows it, or says so in a data-rk-nojs paragraph that the script hides.
// What the script fills in as the page opens (statuses, summaries, the
// item form, the checklist's filter) is marked data-rk-js instead: site.css
// keeps its place on the page, unseen, until the script sets
// data-rk-js="on", so nothing moves as the page starts; without
// JavaScript it is not laid out at all.
//
// # Script hooks
//
// The scripts in static/js find their parts of a page by data-rk-*
// attributes. A template that replaces one of these must keep every
// attribute listed for it, on an element of the same kind (a button stays
// a button, an input an input), with its hidden attribute: without them
// the feature stops working, silently. base.html loads the scripts as
// {{ url "/js/app.js" }}, which reads /data/toolkit.json beside it, so
// keep static/js where it is. base.html preloads the modules app.js
// imports; app.js starts more modules by the hooks below (itemform.js by
// data-rk-item, for one), and a layout that has such a hook preloads that
// module in its "head" with modulePreload, as the default layouts do
// (e2e/scripts.test.mjs checks them).
//
//	layouts/base.html
//	    data-rk-announce data-rk-alert data-rk-fail data-rk-worker
//	    data-rk-update
//	layouts/partials/sitehead.html
//	    data-rk-site data-rk-edition
//	layouts/partials/header.html
//	    data-rk-who data-rk-org-name
//	layouts/checklist.html
//	    data-rk-js data-rk-filter data-rk-filter-count data-rk-section
//	layouts/partials/task.html
//	    data-rk-task data-rk-js data-rk-reason data-rk-tag data-rk-quick
//	layouts/partials/itemrow.html
//	    data-rk-task data-rk-js data-rk-tag data-rk-reason
//	layouts/partials/itemform.html
//	    data-rk-item data-rk-js data-rk-reason-field data-rk-next-review
//	layouts/partials/summary.html
//	    data-rk-summary data-rk-js data-rk-org-line data-rk-saved
//	    data-rk-reminder
//	layouts/partials/tally.html
//	    data-rk-tally data-rk-count data-rk-bar data-rk-blocking
//	layouts/gaps.html
//	    data-rk-nojs data-rk-gaps data-rk-report-for data-rk-print
//	    data-rk-csv data-rk-standards
//	    data-rk-running data-rk-headline
//	    data-rk-headline-notes data-rk-na-none data-rk-na-table
//	    data-rk-na-rows
//	layouts/partials/gaptable.html
//	    data-rk-gap-count data-rk-gap-table data-rk-running data-rk-gap-rows
//	layouts/plan.html
//	    data-rk-nojs data-rk-plan data-rk-report-for data-rk-rules
//	    data-rk-verdict data-rk-print data-rk-csv data-rk-running
//	    data-rk-plan-rows
//	layouts/programme.html
//	    data-rk-programme-for data-rk-programme-static
//	    data-rk-programme-form data-rk-date data-rk-clear-dates
//	    data-rk-schedule data-rk-schedule-line data-rk-this-week
//	    data-rk-warnings data-rk-ics data-rk-print data-rk-phase-dates
//	    data-rk-week data-rk-week-dates data-rk-now data-rk-week-item
//	    data-rk-state
//	layouts/search.html
//	    data-rk-nojs data-rk-search data-rk-search-form data-rk-search-input
//	    data-rk-search-count data-rk-search-results
//	layouts/progress.html
//	    data-rk-nojs data-rk-progress-page data-rk-org-form data-rk-kept-box
//	    data-rk-kept data-rk-kept-empty data-rk-saved-long data-rk-persist
//	    data-rk-reminder data-rk-export data-rk-import-file data-rk-import
//	    data-rk-import-summary data-rk-import-details data-rk-import-apply
//	    data-rk-import-cancel data-rk-undo-box data-rk-undo
//	    data-rk-profile-form data-rk-profile-select data-rk-profile-new
//	    data-rk-profile-rename data-rk-profile-delete
//	    data-rk-delete-confirm data-rk-delete-question data-rk-delete-yes
//	    data-rk-delete-no data-rk-published-form data-rk-published-line
//	    data-rk-published-clear
//	layouts/partials/finish.html
//	    data-rk-finish data-rk-finish-byhand data-rk-finish-steps
//	    data-rk-finish-home data-rk-finish-download data-rk-finish-saved
//	    data-rk-finish-file data-rk-finish-result data-rk-finish-verdict
//	    data-rk-finish-problems data-rk-finish-wait data-rk-finish-remove
//	    data-rk-finish-removed data-rk-finish-removed-line data-rk-finish-next
//	    data-rk-finish-undo-note data-rk-finish-undo data-rk-takehome
//	    data-rk-takehome-title data-rk-takehome-made
//	    data-rk-takehome-readiness data-rk-takehome-next-intro
//	    data-rk-takehome-next data-rk-takehome-check
//	    data-rk-takehome-backup data-rk-takehome-bring
//	    data-rk-takehome-print
//	layouts/home.html
//	    data-rk-stay data-rk-stay-published
//	    data-rk-stay-twelve data-rk-stay-june data-rk-stay-by
//	    data-rk-stay-count data-rk-upkeep-list
//	    data-rk-upkeep-later data-rk-upkeep-ics
//	layouts/group.html
//	    data-rk-nojs data-rk-group data-rk-group-files data-rk-group-errors
//	    data-rk-group-errors-title data-rk-group-error-list
//	    data-rk-group-result data-rk-group-summary data-rk-group-print
//	    data-rk-group-csv data-rk-running
//	    data-rk-group-rows
//	layouts/register.html
//	    data-rk-nojs data-rk-register data-rk-report-for
//	    data-rk-register-summary data-rk-print data-rk-csv data-rk-running
//	    data-rk-register-rows
//
// A report table (class rk-table, as on the gap analysis) names its
// columns in the last row of its thead: the script copies each name (an
// abbr's title where the header has one) into data-col on that column's
// cells, which site.css shows above each cell when a narrow screen stacks
// the rows.
//
// Some values matter too. The progress controls in
// partials/itemform.html are inputs with data-field="status" (radio
// buttons valued not-started, in-progress, met and, when the item allows
// it, not-applicable), "reason" (why it does not apply, in the
// data-rk-reason-field paragraph, for an item that allows it), "reviewed"
// (a checkbox), "evidence", "owner", "done" and "due" (dates) and "notes";
// for an item with a review rule, data-rk-next-review after the "done"
// input is where the script says when its evidence is next due.
// data-rk-task is the item's ID, on a task list's row; the checklist's rows
// also carry data-standard, data-level (a level key) and data-who (role
// keys, space-separated), which its filter form's selects, named status,
// standard, level and who, choose by; data-rk-quick is a select that holds
// the option of the status it shows, the script adding the others.
// The organisation form on the progress page has
// inputs named name, odsCode and completedBy; its publication form
// (data-rk-published-form) a date input named date and radio buttons
// named level, valued approaching and met. data-rk-site and
// data-rk-edition are on the script tag of /js/early.js in base.html's
// head: the site's progress key and the edition's id, by which that script
// reads the saved progress before the page is drawn, to set
// html[data-rk-published], html[data-rk-named] (the header's
// data-rk-who line will show) and html[data-rk-remind] (the backup
// reminder will show), so site.css keeps their room. On the home page with
// html[data-rk-published], site.css hides
// the elements of class rk-get-ready and shows those of class
// rk-stay-ready (data-rk-stay, the dates and counts, and the section
// with the lists). data-rk-stay-count is overdue, soon or coming, and
// data-rk-upkeep-list overdue, soon, coming or unknown. data-rk-item is the item's
// ID, data-rk-tally a level key or standard number, data-rk-summary the
// page's standard number or "", data-rk-date start or deadline,
// data-rk-csv gaps, plan or register, data-rk-gap-count, data-rk-gap-table and
// data-rk-gap-rows a level key, data-rk-phase-dates the phase's index
// from 0, data-rk-week the week's number and data-rk-week-item an item's
// ID. The programme page's date inputs are described by the elements their
// aria-describedby names, whose text the script replaces. The search
// page's data-rk-search-input is an input named q (the query in the
// address), its data-rk-search-count a role="status" paragraph and its
// data-rk-search-results a list; the script sets data-rk-search to ready
// once the index has loaded, or failed when it could not.
// While the take-home summary (data-rk-takehome) is on the progress page,
// the script sets html[data-rk-takehome-shown], by which site.css prints
// the summary alone.
package themes
