package cache

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// Score is the cache efficiency of a plan: what an edit to one file of the
// context reruns, on average over the files.
type Score struct {
	// Files counts the files of the context (every entry sent that is not a
	// directory): the denominator.
	Files int
	// Read counts those that some step of the build reads.
	Read int
	// Expensive is the expected number of expensive steps an edit to one
	// file reruns; Steps the expected number of steps.
	Expensive float64
	Steps     float64
	// Groups gather the files whose edit reruns the same steps, by
	// decreasing share of Expensive; files no step reads are left out.
	Groups []ScoreGroup
}

// ScoreGroup is a set of files whose edit reruns the same steps.
type ScoreGroup struct {
	Files     int
	Example   string // the first of the files, in walk order
	First     *Step  // the earliest step that misses
	Expensive int    // expensive steps rerun
	Steps     int    // steps rerun
}

// Score computes the plan's score. Files are grouped by the steps that read
// them, so the work grows with the number of distinct groups, not files.
func (p *Plan) Score() Score {
	var sc Score
	if p.Context == nil {
		return sc
	}
	// step number → steps, and path → the steps that read it
	var steps []*Step
	readers := map[string][]int{}
	for _, s := range p.Stages {
		for _, st := range s.Steps {
			n := len(steps)
			steps = append(steps, st)
			for _, inp := range st.Inputs {
				for _, e := range inp.Entries {
					if e.IsDir() {
						continue
					}
					r := readers[e.Path]
					if len(r) == 0 || r[len(r)-1] != n {
						readers[e.Path] = append(r, n)
					}
				}
			}
		}
	}
	type group struct {
		ScoreGroup
		hit map[*Step]bool
	}
	groups := map[string]*group{}
	var order []*group
	for _, e := range p.Context.Entries {
		if e.IsDir() {
			continue
		}
		sc.Files++
		r := readers[e.Path]
		if len(r) == 0 {
			continue
		}
		sc.Read++
		key := sigKey(r)
		g := groups[key]
		if g == nil {
			g = &group{ScoreGroup: ScoreGroup{Example: e.Path}, hit: map[*Step]bool{}}
			for _, n := range r {
				g.hit[steps[n]] = true
			}
			groups[key] = g
			order = append(order, g)
		}
		g.Files++
	}
	for _, g := range order {
		res := p.propagate(func(st *Step) Cause {
			if g.hit[st] {
				return Cause{Files: []string{g.Example}}
			}
			return Cause{}
		})
		total, by := res.Counts()
		g.Steps, g.Expensive = total, by[Expensive]
		if f := res.First(); f != nil {
			g.First = f.First
		}
		sc.Expensive += float64(g.Files * g.Expensive)
		sc.Steps += float64(g.Files * g.Steps)
		sc.Groups = append(sc.Groups, g.ScoreGroup)
	}
	if sc.Files > 0 {
		sc.Expensive /= float64(sc.Files)
		sc.Steps /= float64(sc.Files)
	}
	sort.SliceStable(sc.Groups, func(i, j int) bool {
		a, b := sc.Groups[i], sc.Groups[j]
		if a.Files*a.Expensive != b.Files*b.Expensive {
			return a.Files*a.Expensive > b.Files*b.Expensive
		}
		return a.Files*a.Steps > b.Files*b.Steps
	})
	return sc
}

func sigKey(r []int) string {
	var b strings.Builder
	for _, n := range r {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(',')
	}
	return b.String()
}

// Fix is a suggestion of a cache rule that Fixed simulates.
type Fix struct {
	Rule    string
	Line    int    // 1-based line of the finding
	Message string // the rule's message
}

// Fixed returns a copy of the plan with the suggested fixes of the cache
// rules simulated, and the fixes. Only fixes that change what a file edit
// reruns are simulated; today that is CopyBeforeDependencyInstall: each
// install it names moves above the broad COPY, after a COPY of the manifests
// and lockfiles of its package manager that the broad COPY brought (none for
// system packages). A RUN that also builds is split: the install moves, the
// build stays.
func (p *Plan) Fixed() (*Plan, []Fix) {
	q := p.clone()
	var fixes []Fix
	diags := rules.RunRuleContext(p.File, rules.CopyBeforeDependencyInstall, p.Context)
	for _, d := range diags {
		copyIn := p.File.InstructionAt(d.Range.Start)
		var installs []*dockerfile.Instruction
		for _, r := range d.Related {
			if in := p.File.InstructionAt(r.Range.Start); in != nil && in.Keyword == "run" {
				installs = append(installs, in)
			}
		}
		if copyIn == nil || len(installs) == 0 || p.byInst[copyIn] == nil {
			continue // not part of this build
		}
		if q.moveInstalls(copyIn, installs) {
			fixes = append(fixes, Fix{Rule: d.Rule, Line: p.File.Position(d.Range.Start).Line, Message: d.Message})
		}
	}
	return q, fixes
}

// clone copies the stages and steps (not what they point into), so that the
// copy's steps can be reordered.
func (p *Plan) clone() *Plan {
	q := *p
	q.Stages = nil
	q.byInst = map[*dockerfile.Instruction]*Step{}
	m := map[*Stage]*Stage{}
	for _, s := range p.Stages {
		ns := *s
		ns.Base = m[s.Base]
		ns.Steps = nil
		for _, st := range s.Steps {
			c := *st
			c.Stage = &ns
			c.Reads = nil
			for _, r := range st.Reads {
				c.Reads = append(c.Reads, m[r])
			}
			ns.Steps = append(ns.Steps, &c)
			q.byInst[c.Inst] = &c
		}
		m[s] = &ns
		q.Stages = append(q.Stages, &ns)
	}
	q.Target = m[p.Target]
	return &q
}

// moveInstalls simulates the fix of one CopyBeforeDependencyInstall finding.
func (p *Plan) moveInstalls(copyIn *dockerfile.Instruction, installs []*dockerfile.Instruction) bool {
	c := p.byInst[copyIn]
	if c == nil {
		return false
	}
	s := c.Stage
	ci := indexOf(s.Steps, c)
	moving := map[*dockerfile.Instruction]bool{}
	for _, in := range installs {
		moving[in] = true
	}
	var up, rest []*Step
	managers := map[rules.Manager]bool{}
	for _, st := range s.Steps[ci+1:] {
		if !moving[st.Inst] || st.Inst.Run == nil {
			rest = append(rest, st)
			continue
		}
		inst, other := splitInstall(st)
		for _, pc := range rules.PkgCmds(st.Inst.Run) {
			if pc.Action == rules.PkgInstall {
				managers[pc.Manager] = true
			}
		}
		up = append(up, inst)
		if other != nil {
			rest = append(rest, other)
		}
	}
	if len(up) == 0 {
		return false
	}
	var manifests []ctxscan.Entry
	for _, inp := range c.Inputs {
		for _, e := range inp.Entries {
			if !e.IsDir() && isManifest(path.Base(e.Path), managers) {
				manifests = append(manifests, e)
			}
		}
	}
	var out []*Step
	out = append(out, s.Steps[:ci]...)
	if len(manifests) > 0 {
		out = append(out, &Step{Stage: s, Inst: c.Inst, Line: c.Line, Text: "COPY <manifests> (simulated)",
			Expanded: "COPY manifests", Workdir: c.Workdir, Inputs: []*Input{{Source: "manifests", Entries: manifests}}})
	}
	out = append(out, up...)
	out = append(out, c)
	out = append(out, rest...)
	for i, st := range out {
		st.Index = i
	}
	s.Steps = out
	return true
}

// splitInstall returns the part of a RUN that installs (moved up, expensive)
// and, when the RUN also builds, the part that stays.
func splitInstall(st *Step) (install, other *Step) {
	inst := *st
	inst.Cost, inst.Why = Expensive, "installs packages (moved above the COPY)"
	builds := false
	for _, cmd := range st.Inst.Run.Commands {
		if _, ok := rules.ClassifyPkg(cmd); ok {
			continue
		}
		if c, _ := commandCost(cmd); c == Expensive {
			builds = true
		}
	}
	if !builds {
		return &inst, nil
	}
	rest := *st
	rest.Why = "builds (what stays after the install moved)"
	return &inst, &rest
}

func indexOf(steps []*Step, st *Step) int {
	for i, x := range steps {
		if x == st {
			return i
		}
	}
	return -1
}

// manifestPatterns are the files each package manager reads to install a
// project's dependencies (base names, path.Match patterns).
var manifestPatterns = map[rules.Manager][]string{
	rules.MgrNpm:      {"package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"},
	rules.MgrYarn:     {"package.json", "yarn.lock", ".yarnrc", ".yarnrc.yml"},
	rules.MgrPnpm:     {"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"},
	rules.MgrPip:      {"requirements*.txt", "constraints*.txt"},
	rules.MgrPipenv:   {"Pipfile", "Pipfile.lock"},
	rules.MgrPoetry:   {"pyproject.toml", "poetry.lock", "poetry.toml"},
	rules.MgrUv:       {"pyproject.toml", "uv.lock", "requirements*.txt"},
	rules.MgrBundle:   {"Gemfile", "Gemfile.lock", "gems.rb", "gems.locked", "*.gemspec"},
	rules.MgrComposer: {"composer.json", "composer.lock", "auth.json"},
	rules.MgrGo:       {"go.mod", "go.sum", "go.work", "go.work.sum"},
	rules.MgrCargo:    {"Cargo.toml", "Cargo.lock"},
	rules.MgrMaven:    {"pom.xml", "settings.xml"},
	rules.MgrGradle:   {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties", "libs.versions.toml", "gradle-wrapper.properties", "gradlew"},
	rules.MgrDotnet:   {"*.csproj", "*.fsproj", "*.vbproj", "*.sln", "NuGet.config", "nuget.config", "Directory.Build.props", "Directory.Packages.props", "packages.lock.json", "global.json"},
}

func isManifest(base string, managers map[rules.Manager]bool) bool {
	for m := range managers {
		for _, pat := range manifestPatterns[m] {
			if ok, _ := path.Match(pat, base); ok {
				return true
			}
		}
	}
	return false
}
