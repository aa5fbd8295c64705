package rules

import (
	"fmt"
	"strings"
)

// ImageTagMissing reports a FROM image without a tag or digest.
var ImageTagMissing = register(&Rule{
	ID:       "ImageTagMissing",
	Aliases:  []string{"DL3006"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "FROM image without a tag",
		Description: "An image named without a tag means `:latest`, whatever that is on the day of the " +
			"build. Every layer of the Dockerfile sits on the base, so a new upstream release silently " +
			"changes the whole image, and caches on different machines hold different bases. Name a tag " +
			"(`debian:bookworm`, `node:20.14-alpine`) or a digest. `scratch`, earlier stages and images " +
			"given by variables whose values are unknown are not reported; ARG defaults are resolved.",
		Bad:  "FROM ubuntu\nRUN echo hello\n",
		Good: "FROM ubuntu:24.04\nRUN echo hello\n",
	},
	Run: func(p *Pass) { runImageTag(p, false) },
})

// ImageTagLatest reports a FROM image tagged latest.
var ImageTagLatest = register(&Rule{
	ID:       "ImageTagLatest",
	Aliases:  []string{"DL3007"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "FROM image tagged latest",
		Description: "`:latest` moves with every upstream release. Every layer of the Dockerfile sits on the " +
			"base, so a new release silently changes the whole image, and caches on different machines hold " +
			"different bases. Name a release tag, or add a digest (`image:latest@sha256:...` is pinned by " +
			"the digest and not reported). ARG defaults are resolved.",
		Bad:  "FROM node:latest\nRUN node --version\n",
		Good: "FROM node:20.14-alpine\nRUN node --version\n",
	},
	Run: func(p *Pass) { runImageTag(p, true) },
})

func runImageTag(p *Pass, latest bool) {
	for _, s := range p.File.Stages {
		// earlier stages are built here, not pulled
		if s.Parent != nil || s.BaseRaw == "" {
			continue
		}
		ref := s.BaseRaw
		via := ""
		if strings.Contains(ref, "$") {
			// only a value known from global ARG defaults is judged
			v, ok := hlExpandGlobal(p.File, s.From, ref)
			if !ok {
				continue
			}
			ref, via = v, fmt.Sprintf(" (%s)", s.BaseRaw)
		}
		if strings.EqualFold(ref, "scratch") {
			continue
		}
		name, tag, digest := hlImageRef(ref)
		if digest != "" {
			continue
		}
		switch {
		case !latest && tag == "":
			p.Reportf(s.BaseRange, "image '%s'%s has no tag, so it is whatever latest is at build time; name a tag such as %s:<version>", name, via, name)
		case latest && tag == "latest":
			p.Reportf(s.BaseRange, "image '%s'%s is tagged latest, which moves with every release; name a release tag or add a digest", ref, via)
		}
	}
}

// hlImageRef splits an image reference into its name, tag and digest.
func hlImageRef(ref string) (name, tag, digest string) {
	name = ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name, digest = name[:i], name[i+1:]
	}
	slash := strings.LastIndexByte(name, '/')
	if i := strings.LastIndexByte(name, ':'); i > slash {
		name, tag = name[:i], name[i+1:]
	}
	return name, tag, digest
}
