# Language-server targets; included by the Makefile (include Makefile.lsp).

GO ?= go

.PHONY: test-lsp lsp-clients bench-lsp bench-lsp-go fuzz-lsp

## test-lsp: the language server's tests (in-process, black-box, bad input) with the race detector
test-lsp:
	$(GO) vet ./lsp/...
	$(GO) test -race ./lsp/...

## lsp-clients: real-client tests (headless Neovim; installs the neovim package when missing)
lsp-clients:
	bash .ci/lsp-tests.sh

## bench-lsp: edit→diagnostics, startup and memory over stdio, layerlint next to docker-langserver (needs ../shared/peers set up)
bench-lsp:
	bash testdata/lsp/bench/bench.sh

## bench-lsp-go: the in-process Go benchmarks of the language server
bench-lsp-go:
	$(GO) test -run '^$$' -bench . -benchmem ./lsp

## fuzz-lsp: fuzz the position mapper and the frame reader for FUZZTIME each (default 20s)
fuzz-lsp:
	$(GO) test -run '^$$' -fuzz '^FuzzMapper$$' -fuzztime $(or $(FUZZTIME),20s) ./lsp
	$(GO) test -run '^$$' -fuzz '^FuzzFrameReader$$' -fuzztime $(or $(FUZZTIME),20s) ./lsp
