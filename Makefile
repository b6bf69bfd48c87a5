# readykit: the two commands a newcomer needs are `make serve` and `make test`.
# Targets install what they need (Debian packages with apt-get, npm packages
# with npm ci) when it is missing.

GO      ?= go
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT     := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
# Where test builds of the default site go (never public/), and of a
# consultant's client portal made with `readykit new`, with fixed dates.
E2E_SITE := $(CURDIR)/.cache/e2e-site
# The same site unminified, which e2e/minified.test.mjs compares it with.
E2E_SITE_RAW := $(CURDIR)/.cache/e2e-site-raw
# The next deploy of the default site, with one page changed, for
# e2e/offline.test.mjs's "a newer version is ready".
E2E_SITE_NEXT := $(CURDIR)/.cache/e2e-site-next
E2E_PORTAL := $(CURDIR)/.cache/e2e-portal
# A client's site branded in readykit.yaml (logo, colours, contact), which
# e2e/brand.test.mjs checks.
E2E_BRANDED := $(CURDIR)/.cache/e2e-branded
# Debian's Python, which python3-icalendar is installed for.
PYTHON ?= /usr/bin/python3

# staticcheck, pinned here rather than in go.mod, which lists only what
# readykit itself needs; the first run downloads it.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# How much `make test` runs each fuzz test beyond its corpus; `make fuzz`
# runs them for longer. A count, not a duration: Go 1.26's fuzzing
# coordinator can fail a target that found nothing with "context deadline
# exceeded" when a duration runs out mid-run on a busy machine
# (go.dev/issue/75804, fixed in Go 1.27); a count has no deadline to race.
FUZZTIME ?= 20000x

.PHONY: all build site serve check test test-go test-fuzz test-js test-browser fuzz bench bench-limits lighthouse deps browser-deps bench-deps clean

all: test

## build: compile the readykit binary into ./readykit
build:
	$(GO) build -o readykit ./cmd/readykit

## site: build the default site into public/
site:
	$(GO) run ./cmd/readykit build

## serve: preview the default site at http://127.0.0.1:1313/, rebuilding on save
serve:
	$(GO) run ./cmd/readykit serve

## check: report every problem in the default site without writing anything
check:
	$(GO) run ./cmd/readykit check

## test: every test: Go (unit, golden, CLI, dev server, fuzz), JavaScript, HTML validity, headless Chromium
test: test-go test-fuzz test-js test-browser

# ./... is the product alone: the development tools in tools/ are a module
# of their own, which make bench vets and tests. tools/exported is vetted
# and run here: it fails while an exported name is used only in its own
# package.
test-go:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on: $$out"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...
	$(GO) -C tools vet ./...
	$(GO) -C tools test ./exported
	$(GO) -C tools run ./exported ..
	$(GO) test ./...

# Every `func Fuzz` in the Go tests, found by name so a new one is never
# left out; each keeps its corpus in testdata/fuzz/<name>/ beside it.
test-fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' generator cmd); do \
	  for n in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "fuzz ./$$(dirname $$f) $$n for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz "^$$n$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f); \
	  done; done

## fuzz: run every fuzz test for longer (FUZZTIME=2m each unless set)
fuzz:
	$(MAKE) test-fuzz FUZZTIME=$(if $(filter command line,$(origin FUZZTIME)),$(FUZZTIME),2m)

test-js:
	node --test themes/default/tests/*.test.js

test-browser: browser-deps
	rm -rf $(E2E_SITE)
	$(GO) run ./cmd/readykit build --dest $(E2E_SITE)
	rm -rf $(E2E_SITE_RAW)
	$(GO) run ./cmd/readykit build --no-minify --dest $(E2E_SITE_RAW)
	rm -rf $(E2E_SITE_NEXT) $(E2E_SITE_NEXT)-src
	mkdir -p $(E2E_SITE_NEXT)-src
	cp -R content readykit.yaml $(E2E_SITE_NEXT)-src/
	sed -i 's/^This guide is made with readykit\./This guide, now updated, is made with readykit./' $(E2E_SITE_NEXT)-src/content/about.md
	grep -q '^This guide, now updated, is made with readykit\.' $(E2E_SITE_NEXT)-src/content/about.md
	$(GO) run ./cmd/readykit build --source $(E2E_SITE_NEXT)-src --dest $(E2E_SITE_NEXT)
	rm -rf $(E2E_PORTAL) $(E2E_PORTAL)-src
	$(GO) run ./cmd/readykit new $(E2E_PORTAL)-src >/dev/null
	printf 'programme:\n  start: 2027-04-12\n  client: Oak House Care\n' >> $(E2E_PORTAL)-src/readykit.yaml
	$(GO) run ./cmd/readykit build --source $(E2E_PORTAL)-src --dest $(E2E_PORTAL)
	rm -rf $(E2E_BRANDED) $(E2E_BRANDED)-src
	# The branded client is oak-house of the starter portfolio, built alone as
	# its Netlify site builds it, with a link colour of its own.
	$(GO) run ./cmd/readykit new --portfolio $(E2E_BRANDED)-src >/dev/null
	sed -i 's/^\(  *link: \)"#00563f"/\1"#7a2e0e"/' $(E2E_BRANDED)-src/clients/oak-house/readykit.yaml
	grep -q '^  *link: "#7a2e0e"' $(E2E_BRANDED)-src/clients/oak-house/readykit.yaml
	$(GO) run ./cmd/readykit build --quiet --source $(E2E_BRANDED)-src --client oak-house --dest $(E2E_BRANDED)
	java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html $(E2E_SITE) $(E2E_PORTAL) $(E2E_BRANDED)
	SITE_DIR=$(E2E_SITE) RAW_SITE_DIR=$(E2E_SITE_RAW) NEXT_SITE_DIR=$(E2E_SITE_NEXT) PORTAL_DIR=$(E2E_PORTAL) BRANDED_DIR=$(E2E_BRANDED) PYTHON=$(PYTHON) node --test --test-concurrency=1 e2e/*.test.mjs

## bench: readykit against Hugo and the floor at 1k, 10k and 20k pages, dev-server reload times, browser figures (~10 minutes)
# One table at the end, and the same as JSON in .cache/bench/bench.json;
# tools/bench says what it measures and how. A benchmark, not a gate.
bench: bench-deps node_modules/.installed
	$(GO) -C tools vet ./...
	$(GO) -C tools test ./...
	$(GO) -C tools run ./bench -out $(CURDIR)/.cache/bench/bench.json

## bench-limits: the worst inputs the limits allow: deep YAML, and cmark's pathological Markdown at 1 MB (~1 minute)
bench-limits:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./generator/content ./generator/markdown

# Where make lighthouse builds the default site, and which page it measures.
LIGHTHOUSE_SITE := $(CURDIR)/.cache/lighthouse-site
LIGHTHOUSE_PAGE ?= /checklist/

## lighthouse: Lighthouse's performance score for the checklist, mobile preset, three runs (a benchmark, not a gate)
# Lighthouse is pinned in tools/lighthouse's own package.json, never in the
# root one, which CI installs.
lighthouse: tools/lighthouse/node_modules/.installed
	@command -v chromium >/dev/null 2>&1 || { $(APT) update && $(APT) install -y chromium; }
	rm -rf $(LIGHTHOUSE_SITE)
	$(GO) run ./cmd/readykit build --dest $(LIGHTHOUSE_SITE)
	CHROME_PATH=/usr/bin/chromium node tools/lighthouse/run.mjs $(LIGHTHOUSE_SITE) $(LIGHTHOUSE_PAGE) 3

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

deps: browser-deps

browser-deps: node_modules/.installed
	@command -v chromium >/dev/null 2>&1 || { $(APT) update && $(APT) install -y chromium; }
	@command -v java >/dev/null 2>&1 || { $(APT) update && $(APT) install -y --no-install-recommends default-jre-headless; }
	@command -v pdftotext >/dev/null 2>&1 || { $(APT) update && $(APT) install -y poppler-utils; }
	@command -v soffice >/dev/null 2>&1 || { $(APT) update && $(APT) install -y --no-install-recommends libreoffice-calc-nogui; }
	@$(PYTHON) -c 'import icalendar' 2>/dev/null || { $(APT) update && $(APT) install -y --no-install-recommends python3-icalendar; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Hugo to compare with; Chromium for tools/browserbench.
bench-deps:
	@command -v hugo >/dev/null 2>&1 || { $(APT) update && $(APT) install -y --no-install-recommends hugo; }
	@command -v chromium >/dev/null 2>&1 || { $(APT) update && $(APT) install -y chromium; }

clean:
	rm -rf public .cache readykit
