package lsp

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Bounds of one workspace/diagnostic walk.
const (
	maxWorkspaceEntries     = 200_000
	maxWorkspaceDockerfiles = 1000
)

// isDockerfileName reports whether a file found in the workspace is a
// Dockerfile, with the names `layerlint check` picks when it walks a
// directory: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile*, *.Containerfile, but no per-Dockerfile ignore file.
func isDockerfileName(name string) bool {
	if strings.HasSuffix(name, ".dockerignore") || strings.HasSuffix(name, ".containerignore") {
		return false
	}
	if name == "Dockerfile" || strings.HasPrefix(name, "Dockerfile.") || strings.HasPrefix(name, "Containerfile") {
		return true
	}
	for _, suffix := range []string{".Dockerfile", ".dockerfile", ".Containerfile"} {
		if len(name) > len(suffix) && strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// skipWorkspaceDir: hidden directories and vendored trees, as the CLI skips them.
func skipWorkspaceDir(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." ||
		slices.Contains([]string{"node_modules", "bower_components", "vendor", "third_party", "third-party", "thirdparty"}, name)
}

// workspaceDiagnostics answers workspace/diagnostic (clients that pull): the
// Dockerfiles under the workspace folders that are not open, read from disk
// and checked with the in-buffer rules (the build-context rules run for open
// documents only: scanning every context of a workspace is too costly).
func (s *server) workspaceDiagnostics(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.WorkspaceDiagnosticParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodWorkspaceDiagnostic, err)
	}
	prev := map[string]string{}
	for _, r := range p.PreviousResultIds {
		prev[filepath.Clean(filePath(r.URI))] = r.Value
	}
	s.mu.Lock()
	folders := slices.Clone(s.folders)
	enc := s.caps.enc
	s.mu.Unlock()
	return func(ctx context.Context) (any, error) {
		report := &protocol.WorkspaceDiagnosticReport{Items: []protocol.WorkspaceDocumentDiagnosticReport{}}
		seen, entries := map[string]bool{}, 0
		for _, f := range folders {
			if f.path == "" {
				continue
			}
			root := filepath.FromSlash(strings.TrimSuffix(f.path, "/"))
			_ = filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
				entries++
				switch {
				case ctx.Err() != nil || entries > maxWorkspaceEntries || len(seen) >= maxWorkspaceDockerfiles:
					return filepath.SkipAll
				case err != nil:
					return nil
				case de.IsDir():
					if p != root && skipWorkspaceDir(de.Name()) {
						return filepath.SkipDir
					}
					return nil
				case !de.Type().IsRegular() || !isDockerfileName(de.Name()) || seen[p]:
					return nil
				}
				seen[p] = true
				u := uri.File(p)
				if s.docs.get(u) != nil {
					return nil // open: reported through textDocument/diagnostic
				}
				src, err := os.ReadFile(p)
				if err != nil || len(src) > maxBody {
					return nil
				}
				d := &document{key: u, uri: u, path: filepath.ToSlash(p), kind: kindDockerfile, text: src, enc: enc}
				r := s.analyze(d, s.configFor(d), nil)
				id := r.resultID()
				if prev[filepath.Clean(p)] == id {
					report.Items = append(report.Items, &protocol.WorkspaceUnchangedDocumentDiagnosticReport{
						UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: "unchanged", ResultID: id},
						URI:                               u,
					})
					return nil
				}
				report.Items = append(report.Items, &protocol.WorkspaceFullDocumentDiagnosticReport{
					FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: "full", ResultID: &id, Items: r.items},
					URI:                          u,
				})
				return nil
			})
		}
		return report, nil
	}, nil
}
