package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// InvalidDefinitionDescription reports a comment directly above a named FROM
// or an ARG that does not start with the stage or argument name (BuildKit's
// experimental check of the same name).
var InvalidDefinitionDescription = register(markExperimental(&Rule{
	ID:           "InvalidDefinitionDescription",
	Category:     CategoryStyle,
	Severity:     SeverityWarning,
	OffByDefault: true,
	BuildKit:     true,
	Doc: Doc{
		Title: "Comment above FROM or ARG should describe it",
		Description: "`docker buildx build --call=outline` and `--call=targets` show the comment directly above a " +
			"named stage or an ARG as its description when the comment starts with the stage or argument " +
			"name (`# VERSION selects the release to build`). Any other comment there is shown as nothing, " +
			"or mistaken for a description by readers; separate it with an empty line. " +
			"This check is experimental in BuildKit and off by default: enable it with " +
			"`# check=experimental=InvalidDefinitionDescription` (or `experimental=all`) or in the " +
			"configuration. Deviation from BuildKit v0.34.2: BuildKit's parser does not stop collecting " +
			"comments at an empty line, so it also reports comments separated from the instruction by an " +
			"empty line, including the example its own documentation gives as correct. layerlint follows " +
			"the documented behaviour: an empty line, or a bare `#` line, ends the description. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# the release to build\nARG VERSION=1\n",
		Good: "# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# VERSION is the release to build\nARG VERSION=1\n\n# not a description\n\nARG CHANNEL=stable\n",
	},
	Run: runInvalidDefinitionDescription,
}))

func runInvalidDefinitionDescription(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		var keys []string
		var what string
		switch c := bkCommand(in).(type) {
		case *instructions.Stage:
			if c.Name == "" {
				continue
			}
			keys, what = []string{c.Name}, "stage "+c.Name
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				keys = append(keys, kv.Key)
			}
			what = "ARG " + strings.Join(keys, " ")
		default:
			continue
		}
		desc, r, ok := descriptionComment(f, in)
		if !ok || len(keys) == 0 {
			continue
		}
		first, _, _ := strings.Cut(desc, " ")
		if bkContains(keys, first) {
			continue
		}
		example := keys[0]
		if len(keys) > 1 {
			example = "<arg_key>"
		}
		p.Report(Diagnostic{
			Range:   in.KeywordRange,
			Message: fmt.Sprintf("the comment above %s is not a description; start it with %q or separate it with an empty line", what, example),
			Related: []Related{{Message: "the comment", Range: r}},
		})
	}
}

// descriptionComment returns the text of the comment on the line directly
// above in, when that line is a non-empty comment BuildKit attaches to in.
func descriptionComment(f *dockerfile.File, in *dockerfile.Instruction) (string, dockerfile.Range, bool) {
	n := len(in.Comments)
	if n == 0 || in.StartLine < 2 {
		return "", dockerfile.Range{}, false
	}
	line := in.StartLine - 1
	raw := f.Line(line)
	if !strings.HasPrefix(strings.TrimSpace(raw), "#") {
		return "", dockerfile.Range{}, false // an empty line separates the comment
	}
	// BuildKit drops the first byte of the line, not the '#': an indented
	// comment keeps its '#' in the text
	text := strings.TrimSpace(raw[1:])
	if text != in.Comments[n-1] {
		return "", dockerfile.Range{}, false // a parser directive, not a comment
	}
	return text, dockerfile.Range{Start: f.LineStart(line), End: f.LineEnd(line)}, true
}

func bkContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
