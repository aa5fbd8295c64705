package rules

import (
	"fmt"
	"regexp"

	"github.com/layerlint/layerlint/dockerfile"
)

// UndefinedVar reports a variable used before it is defined in the stage
// (BuildKit's check of the same name).
var UndefinedVar = register(&Rule{
	ID:       "UndefinedVar",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Variable used before it is defined",
		Description: "BuildKit expands `$NAME` in ENV, ARG, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL and " +
			"RUN --mount with the ARG and ENV values of the stage. An undefined variable silently expands to " +
			"an empty string: `COPY $SRC /app` copies the whole context, `ENV PATH=$PAHT:/opt/bin` drops " +
			"the PATH. Usual causes are a typo (the message suggests the closest defined name), a global ARG " +
			"not redeclared inside the stage, or an ENV that refers to a variable set in the same " +
			"instruction. Shell-form RUN, CMD and ENTRYPOINT are not checked: the shell expands those. " +
			"layerlint does not pull base images, so like `docker build --check` with an image that sets no " +
			"variables, it knows only PATH from the base image: a variable that the base image defines " +
			"(JAVA_HOME in a JDK image) is reported too; suppress those with a comment or declare them. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSON\n",
		Good: "FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSION\n",
	},
	Run: runUndefinedVar,
})

func runUndefinedVar(p *Pass) {
	f := p.File
	// BuildKit reports a variable once per word that uses it, so a variable
	// used in two words is reported twice: each report points at its own use
	type key struct {
		in   *dockerfile.Instruction
		name string
	}
	nth := map[key]int{}
	for _, u := range bkSimulate(f).Undefined {
		k := key{u.In, u.Name}
		msg := fmt.Sprintf("$%s is not defined at this point of the stage", u.Name)
		if u.Suggest != "" {
			msg += fmt.Sprintf(" (did you mean $%s?)", u.Suggest)
		}
		p.Report(Diagnostic{Range: bkNthVarRange(f, u.In.Range, u.Name, nth[k]), Message: msg})
		nth[k]++
	}
}

// bkVarRange returns the range of the first $name or ${name reference within
// r, or the start of r's instruction keyword when there is none.
func bkVarRange(f *dockerfile.File, r dockerfile.Range, name string) dockerfile.Range {
	return bkNthVarRange(f, r, name, 0)
}

// bkNthVarRange returns the range of the n-th (0-based; the last one when
// there are fewer) $name or ${name reference within r, or the start of r's
// instruction keyword when there is none.
func bkNthVarRange(f *dockerfile.File, r dockerfile.Range, name string, n int) dockerfile.Range {
	re := regexp.MustCompile(`\$\{?` + regexp.QuoteMeta(name) + `\b`)
	if locs := re.FindAllIndex(f.Src[r.Start:r.End], -1); len(locs) > 0 {
		loc := locs[min(n, len(locs)-1)]
		return dockerfile.Range{Start: r.Start + loc[0], End: r.Start + loc[1]}
	}
	if in := f.InstructionAt(r.Start); in != nil {
		return in.KeywordRange
	}
	return r
}
