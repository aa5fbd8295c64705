package rules

import (
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"mvdan.cc/sh/v3/syntax"
)

// Helpers shared by the cache, size and security rules of the new_*.go
// files: stage chains, the user a RUN runs as, variable lookups and shell
// word helpers. They only read the model.

// runOf returns the RUN an instruction executes (the wrapped RUN of ONBUILD
// RUN when onbuild is true), or nil when it is no RUN with known commands.
func runOf(in *dockerfile.Instruction, onbuild bool) *dockerfile.Instruction {
	if in.Onbuild != nil {
		if !onbuild {
			return nil
		}
		in = in.Onbuild
	}
	if in.Keyword != "run" || in.Run == nil {
		return nil
	}
	return in
}

// argvRange spans a command from its real name (wrappers such as sudo or env
// skipped) to its last word.
func argvRange(c *dockerfile.Command) dockerfile.Range {
	a := c.Argv()
	if len(a) == 0 {
		return c.Range
	}
	return dockerfile.Range{Start: a[0].Range.Start, End: a[len(a)-1].Range.End}
}

// cmdHead renders a command for messages: its name and first operand
// ("apt-get install", "curl"), options left out.
func cmdHead(c *dockerfile.Command) string {
	name := c.Name()
	for _, w := range c.Argv()[min(1, len(c.Argv())):] {
		if strings.HasPrefix(w.Value, "-") || !w.Literal || w.Value == "" {
			continue
		}
		if strings.ContainsAny(w.Value, "/:=.") {
			break
		}
		return name + " " + w.Value
	}
	return name
}

// stageChain returns s and the stages it builds on with FROM <stage>,
// outermost ancestor first.
func stageChain(s *dockerfile.Stage) []*dockerfile.Stage {
	var chain []*dockerfile.Stage
	seen := map[*dockerfile.Stage]bool{}
	for p := s; p != nil && !seen[p]; p = p.Parent {
		seen[p] = true
		chain = append([]*dockerfile.Stage{p}, chain...)
	}
	return chain
}

// chainInstructions returns the instructions of s's chain that come before
// at (all of them when at is nil), in build order.
func chainInstructions(s *dockerfile.Stage, at *dockerfile.Instruction) []*dockerfile.Instruction {
	var out []*dockerfile.Instruction
	for _, st := range stageChain(s) {
		for _, in := range st.Instructions {
			if at != nil && st == s && in.Index >= at.Index {
				return out
			}
			out = append(out, in)
		}
	}
	return out
}

// rootBase returns the image the chain of s starts from, lower-cased
// ("golang:1.22", "docker.io/library/node:20").
func rootBase(s *dockerfile.Stage) string {
	chain := stageChain(s)
	if len(chain) == 0 {
		return ""
	}
	return strings.ToLower(chain[0].Base)
}

// imageName returns the repository of an image reference without registry
// host, tag or digest: "docker.io/library/golang:1.22" → "golang",
// "bitnami/node:20" → "bitnami/node".
func imageName(ref string) string {
	ref = strings.ToLower(ref)
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	parts := strings.Split(ref, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		parts = parts[1:]
	}
	if len(parts) > 1 && parts[0] == "library" {
		parts = parts[1:]
	}
	return strings.Join(parts, "/")
}

// runUser describes the user a RUN executes as.
type runUser struct {
	Name string // as written in USER ("" when no USER is set)
	Root bool   // known to be root
	// Known is false when the user cannot be determined: a USER with a
	// variable, or a base image known to switch to another user.
	Known bool
	UID   string // numeric uid when USER gives one
	Home  string // HOME from ENV, or /root for root; "" when unknown
}

// userAt returns the user instruction at runs as: the last USER of its stage
// chain, or the base image's default (root for all but a few images known to
// drop privileges).
func userAt(f *dockerfile.File, at *dockerfile.Instruction) runUser {
	u := runUser{Root: true, Known: true}
	if at.Stage == nil {
		return u
	}
	if base := rootBase(at.Stage); nonRootImage(imageName(base)) || strings.Contains(base, "$") {
		// a base known to switch users, or one the file does not name
		u = runUser{Name: "(image default)"}
	}
	for _, in := range chainInstructions(at.Stage, at) {
		if in.Keyword != "user" || len(in.Args) == 0 {
			continue
		}
		name := in.Args[0].Value
		user, _, _ := strings.Cut(name, ":")
		u = runUser{Name: name, Known: !strings.Contains(user, "$")}
		if user == "root" || user == "0" {
			u.Root = true
		} else if isDigits(user) {
			u.UID = user
		}
	}
	if u.Root {
		u.Home = "/root"
	}
	if v, ok := f.Lookup(at, "HOME"); ok && v.Env && v.HasValue && isAbsLiteral(v.Value) {
		u.Home = strings.TrimRight(v.Value, "/")
		if u.Home == "" {
			u.Home = "/"
		}
	}
	return u
}

// nonRootImage reports base images whose default user is not root.
func nonRootImage(name string) bool {
	return strings.HasPrefix(name, "bitnami/") || strings.HasPrefix(name, "jenkins/") || strings.HasPrefix(name, "jupyter/") ||
		strings.Contains(name, "nonroot") || strings.HasPrefix(name, "chainguard/") ||
		strings.HasPrefix(name, "distroless/")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isAbsLiteral reports an absolute path without expansions.
func isAbsLiteral(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "$`*?[")
}

// varAt returns the value of variable name as command c of instruction at
// sees it: an inline NAME=value prefix or env wrapper, or an ARG/ENV visible
// at the instruction. set is false when the variable is not defined.
func varAt(f *dockerfile.File, at *dockerfile.Instruction, c *dockerfile.Command, name string) (value string, set bool) {
	if c != nil {
		if v, ok := inlineVar(c, name); ok {
			return v, true
		}
	}
	if v, ok := f.Lookup(at, name); ok && v.HasValue {
		return v.Value, true
	}
	return "", false
}

// inlineVar returns the value command c gives variable name itself: a
// NAME=value prefix, or an argument of a wrapper such as env or sudo.
func inlineVar(c *dockerfile.Command, name string) (string, bool) {
	for _, a := range c.Assign {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return trimQuotes(v), true
		}
	}
	argv := c.Argv()
	for _, w := range c.Args[:len(c.Args)-len(argv)] {
		if v, ok := strings.CutPrefix(w.Value, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

func trimQuotes(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// shortFlag reports whether a command word is a cluster of single-letter
// options ("-fsSLk") that includes letter, stopping at the first letter in
// withArg (an option whose value follows it, as in "-Lo file").
func shortFlag(w, letters, withArg string) bool {
	if len(w) < 2 || w[0] != '-' || w[1] == '-' {
		return false
	}
	for _, c := range w[1:] {
		if strings.ContainsRune(letters, c) {
			return true
		}
		if strings.ContainsRune(withArg, c) || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return false
}

// isShell reports a command that runs a shell script from its input or its
// arguments.
func isShell(name string) bool {
	switch strings.TrimSuffix(path.Base(name), ".exe") {
	case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox", "fish":
		return true
	}
	return false
}

// instructionVars returns the ARG/ENV names instruction in declares, with
// the source range of each name and whether the ARG has a default value.
type declaredVar struct {
	Name       string
	Range      dockerfile.Range
	HasDefault bool
	Value      string
}

func declaredVars(in *dockerfile.Instruction) []declaredVar {
	var out []declaredVar
	switch in.Keyword {
	case "arg":
		for _, a := range in.Args {
			name, val, has := strings.Cut(a.Value, "=")
			r := a.Range
			if has {
				r.End = r.Start + min(len(name), r.End-r.Start)
			}
			out = append(out, declaredVar{Name: name, Range: r, HasDefault: has, Value: val})
		}
	case "env":
		if len(in.Args) >= 2 && !strings.Contains(in.Args[0].Raw, "=") {
			// legacy form: ENV NAME value words
			rest := make([]string, 0, len(in.Args)-1)
			for _, a := range in.Args[1:] {
				rest = append(rest, a.Value)
			}
			out = append(out, declaredVar{Name: in.Args[0].Value, Range: in.Args[0].Range, HasDefault: true, Value: strings.Join(rest, " ")})
			break
		}
		for _, a := range in.Args {
			name, val, _ := strings.Cut(a.Value, "=")
			r := a.Range
			r.End = r.Start + min(len(name), r.End-r.Start)
			out = append(out, declaredVar{Name: name, Range: r, HasDefault: true, Value: val})
		}
	}
	return out
}

// referencesVar reports whether text expands variable name ($NAME, ${NAME},
// ${NAME:-x}, ...).
func referencesVar(text, name string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '$' {
			continue
		}
		rest := text[i+1:]
		if strings.HasPrefix(rest, "{") {
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, name) {
			after := rest[len(name):]
			if after == "" || !isNameChar(after[0]) {
				return true
			}
		}
	}
	return false
}

func isNameChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// shellOK reports whether text parses as a shell script.
func shellOK(text string) bool {
	_, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), "")
	return err == nil
}

// indexFold is strings.Index ignoring ASCII case; lower must be lower-case.
// It does not copy s (rules call it on whole instructions).
func indexFold(s, lower string) int {
	n := len(lower)
	if n == 0 {
		return 0
	}
	for i := 0; i+n <= len(s); i++ {
		if lowerASCII(s[i]) != lower[0] {
			continue
		}
		j := 1
		for j < n && lowerASCII(s[i+j]) == lower[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// containsFold is strings.Contains ignoring ASCII case; lower must be lower-case.
func containsFold(s, lower string) bool { return indexFold(s, lower) >= 0 }
