package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CopyRelativeWithoutWorkdir reports COPY or ADD to a relative destination
// in a stage that never set WORKDIR.
var CopyRelativeWithoutWorkdir = register(&Rule{
	ID:       "CopyRelativeWithoutWorkdir",
	Aliases:  []string{"DL3045"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "COPY to a relative path before any WORKDIR",
		Description: "A relative destination is resolved against the working directory, which, before any " +
			"WORKDIR of the stage, is whatever the base image set: `/` for most images, something else for " +
			"others, and it may change with a new base tag. `COPY . .` then spreads the build context over the " +
			"image's root, and later instructions look for the files in the wrong place. Set WORKDIR first, or " +
			"copy to an absolute path. WORKDIRs of the stages a stage is built FROM count; destinations " +
			"starting with a variable are not judged.",
		Bad:  "FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
		Good: "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
	},
	Run: runCopyRelativeWithoutWorkdir,
})

// CopyMultipleSourcesToFile reports COPY or ADD of several sources to a
// destination that does not end with a slash.
var CopyMultipleSourcesToFile = register(&Rule{
	ID:       "CopyMultipleSourcesToFile",
	Aliases:  []string{"DL3021"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title: "COPY of several sources to a path without a final /",
		Description: "With more than one source, the destination must be a directory and, as the Dockerfile " +
			"reference says, end with `/`. The classic builder rejects the instruction and the build fails; " +
			"BuildKit treats the destination as a file when it does not exist yet, so one source overwrites " +
			"the other and the image silently lacks files. The fix appends the `/`.",
		Bad:  "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json /app\n",
		Good: "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json /app/\n",
	},
	Run: runCopyMultipleSourcesToFile,
})

// hlCopies returns the COPY and ADD instructions (ONBUILD ones unwrapped)
// with the instruction that appears in the file.
func hlCopies(f *dockerfile.File) []hlRun {
	var out []hlRun
	for _, at := range f.Instructions {
		in := at
		if at.Onbuild != nil {
			in = at.Onbuild
		}
		if (in.Keyword == "copy" || in.Keyword == "add") && len(in.Args) >= 1 {
			out = append(out, hlRun{At: at, In: in})
		}
	}
	return out
}

func hlIsAbs(p string) bool {
	p = strings.Trim(p, `"'`)
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) ||
		(len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z'))
}

func runCopyRelativeWithoutWorkdir(p *Pass) {
	for _, c := range hlCopies(p.File) {
		// ONBUILD runs in the child image, whose WORKDIR is unknown here
		if c.At != c.In || c.In.Stage == nil {
			continue
		}
		dest := c.In.Args[len(c.In.Args)-1]
		if len(c.In.Args) < 2 && len(c.In.Heredocs) == 0 {
			continue
		}
		v := strings.Trim(dest.Value, `"'`)
		if hlIsAbs(v) || strings.HasPrefix(v, "$") {
			continue
		}
		if hlWorkdirBefore(c.In) {
			continue
		}
		p.Reportf(dest.Range, "%s to the relative path '%s' before any WORKDIR lands wherever the base image's working directory is; set WORKDIR first or use an absolute path", strings.ToUpper(c.In.Keyword), v)
	}
}

// hlWorkdirBefore reports a WORKDIR earlier in in's stage or in the stages
// it is built on.
func hlWorkdirBefore(in *dockerfile.Instruction) bool {
	s := in.Stage
	for n := 0; s != nil && n < 1000; n++ {
		for _, x := range s.Instructions {
			if x.Keyword == "workdir" && (s != in.Stage || x.Index < in.Index) {
				return true
			}
		}
		s = s.Parent
	}
	return false
}

func runCopyMultipleSourcesToFile(p *Pass) {
	for _, c := range hlCopies(p.File) {
		in := c.In
		nsrc := len(in.Args) - 1 // heredoc sources are among the args
		if nsrc < 2 {
			continue
		}
		dest := in.Args[len(in.Args)-1]
		v := dest.Value
		if strings.HasSuffix(v, "/") || strings.HasSuffix(v, `\`) || v == "." || v == ".." {
			continue
		}
		d := Diagnostic{
			Range:   dest.Range,
			Message: fmt.Sprintf("%d sources are copied to '%s', which does not end with /; write %s/", nsrc, v, v),
		}
		raw := p.File.Text(dest.Range)
		switch {
		case in.JSONForm && strings.HasSuffix(raw, `"`) && !strings.HasSuffix(raw, `\"`):
			d.Fixes = []Fix{{Title: "Append / to the destination", Safe: true, Edits: []Edit{{Range: dockerfile.Range{Start: dest.Range.End - 1, End: dest.Range.End - 1}, NewText: "/"}}}}
		case !in.JSONForm && raw == v && !strings.HasSuffix(raw, string(p.File.Escape)):
			d.Fixes = []Fix{{Title: "Append / to the destination", Safe: true, Edits: []Edit{{Range: dockerfile.Range{Start: dest.Range.End, End: dest.Range.End}, NewText: "/"}}}}
		}
		p.Report(d)
	}
}
