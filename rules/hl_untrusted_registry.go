package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// UntrustedRegistry reports images pulled from registries outside the
// configured list.
var UntrustedRegistry = register(&Rule{
	ID:       "UntrustedRegistry",
	Aliases:  []string{"DL3026"},
	Category: CategorySecurity,
	Severity: SeverityError,
	Doc: Doc{
		Title: "Image from a registry outside the trusted list",
		Description: "An image is code that runs in the build and ships in the result. Organizations that " +
			"mirror and scan their base images want every FROM, `COPY --from` and `RUN --mount from=` image " +
			"to come from those registries. Images without a registry come from docker.io. Earlier stages, " +
			"`scratch`, and images given by variables whose values are unknown are not reported. Option " +
			"`registries`: the trusted registries (`docker.io`, `*.gcr.io` for any subdomain, `registry.example.com*` " +
			"for a prefix, `*` for any), as in hadolint's `trustedRegistries`; without it the rule does nothing.",
		Bad:     "FROM quay.io/prometheus/busybox:latest\n",
		Good:    "FROM registry.example.com/mirror/busybox:1.36\n",
		Options: map[string]any{"registries": []any{"registry.example.com", "*.gcr.io"}},
	},
	Run: runUntrustedRegistry,
})

func runUntrustedRegistry(p *Pass) {
	v, _ := p.Option("registries")
	allowed := hlOptionStrings(v)
	if len(allowed) == 0 {
		return
	}
	check := func(at *dockerfile.Instruction, ref string, rng dockerfile.Range, limit int) {
		if ref == "" || strings.EqualFold(ref, "scratch") || p.File.StageRef(ref, limit) != nil {
			return
		}
		if strings.Contains(ref, "$") {
			r, ok := hlExpandGlobal(p.File, at, ref)
			if !ok {
				return
			}
			ref = r
			if strings.EqualFold(ref, "scratch") || p.File.StageRef(ref, limit) != nil {
				return
			}
		}
		reg := hlRegistry(ref)
		for _, a := range allowed {
			if hlRegistryMatch(a, reg) {
				return
			}
		}
		p.Report(Diagnostic{Range: rng, Message: fmt.Sprintf("%s comes from %s, which is not a trusted registry", ref, reg)})
	}
	for _, s := range p.File.Stages {
		check(s.From, s.BaseRaw, s.BaseRange, s.Index)
		for _, in := range s.Instructions {
			if in.Keyword == "copy" {
				if fl := in.Flag("from"); fl != nil {
					check(in, fl.Value, fl.Range, s.Index)
				}
			}
			if in.Run != nil {
				for _, m := range in.Run.Mounts {
					if m != nil && m.From != "" {
						rng := in.KeywordRange
						for _, fl := range in.Flags {
							if fl.Name == "mount" && strings.Contains(fl.Value, m.From) {
								rng = fl.Range
							}
						}
						check(in, m.From, rng, s.Index)
					}
				}
			}
		}
	}
}

// hlRegistry returns the registry host of an image reference.
func hlRegistry(ref string) string {
	first, _, ok := strings.Cut(ref, "/")
	if !ok || !(strings.ContainsAny(first, ".:") || first == "localhost") {
		return "docker.io"
	}
	return first
}

// hlRegistryMatch matches a registry against a trusted entry: "*" (any),
// "*.suffix", "prefix*" or an exact name; docker.io and its aliases match
// each other.
func hlRegistryMatch(allow, reg string) bool {
	allow = strings.ToLower(strings.TrimSpace(allow))
	reg = strings.ToLower(reg)
	if reg == "docker.io" && (allow == "hub.docker.com" || allow == "index.docker.io" || allow == "registry-1.docker.io") {
		return true
	}
	switch {
	case allow == "*":
		return true
	case strings.HasPrefix(allow, "*"):
		return strings.HasSuffix(reg, allow[1:])
	case strings.HasSuffix(allow, "*"):
		return strings.HasPrefix(reg, allow[:len(allow)-1])
	}
	return reg == allow
}
