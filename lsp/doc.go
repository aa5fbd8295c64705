// Package lsp is layerlint's language server: the rules of `layerlint check`
// served to editors over the Language Server Protocol (JSON-RPC 2.0 with
// Content-Length framing, usually on stdio). It is the only package that
// imports go.lsp.dev; it may import rules and dockerfile, never cmd.
//
// # Protocol
//
// The connection is wired by hand on go.lsp.dev/jsonrpc2 (the library's
// default server runs notifications concurrently and reorders edits). Every
// message is handled on the read loop in arrival order: notifications are
// applied there and kept cheap; a request decodes its parameters and captures
// the document version there, then releases the read loop and computes, so a
// later $/cancelRequest can reach it (it then answers RequestCancelled).
// Calls to the client (workspace/configuration, client/registerCapability,
// window/showDocument) are made from other goroutines, never from the read
// loop. A panic in a handler or in the diagnostics worker is recovered and
// reported to the client with window/logMessage; the server keeps running.
// Requests before initialize answer ServerNotInitialized, unknown methods
// MethodNotFound, and after shutdown only exit is accepted; Serve returns 0
// when exit follows shutdown and 1 otherwise. The frame reader resynchronises
// after malformed headers and answers malformed bodies instead of dropping the
// connection.
//
// Positions are converted by one type, Mapper: byte offsets (the model's
// unit) to and from LSP positions in UTF-16 code units, or in bytes when the
// client offers the "utf-8" position encoding.
//
// # Documents and diagnostics
//
// Documents sync fully or incrementally; the unsaved buffer is what gets
// linted. One worker lints due documents on their latest version (edits that
// arrive during a lint coalesce into the next one; diagnosticsDelay adds a
// debounce) and publishes with the document version, dropping results for
// versions superseded meanwhile and skipping a publish when neither the
// version nor the diagnostics changed. A client that advertises
// textDocument/diagnostic pulls instead (and gets workspace/diagnostic for
// the Dockerfiles it has not opened), and then nothing is pushed.
// Diagnostics carry the rule ID as code, the rule's page as
// codeDescription.href, source "layerlint", related locations, and in data
// the rule, version and fixes as LSP edits.
//
// The build context (the Dockerfile's directory, or what the configuration
// file's contexts setting says) is scanned in the background with ctxscan;
// the context rules run once it is ready, and the scan is redone when the
// client reports file changes (watchers registered dynamically) or an open
// .dockerignore buffer changes (its unsaved text is what the scan uses).
// Untitled documents and files outside the file system get no context rules.
// A .dockerignore document gets the lines Docker rejects.
//
// Settings: the editor's (initializationOptions, workspace/configuration
// section "layerlint", didChangeConfiguration; see Settings) over the
// configuration file `layerlint check` reads for the same Dockerfile
// (.layerlint.yaml, else .hadolint.yaml), rule by rule.
//
// # Features
//
// Code actions (each fix, safe ones preferred; ignore for this instruction or
// file; show documentation; source.fixAll.layerlint), hover (rule docs on a
// finding; on a keyword, what the instruction does and how it is cached, and
// for COPY/ADD what it brings from the context), code lenses on COPY/ADD
// (file count and size), document links from COPY/ADD sources to the context,
// document symbols (stages with their instructions), go to definition (stage
// references and $VAR/${VAR} to their ARG or ENV).
//
// The server never touches the network and sends no telemetry.
package lsp
