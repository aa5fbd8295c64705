package lsp

import (
	"context"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// clientCaps is what the server uses of the client's capabilities.
type clientCaps struct {
	enc                    Encoding
	pull                   bool // textDocument/diagnostic: the client pulls, the server never pushes
	pullRefresh            bool // workspace/diagnostic/refresh
	configuration          bool // workspace/configuration
	didChangeConfigDynamic bool // didChangeConfiguration must be registered dynamically
	watchedFilesDynamic    bool // the server may register file watchers
	hierarchicalSymbols    bool
	hoverMarkdown          bool
	showDocument           bool
	edits                  workspaceEditCaps // what workspace edits may hold (codeaction.go)
}

// folder is a workspace folder.
type folder struct {
	uri  uri.URI // as the client sent it
	path string  // decoded path with a trailing slash, for prefix matching
}

func ptr[T any](v T) *T { return &v }

// Command names the server executes.
const (
	cmdShowRuleDoc = "layerlint.showRuleDocumentation"
	cmdNoop        = "layerlint.noop" // code lenses that only inform
)

// CodeActionKindFixAll is layerlint's "fix all" source action.
const CodeActionKindFixAll protocol.CodeActionKind = "source.fixAll.layerlint"

func (s *server) initialize(params jsonrpc2.RawMessage) (any, error) {
	var p protocol.InitializeParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodInitialize, err)
	}
	caps := readCaps(&p.Capabilities)
	var folders []folder
	if fs, ok := p.WorkspaceFolders.Get(); ok {
		for _, f := range fs {
			folders = append(folders, newFolder(f.URI))
		}
	}
	if len(folders) == 0 && p.RootURI != nil && *p.RootURI != "" {
		folders = append(folders, newFolder(*p.RootURI))
	}
	base, problems := parseSettings(p.InitializationOptions)

	s.mu.Lock()
	s.caps = caps
	s.folders = folders
	if base != nil {
		s.settings.base = base
	}
	s.state = stateInitialized
	s.mu.Unlock()
	s.docs.setEncoding(caps.enc)
	if !caps.watchedFilesDynamic {
		// no file-change reports: rescan build contexts now and then
		s.contexts.mu.Lock()
		s.contexts.ttl = contextTTL
		s.contexts.mu.Unlock()
		s.files.mu.Lock()
		s.files.ttl = contextTTL
		s.files.mu.Unlock()
	}
	s.reportSettingsProblems(problems)

	sync := protocol.TextDocumentSyncKindIncremental
	result := &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: caps.enc.kind(),
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: ptr(true),
				Change:    &sync,
				Save:      &protocol.SaveOptions{IncludeText: ptr(false)},
			},
			HoverProvider:          protocol.Boolean(true),
			DefinitionProvider:     protocol.Boolean(true),
			DocumentSymbolProvider: protocol.Boolean(true),
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{
					protocol.CodeActionKindQuickFix,
					protocol.CodeActionKindSourceFixAll,
					CodeActionKindFixAll,
				},
			},
			ExecuteCommandProvider: protocol.ExecuteCommandOptions{Commands: []string{cmdShowRuleDoc, cmdNoop}},
			CodeLensProvider:       &protocol.CodeLensOptions{},
			DocumentLinkProvider:   &protocol.DocumentLinkOptions{},
		},
		ServerInfo: protocol.ServerInfo{Name: "layerlint"},
	}
	if s.opts.Version != "" {
		result.ServerInfo.Version = protocol.NewOptional(s.opts.Version)
	}
	if caps.pull {
		result.Capabilities.DiagnosticProvider = &protocol.DiagnosticOptions{
			Identifier:            ptr("layerlint"),
			InterFileDependencies: false,
			WorkspaceDiagnostics:  true,
		}
	}
	s.logf("initialized: client %s, positions in %s, %s diagnostics, %d workspace folder(s)",
		clientName(&p), caps.enc.kind(), map[bool]string{true: "pull", false: "push"}[caps.pull], len(folders))
	return result, nil
}

func clientName(p *protocol.InitializeParams) string {
	if p.ClientInfo.Name == "" {
		return "(unnamed)"
	}
	v, _ := p.ClientInfo.Version.Get()
	return strings.TrimSpace(p.ClientInfo.Name + " " + v)
}

func readCaps(c *protocol.ClientCapabilities) clientCaps {
	var caps clientCaps
	if g := c.General; g != nil && slices.Contains(g.PositionEncodings, protocol.PositionEncodingKindUTF8) {
		caps.enc = UTF8
	}
	if td := c.TextDocument; td != nil {
		caps.pull = td.Diagnostic != nil
		if td.DocumentSymbol != nil && td.DocumentSymbol.HierarchicalDocumentSymbolSupport != nil {
			caps.hierarchicalSymbols = *td.DocumentSymbol.HierarchicalDocumentSymbolSupport
		}
		if td.Hover != nil {
			caps.hoverMarkdown = slices.Contains(td.Hover.ContentFormat, protocol.MarkupKindMarkdown)
		}
	}
	if ws := c.Workspace; ws != nil {
		caps.configuration = ws.Configuration != nil && *ws.Configuration
		if d := ws.DidChangeConfiguration; d != nil && d.DynamicRegistration != nil {
			caps.didChangeConfigDynamic = *d.DynamicRegistration
		}
		if d := ws.DidChangeWatchedFiles; d != nil && d.DynamicRegistration != nil {
			caps.watchedFilesDynamic = *d.DynamicRegistration
		}
		if d := ws.Diagnostics; d != nil && d.RefreshSupport != nil {
			caps.pullRefresh = *d.RefreshSupport
		}
	}
	caps.edits = readWorkspaceEditCaps(c.Workspace)
	if w := c.Window; w != nil && w.ShowDocument != nil {
		caps.showDocument = w.ShowDocument.Support
	}
	return caps
}

func newFolder(u uri.URI) folder {
	f := folder{uri: u}
	if canon, err := uri.Parse(string(u)); err == nil && canon.IsFile() {
		f.path = strings.TrimSuffix(canon.Path(), "/") + "/"
	}
	return f
}

// initialized: register for configuration changes and pull the settings.
func (s *server) initialized(ctx context.Context, params jsonrpc2.RawMessage) error {
	s.mu.Lock()
	caps := s.caps
	s.mu.Unlock()
	if caps.didChangeConfigDynamic {
		go func() {
			err := s.call(protocol.MethodClientRegisterCapability, &protocol.RegistrationParams{
				Registrations: []protocol.Registration{{
					ID:     "layerlint-configuration",
					Method: protocol.MethodWorkspaceDidChangeConfiguration,
				}},
			}, nil)
			if err != nil {
				s.logf("client/registerCapability: %v", err)
			}
		}()
	}
	if caps.watchedFilesDynamic {
		go s.registerWatchers()
	}
	if caps.configuration {
		go s.fetchConfiguration()
	} else {
		s.markConfigReady()
	}
	return nil
}

func (s *server) markConfigReady() {
	s.configReadyOnce.Do(func() { close(s.configReady) })
}

func (s *server) didChangeWorkspaceFolders(ctx context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	var kept []folder
	for _, f := range s.folders {
		removed := false
		for _, r := range p.Event.Removed {
			if r.URI == f.uri {
				removed = true
			}
		}
		if !removed {
			kept = append(kept, f)
		}
	}
	for _, a := range p.Event.Added {
		kept = append(kept, newFolder(a.URI))
	}
	s.folders = kept
	caps := s.caps
	s.mu.Unlock()
	if caps.configuration {
		go s.fetchConfiguration()
	}
	return nil
}
