package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// SyntaxDirectiveTooOld reports Dockerfile features that need a newer
// Dockerfile frontend than the `# syntax=` directive pins, or that rely on
// the builder's bundled frontend because the file has no directive.
var SyntaxDirectiveTooOld = register(&Rule{
	ID:       "SyntaxDirectiveTooOld",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Feature needs a newer Dockerfile syntax than declared",
		Description: "BuildKit parses a Dockerfile with the frontend the `# syntax=` directive names; without one it " +
			"uses the frontend bundled with the builder, which differs between Docker Engine and buildx " +
			"releases (and the classic builder supports none of these features). Heredocs (Dockerfile syntax " +
			"1.4), `RUN --mount` (1.2), `RUN --network` (1.3), `RUN --security` (1.20), `RUN --device` (1.27), " +
			"secret mounts with `env=` (1.10), `COPY`/`ADD --link` (1.4), `--chmod` (1.2; symbolic modes such as " +
			"`u+x` 1.14), `--exclude` (1.19), `COPY --parents` (1.20), `ADD --checksum` and git sources in `ADD` " +
			"(1.6; `--checksum` for a git source 1.16) and `ADD --unpack` (1.17) fail the build, or are " +
			"misread, on an older frontend. Versions follow BuildKit's Dockerfile reference; a `-labs` tag " +
			"counts the earlier labs release of heredocs (1.3), `--exclude` and `--parents` (1.7), `--checksum` " +
			"and git sources (1.5). A pinned version older than a feature used is reported at error severity " +
			"(the build fails). Without a directive, features newer than 1.5 are reported at the rule's severity " +
			"and older ones at info: Docker Engine 23 and later build with BuildKit and bundle at least " +
			"Dockerfile 1.5, so those only fail on older engines and the classic builder. The safe fix adds " +
			"`# syntax=docker/dockerfile:1` (the newest 1.x release, which keeps every feature above) as the first " +
			"line, or raises the pinned version to the oldest one that has every feature used; a directive " +
			"pinned by digest is only updated by a suggested fix.",
		Bad:  "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add gcc\n",
		Good: "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add gcc\n",
	},
	Run: runSyntaxDirectiveTooOld,
})

// syntaxVersion is a docker/dockerfile minor version (1.N).
type syntaxVersion struct{ major, minor int }

func (v syntaxVersion) less(w syntaxVersion) bool {
	return v.major < w.major || v.major == w.major && v.minor < w.minor
}

func (v syntaxVersion) String() string { return fmt.Sprintf("%d.%d", v.major, v.minor) }

// syntaxFeature is a feature and the first frontend versions that have it.
type syntaxFeature struct {
	what   string
	stable syntaxVersion
	labs   syntaxVersion // the first -labs (or -experimental) tag that has it
}

var (
	featHeredoc      = syntaxFeature{"a heredoc", syntaxVersion{1, 4}, syntaxVersion{1, 3}}
	featMount        = syntaxFeature{"RUN --mount", syntaxVersion{1, 2}, syntaxVersion{1, 0}}
	featSecretEnv    = syntaxFeature{"a secret mount with env=", syntaxVersion{1, 10}, syntaxVersion{1, 10}}
	featNetwork      = syntaxFeature{"RUN --network", syntaxVersion{1, 3}, syntaxVersion{1, 1}}
	featSecurity     = syntaxFeature{"RUN --security", syntaxVersion{1, 20}, syntaxVersion{1, 1}}
	featDevice       = syntaxFeature{"RUN --device", syntaxVersion{1, 27}, syntaxVersion{1, 27}}
	featLink         = syntaxFeature{"--link", syntaxVersion{1, 4}, syntaxVersion{1, 4}}
	featChmod        = syntaxFeature{"--chmod", syntaxVersion{1, 2}, syntaxVersion{1, 2}}
	featChmodSymbol  = syntaxFeature{"a symbolic --chmod mode", syntaxVersion{1, 14}, syntaxVersion{1, 14}}
	featExclude      = syntaxFeature{"--exclude", syntaxVersion{1, 19}, syntaxVersion{1, 7}}
	featParents      = syntaxFeature{"COPY --parents", syntaxVersion{1, 20}, syntaxVersion{1, 7}}
	featChecksum     = syntaxFeature{"ADD --checksum", syntaxVersion{1, 6}, syntaxVersion{1, 5}}
	featChecksumGit  = syntaxFeature{"ADD --checksum of a git source", syntaxVersion{1, 16}, syntaxVersion{1, 16}}
	featAddGit       = syntaxFeature{"ADD of a git repository", syntaxVersion{1, 6}, syntaxVersion{1, 5}}
	featUnpack       = syntaxFeature{"ADD --unpack", syntaxVersion{1, 17}, syntaxVersion{1, 17}}
	newestSyntax     = syntaxVersion{1, 1 << 20}
	dockerfileImages = []string{"docker/dockerfile", "docker/dockerfile-upstream"}
)

// bundledSyntax is the oldest frontend bundled with a Docker Engine that
// builds with BuildKit by default (23.0, BuildKit 0.11, Dockerfile 1.5).
var bundledSyntax = syntaxVersion{1, 5}

// maxStable returns the newest stable version the uses need.
func maxStable(uses []featureUse) syntaxVersion {
	var v syntaxVersion
	for _, u := range uses {
		if v.less(u.feat.stable) {
			v = u.feat.stable
		}
	}
	return v
}

// featureUse is one place that needs a feature.
type featureUse struct {
	feat  syntaxFeature
	rng   dockerfile.Range
	label string // how the message names the instruction
}

// syntaxDirective is the parsed # syntax= value for docker/dockerfile images.
type syntaxDirective struct {
	dir     dockerfile.Directive
	image   string // the value up to the tag ("docker/dockerfile", "mirror.gcr.io/docker/dockerfile")
	version syntaxVersion
	labs    bool
	digest  bool
}

func runSyntaxDirectiveTooOld(p *Pass) {
	f := p.File
	uses := syntaxFeatureUses(f)
	if len(uses) == 0 {
		return
	}
	var dir *dockerfile.Directive
	for i := range f.Directives {
		if f.Directives[i].Name == "syntax" {
			dir = &f.Directives[i]
		}
	}
	if dir == nil {
		// the finding sits on the use that needs the newest version
		top := 0
		for i, u := range uses {
			if uses[top].feat.stable.less(u.feat.stable) {
				top = i
			}
		}
		u := uses[top]
		d := Diagnostic{
			Range: u.rng,
			Message: fmt.Sprintf("%s needs Dockerfile syntax %s or newer and the file has no '# syntax=' directive; add '# syntax=docker/dockerfile:1' so every builder uses a frontend that has it",
				u.label, u.feat.stable),
		}
		for i, o := range uses {
			if i != top {
				d.Related = append(d.Related, Related{Message: fmt.Sprintf("%s needs %s", o.label, o.feat.stable), Range: o.rng})
			}
		}
		// Docker Engine 23 and later build with a bundled frontend of at
		// least 1.5: older features only fail on older or classic builders
		if p.Severity == p.Rule.Severity && !bundledSyntax.less(maxStable(uses)) {
			d.Severity = SeverityInfo
		}
		nl := lineEndingAt(f, 1)
		d.Fixes = []Fix{{
			Title: "Add '# syntax=docker/dockerfile:1' as the first line",
			Safe:  true,
			Edits: []Edit{{Range: dockerfile.Range{Start: f.LineStart(1), End: f.LineStart(1)}, NewText: "# syntax=docker/dockerfile:1" + nl}},
		}}
		p.Report(d)
		return
	}
	sd, ok := parseSyntaxDirective(*dir)
	if !ok {
		return // another frontend, or a tag that names no version
	}
	need := func(u featureUse) syntaxVersion {
		if sd.labs {
			return u.feat.labs
		}
		return u.feat.stable
	}
	var bad []featureUse
	for _, u := range uses {
		if sd.version.less(need(u)) {
			bad = append(bad, u)
		}
	}
	if len(bad) == 0 {
		return
	}
	// the finding sits on the use that needs the newest version
	top := 0
	for i, u := range bad {
		if need(bad[top]).less(need(u)) {
			top = i
		}
	}
	u := bad[top]
	want := need(u)
	d := Diagnostic{
		Range: u.rng,
		Message: fmt.Sprintf("%s needs Dockerfile syntax %s or newer, but '# syntax=%s' pins %s; the build fails",
			u.label, want, dir.Value, sd.version),
	}
	if p.Severity == p.Rule.Severity {
		d.Severity = SeverityError
	}
	for i, o := range bad {
		if i != top {
			d.Related = append(d.Related, Related{Message: fmt.Sprintf("%s needs %s", o.label, need(o)), Range: o.rng})
		}
	}
	d.Related = append(d.Related, Related{Message: "the syntax directive", Range: dir.Range})
	tag := want.String()
	if sd.labs {
		tag += "-labs"
	}
	fix := Fix{
		Title: fmt.Sprintf("Raise the syntax directive to %s:%s", sd.image, tag),
		Safe:  !sd.digest,
		Edits: []Edit{{Range: dir.ValueRange, NewText: sd.image + ":" + tag}},
	}
	if sd.digest {
		fix.Title += " and drop the digest"
	}
	d.Fixes = []Fix{fix}
	p.Report(d)
}

// parseSyntaxDirective reads docker/dockerfile[-upstream][:tag][@digest]
// behind any registry prefix. A tag without a minor version ("1", "latest",
// "labs", "master") means the newest release.
func parseSyntaxDirective(d dockerfile.Directive) (syntaxDirective, bool) {
	v := strings.TrimSpace(d.Value)
	sd := syntaxDirective{dir: d}
	if i := strings.Index(v, "@"); i >= 0 {
		sd.digest = true
		v = v[:i]
	}
	image, tag := v, ""
	if i := strings.LastIndex(v, ":"); i > strings.LastIndex(v, "/") {
		image, tag = v[:i], v[i+1:]
	}
	known := false
	for _, name := range dockerfileImages {
		if strings.EqualFold(image, name) || strings.HasSuffix(strings.ToLower(image), "/"+name) {
			known = true
		}
	}
	if !known {
		return sd, false
	}
	sd.image = image
	tag = strings.ToLower(tag)
	for _, suffix := range []string{"-labs", "-experimental"} {
		if t, ok := strings.CutSuffix(tag, suffix); ok {
			tag, sd.labs = t, true
		}
	}
	switch tag {
	case "labs", "experimental":
		sd.labs = true
		if tag == "experimental" {
			// the old experimental channel: 1.1.x-experimental
			sd.version = syntaxVersion{1, 1}
			return sd, true
		}
		sd.version = newestSyntax
		return sd, true
	case "", "latest", "master", "mainline", "nightly", "1":
		sd.version = newestSyntax
		return sd, true
	}
	parts := strings.Split(tag, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return sd, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return sd, false
	}
	sd.version = syntaxVersion{major, minor}
	if major > 1 {
		sd.version = newestSyntax
	}
	return sd, true
}

// syntaxFeatureUses lists, in file order, every use of a versioned feature.
func syntaxFeatureUses(f *dockerfile.File) []featureUse {
	var uses []featureUse
	add := func(feat syntaxFeature, r dockerfile.Range, label string) {
		uses = append(uses, featureUse{feat: feat, rng: r, label: label})
	}
	for _, in := range f.Instructions {
		kw := strings.ToUpper(in.Keyword)
		if len(in.Heredocs) > 0 {
			h := in.Heredocs[0]
			r := in.ArgsRange
			if i := strings.Index(f.Text(in.ArgsRange), "<<"); i >= 0 {
				r = dockerfile.Range{Start: in.ArgsRange.Start + i, End: in.ArgsRange.Start + i + 2 + len(h.Name)}
				if r.End > in.ArgsRange.End {
					r.End = in.ArgsRange.End
				}
			}
			add(featHeredoc, r, kw+" with "+featHeredoc.what)
		}
		for _, fl := range in.Flags {
			label := kw + " --" + fl.Name
			switch in.Keyword {
			case "run":
				switch fl.Name {
				case "mount":
					if mountHasSecretEnv(fl.Value) {
						add(featSecretEnv, fl.Range, "RUN with "+featSecretEnv.what)
					} else {
						add(featMount, fl.Range, label)
					}
				case "network":
					add(featNetwork, fl.Range, label)
				case "security":
					add(featSecurity, fl.Range, label)
				case "device":
					add(featDevice, fl.Range, label)
				}
			case "copy", "add":
				switch fl.Name {
				case "link":
					add(featLink, fl.Range, label)
				case "chmod":
					if fl.Value != "" && !isOctalMode(fl.Value) && !strings.Contains(fl.Value, "$") {
						add(featChmodSymbol, fl.Range, kw+" with "+featChmodSymbol.what)
					} else {
						add(featChmod, fl.Range, label)
					}
				case "exclude":
					add(featExclude, fl.Range, label)
				case "parents":
					if in.Keyword == "copy" {
						add(featParents, fl.Range, label)
					}
				case "checksum":
					if in.Keyword == "add" {
						if addHasGitSource(in) {
							add(featChecksumGit, fl.Range, featChecksumGit.what)
						} else {
							add(featChecksum, fl.Range, label)
						}
					}
				case "unpack":
					if in.Keyword == "add" {
						add(featUnpack, fl.Range, label)
					}
				}
			}
		}
		if in.Keyword == "add" {
			for _, a := range in.Args[:max(0, len(in.Args)-1)] {
				if isAddGitSource(a.Value) {
					add(featAddGit, a.Range, featAddGit.what)
					break
				}
			}
		}
	}
	return uses
}

// mountHasSecretEnv reports a --mount=type=secret value with an env= option.
func mountHasSecretEnv(v string) bool {
	secret, env := false, false
	for _, kv := range strings.Split(v, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch strings.ToLower(k) {
		case "type":
			secret = strings.EqualFold(val, "secret")
		case "env":
			env = true
		}
	}
	return secret && env
}

// isOctalMode reports a chmod value in octal notation ("755", "0644").
func isOctalMode(v string) bool {
	if v == "" {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '7' {
			return false
		}
	}
	return true
}

// isAddGitSource reports an ADD source that BuildKit fetches with git.
func isAddGitSource(v string) bool {
	l := strings.ToLower(v)
	if strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasPrefix(l, "ssh://") {
		return true
	}
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return isGitURL(l)
	}
	return false
}

func addHasGitSource(in *dockerfile.Instruction) bool {
	for _, a := range in.Args[:max(0, len(in.Args)-1)] {
		if isAddGitSource(a.Value) {
			return true
		}
	}
	return false
}
