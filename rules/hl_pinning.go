package rules

import (
	"fmt"

	"github.com/layerlint/layerlint/dockerfile"
)

// hlPin describes one package manager for the version-pinning rules.
type hlPin struct {
	// packages returns the package operands of c, or ok=false when c
	// installs nothing this check covers.
	packages func(c *dockerfile.Command) (pkgs []dockerfile.Word, label string, ok bool)
	// pinned reports a package operand that names a version (or a file,
	// a path or another source with a fixed content).
	pinned func(pkg string) bool
	// form is the pinned form the message suggests ("<package>=<version>").
	form string
	// noun names what is installed ("package" when empty).
	noun string
}

// runPinned reports each install command of the check's manager with
// operands that pin no version. Operands built from ARG or ENV values are
// judged on their values; operands that depend on anything unknown are not
// reported.
func runPinned(p *Pass, chk hlPin) {
	for _, r := range hlRuns(p.File) {
		var env hlEnv
		for _, c := range r.In.Run.Commands {
			pkgs, label, ok := chk.packages(c)
			if !ok {
				continue
			}
			var bad []dockerfile.Word
			var names []string
			for _, w := range pkgs {
				if !w.Literal && env == nil {
					env = hlVarsEnv(p.File, r.At)
				}
				vals, ok := hlResolve(p.File, env, w)
				if !ok {
					continue
				}
				for _, v := range vals {
					if !chk.pinned(v) {
						bad = append(bad, w)
						names = append(names, v)
						break
					}
				}
			}
			if len(bad) == 0 {
				continue
			}
			noun := chk.noun
			if noun == "" {
				noun = "package"
			}
			if len(names) > 1 {
				noun += "s"
			}
			p.Report(Diagnostic{
				Range:   hlSpan(bad),
				Message: fmt.Sprintf("%s of %s %s without a version; write %s", label, noun, hlList(names), chk.form),
			})
		}
	}
}
