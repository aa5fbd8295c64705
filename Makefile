# Targets for working on layerlint. Everything needs only Go (and make).

GO       ?= go

FUZZTIME ?= 20s

.PHONY: build test bench fmt fuzz lint-examples new-rule bkcompare

## build: compile the CLI to bin/layerlint
build:
	$(GO) build -o bin/layerlint ./cmd/layerlint

## test: vet and run every test with the race detector
test:
	$(GO) vet ./...
	$(GO) test -race ./...

## bench: run every benchmark once, with allocation counts
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fmt: format every Go file in place
fmt:
	gofmt -w $$(find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*')

## fuzz: run each Fuzz target in the module for FUZZTIME (default 20s)
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' "$$pkg" | grep '^Fuzz' || true); do \
			echo "== $$pkg $$target ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) "$$pkg"; \
		done; \
	done

## lint-examples: show what layerlint says about testdata/examples (never fails)
lint-examples:
	$(GO) run ./cmd/layerlint check testdata/examples/ || true

## new-rule NAME=RuleID: write a stub rule file and its testdata
new-rule:
	@test -n "$(NAME)" || { echo 'usage: make new-rule NAME=RuleID' >&2; exit 2; }
	$(GO) run ./cmd/layerlint/internal/newrule $(NAME)

## bkcompare: compare layerlint's BuildKit-named rules with BuildKit's own linter on ../shared/corpus (needs ../shared/peers/setup.sh)
bkcompare:
	$(GO) run ./scripts/bkcompare

# language-server targets (test-lsp, lsp-clients, bench-lsp, ...)
include Makefile.lsp

# VS Code extension targets (vsix, test-vscode, e2e-vscode)
include vscode-extension/Makefile.vsix
