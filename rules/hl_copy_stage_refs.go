package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CopyFromUndefinedStage reports COPY --from naming no earlier stage.
var CopyFromUndefinedStage = register(&Rule{
	ID:       "CopyFromUndefinedStage",
	Aliases:  []string{"DL3022"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "COPY --from names no earlier stage",
		Description: "`COPY --from=NAME` copies from an earlier stage of that name; when there is none, " +
			"BuildKit reads NAME as an image reference and pulls `docker.io/library/NAME:latest`. A typo in a " +
			"stage name, or a stage defined further down, then fails the build with a pull error or, worse, " +
			"copies from an unrelated image. Name an earlier stage, or give an image reference with a tag " +
			"(`--from=nginx:1.27`), which is not reported. Stage indexes must point to an earlier stage.",
		Bad:  "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biuld /app /app\n",
		Good: "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n",
	},
	Run: runCopyFromUndefinedStage,
})

// CopyFromOwnStage reports COPY --from naming the stage it is in.
var CopyFromOwnStage = register(&Rule{
	ID:       "CopyFromOwnStage",
	Aliases:  []string{"DL3023"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title: "COPY --from names its own stage",
		Description: "A stage cannot copy from itself: the stage's files do not exist until the stage is " +
			"built, so BuildKit rejects the Dockerfile with a circular dependency and the build fails. Copy " +
			"within the stage with `RUN cp`, or from an earlier stage.",
		Bad:  "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nCOPY --from=build /out/app /usr/local/bin/app\n",
		Good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app\n",
	},
	Run: runCopyFromOwnStage,
})

// hlCopyFrom returns the COPY instructions with --from, ONBUILD COPY
// excluded (its stages are the child image's).
func hlCopyFrom(f *dockerfile.File) []*dockerfile.Instruction {
	var out []*dockerfile.Instruction
	for _, in := range f.Instructions {
		if in.Keyword == "copy" && in.Stage != nil && in.Flag("from") != nil {
			out = append(out, in)
		}
	}
	return out
}

func runCopyFromUndefinedStage(p *Pass) {
	for _, in := range hlCopyFrom(p.File) {
		fl := in.Flag("from")
		ref := fl.Value
		// an image reference, or a value known only at build time
		if ref == "" || strings.ContainsAny(ref, ":@$") {
			continue
		}
		cur := in.Stage
		if n, err := strconv.Atoi(ref); err == nil {
			if n >= 0 && n <= cur.Index {
				continue // an earlier stage, or its own (CopyFromOwnStage)
			}
			p.Reportf(fl.Range, "--from=%d names no earlier stage: stage indexes here go from 0 to %d", n, cur.Index-1)
			continue
		}
		if p.File.StageRef(ref, cur.Index) != nil || strings.EqualFold(ref, cur.Name) {
			continue
		}
		d := Diagnostic{Range: fl.Range}
		if later := p.File.Stage(ref); later != nil {
			d.Message = fmt.Sprintf("--from=%s names stage %s, defined later at line %d; BuildKit reads it as an image to pull", ref, later.Name, later.From.StartLine)
			d.Related = []Related{{Message: "the stage is defined here", Range: later.NameRange}}
		} else {
			d.Message = fmt.Sprintf("--from=%s names no earlier stage; BuildKit pulls it as the image %s:latest", ref, ref)
			if s := hlClosestStage(p.File, ref, cur.Index); s != nil {
				d.Message += fmt.Sprintf(" (did you mean %s?)", s.Name)
			}
		}
		p.Report(d)
	}
}

// hlClosestStage returns the earlier stage whose name is at most two edits
// from ref.
func hlClosestStage(f *dockerfile.File, ref string, limit int) *dockerfile.Stage {
	var best *dockerfile.Stage
	bestD := 3
	for _, s := range f.Stages[:min(limit, len(f.Stages))] {
		if s.Name == "" {
			continue
		}
		if d := editDistance(strings.ToLower(ref), strings.ToLower(s.Name)); d < bestD {
			best, bestD = s, d
		}
	}
	return best
}

func runCopyFromOwnStage(p *Pass) {
	for _, in := range hlCopyFrom(p.File) {
		fl := in.Flag("from")
		cur := in.Stage
		own := cur.Name != "" && strings.EqualFold(fl.Value, cur.Name)
		if n, err := strconv.Atoi(fl.Value); err == nil && n == cur.Index {
			own = true
		}
		if own {
			p.Reportf(fl.Range, "--from=%s names the stage this COPY is in; a stage cannot copy from itself", fl.Value)
		}
	}
}
