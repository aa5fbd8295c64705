package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// EnvSelfReference reports an ENV that uses a variable it defines itself,
// where the variable had no value before.
var EnvSelfReference = register(&Rule{
	ID:       "EnvSelfReference",
	Aliases:  []string{"DL3044"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "ENV uses a variable it defines in the same instruction",
		Description: "All values of one ENV instruction are expanded with the variables as they were before " +
			"the instruction. In `ENV APP_HOME=/app APP_BIN=$APP_HOME/bin`, `$APP_HOME` is not yet `/app`: " +
			"it is empty (or its earlier value), so APP_BIN becomes `/bin` and the image is quietly wrong. " +
			"Split the ENV in two. A variable that already had a value from an earlier ARG or ENV is not " +
			"reported, as its earlier value may be the one meant.",
		Bad:  "FROM alpine:3.20\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin\n",
		Good: "FROM alpine:3.20\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin\n",
	},
	Run: runEnvSelfReference,
})

func runEnvSelfReference(p *Pass) {
	for _, in := range p.File.Instructions {
		env, ok := in.Command.(*instructions.EnvCommand)
		if !ok || len(env.Env) < 2 {
			continue
		}
		var before map[string]bool
		for i, kv := range env.Env {
			for j, other := range env.Env {
				if i == j || !hlReferences(other.Value, kv.Key) {
					continue
				}
				if before == nil {
					before = map[string]bool{}
					for n := range p.File.Vars(in) {
						before[n] = true
					}
				}
				if before[kv.Key] {
					continue
				}
				rng := in.ArgsRange
				if j < len(in.Args) && len(in.Args) == len(env.Env) {
					rng = in.Args[j].Range
				}
				p.Reportf(rng, "%s refers to $%s, which this same ENV sets: it expands to the value from before the instruction (empty); move %s to its own ENV", other.Key, kv.Key, kv.Key)
				break
			}
		}
	}
}

// hlReferences reports a $name or ${name...} reference in a value.
func hlReferences(value, name string) bool {
	for i := strings.IndexByte(value, '$'); i >= 0; {
		rest := value[i+1:]
		braced := strings.HasPrefix(rest, "{")
		if braced {
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, name) {
			after := rest[len(name):]
			if after == "" && !braced {
				return true
			}
			if after != "" {
				c := after[0]
				ident := c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
				if braced && strings.IndexByte("}:#%/^,", c) >= 0 || !braced && !ident {
					return true
				}
			}
		}
		j := strings.IndexByte(value[i+1:], '$')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
