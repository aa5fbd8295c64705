package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// WorkdirNotAbsolute reports every WORKDIR given as a relative path.
var WorkdirNotAbsolute = register(&Rule{
	ID:       "WorkdirNotAbsolute",
	Aliases:  []string{"DL3000"},
	Category: CategoryStyle,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "WORKDIR given as a relative path",
		Description: "A relative WORKDIR is joined to the one before it, so a reader has to trace every " +
			"earlier WORKDIR (and, for the first one, the base image's) to know where the following " +
			"instructions run, and moving an instruction changes its meaning. An absolute path says it at " +
			"once. When the earlier WORKDIR of the stage is known, the fix writes the joined absolute path; " +
			"a relative first WORKDIR, which depends on the base image, is also BuildKit's " +
			"WorkdirRelativePath. Paths starting with a variable are not judged.",
		Bad:  "FROM node:20-alpine\nWORKDIR /srv\nWORKDIR app\n",
		Good: "FROM node:20-alpine\nWORKDIR /srv/app\n",
	},
	Run: runWorkdirNotAbsolute,
})

func runWorkdirNotAbsolute(p *Pass) {
	for _, s := range p.File.Stages {
		for _, in := range s.Instructions {
			w, ok := in.Command.(*instructions.WorkdirCommand)
			if !ok || len(in.Args) == 0 {
				continue
			}
			dir := strings.Trim(w.Path, `"'`)
			if dir == "" || hlIsAbs(dir) || strings.HasPrefix(dir, "$") {
				continue
			}
			d := Diagnostic{Range: in.ArgsRange, Message: fmt.Sprintf("WORKDIR %s is relative; write the absolute path", dir)}
			if prev, ok := hlKnownWorkdir(s, in); ok {
				abs := path.Join(prev, dir)
				d.Message = fmt.Sprintf("WORKDIR %s is relative to %s; write WORKDIR %s", dir, prev, abs)
				if len(in.Args) == 1 && p.File.Text(in.Args[0].Range) == dir && !strings.ContainsAny(dir, "$\\ ") {
					d.Fixes = []Fix{{Title: "Write WORKDIR " + abs, Safe: true, Edits: []Edit{{Range: in.Args[0].Range, NewText: abs}}}}
				}
			}
			p.Report(d)
		}
	}
}

// hlKnownWorkdir returns the working directory before in, when the WORKDIRs
// of its stage and of the stages it is built on determine it: literal paths
// from an absolute one on.
func hlKnownWorkdir(s *dockerfile.Stage, in *dockerfile.Instruction) (string, bool) {
	var chain []*dockerfile.Stage
	for x := s; x != nil && len(chain) <= 1000; x = x.Parent {
		chain = append(chain, x)
	}
	var dirs []string
	for i := len(chain) - 1; i >= 0; i-- {
		for _, x := range chain[i].Instructions {
			if chain[i] == s && x.Index >= in.Index {
				break
			}
			if w, ok := x.Command.(*instructions.WorkdirCommand); ok {
				dirs = append(dirs, strings.Trim(w.Path, `"'`))
			}
		}
	}
	cur, known := "", false
	for _, d := range dirs {
		switch {
		case strings.Contains(d, "$"):
			cur, known = "", false
		case strings.HasPrefix(d, "/"):
			cur, known = path.Clean(d), true
		case known:
			cur = path.Join(cur, d)
		}
	}
	return cur, known
}
