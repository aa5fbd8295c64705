package rules

import (
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// AddInsteadOfCopy reports ADD of local files and directories, which COPY
// does more predictably.
var AddInsteadOfCopy = register(&Rule{
	ID:       "AddInsteadOfCopy",
	Aliases:  []string{"DL3020"},
	Category: CategoryStyle,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "ADD of local files instead of COPY",
		Description: "ADD does more than copy: it downloads URLs and unpacks local tar archives, deciding " +
			"by the file's content. For plain files and directories COPY does the same thing and says so; " +
			"an ADD there makes a reader wonder, and turns into an unpack the day a source becomes a tarball. " +
			"ADD of URLs, git repositories and archives (`.tar`, `.tgz`, `.gz`, `.xz`, ...) is left alone. " +
			"The fix rewrites ADD to COPY; it is applied automatically only when every source is a " +
			"directory or a file whose extension is not an archive's, since ADD unpacks an archive " +
			"whatever its name.",
		Bad:  "FROM nginx:1.27\nADD nginx.conf /etc/nginx/nginx.conf\n",
		Good: "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n",
	},
	Run: runAddInsteadOfCopy,
})

var hlArchiveExts = []string{".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz", ".zst", ".tzst"}

// hlIsArchive reports a path that names a compressed file or a tar archive.
func hlIsArchive(p string) bool {
	p = strings.Trim(p, `"'`)
	for _, e := range hlArchiveExts {
		if strings.HasSuffix(p, e) {
			return true
		}
	}
	return false
}

// hlIsRemote reports an ADD source that is fetched: an HTTP(S) URL or a git repository.
func hlIsRemote(p string) bool {
	p = strings.Trim(p, `"'`)
	for _, s := range []string{"http://", "https://", "git@", "git://", "ssh://", "git+"} {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	return false
}

// hlADDOnlyFlags are ADD flags that COPY does not accept.
var hlADDOnlyFlags = []string{"checksum", "keep-git-dir", "unpack"}

func runAddInsteadOfCopy(p *Pass) {
	for _, at := range p.File.Instructions {
		in := at
		if at.Onbuild != nil {
			in = at.Onbuild
		}
		if in.Keyword != "add" || len(in.Args) < 2 || len(in.Heredocs) > 0 {
			continue
		}
		srcs := in.Args[:len(in.Args)-1]
		safe := true
		local := true
		for _, a := range srcs {
			if hlIsRemote(a.Value) || hlIsArchive(a.Value) || strings.Contains(a.Value, "$") {
				local = false
				break
			}
			if !hlPlainSource(a.Value) {
				safe = false
			}
		}
		if !local {
			continue
		}
		d := Diagnostic{Range: in.KeywordRange, Message: "ADD copies local files here; use COPY, which never unpacks or downloads"}
		// COPY rejects ADD's own flags
		if !hlHasAnyFlag(in, hlADDOnlyFlags) {
			kw := "COPY"
			if raw := in.RawKeyword(p.File); raw == strings.ToLower(raw) {
				kw = "copy"
			}
			d.Fixes = []Fix{{Title: "Replace ADD with COPY", Safe: safe, Edits: []Edit{{Range: in.KeywordRange, NewText: kw}}}}
		}
		p.Report(d)
	}
}

func hlHasAnyFlag(in *dockerfile.Instruction, names []string) bool {
	for _, n := range names {
		if in.Flag(n) != nil {
			return true
		}
	}
	return false
}

// hlPlainSource reports a source that cannot be an archive ADD would unpack:
// a directory (".", a trailing slash) or a file with a non-archive extension.
func hlPlainSource(src string) bool {
	if strings.ContainsAny(src, "*?[") {
		return false
	}
	if src == "." || src == "./" || strings.HasSuffix(src, "/") {
		return true
	}
	ext := path.Ext(src)
	return ext != "" && ext != "." && !hlIsArchive(src)
}
