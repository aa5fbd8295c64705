package ctxscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// This file reads the build definitions `docker buildx bake` loads from its
// working directory when it is given no --file: compose files and bake
// files (HCL or JSON), merged into one set of targets. InferDir uses them to
// find the target that builds a Dockerfile, and so its context.

// definitionFiles are the files bake reads by default, in the order it
// merges them: an attribute a later file sets for a target replaces the
// earlier one (buildx's defaultFilenames: compose-go's default names, then
// the bake files). A directory holding both compose.yaml and
// docker-bake.hcl therefore gets the context docker-bake.hcl gives a target
// of the same name.
var definitionFiles = []string{
	"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
	"docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl",
}

func isComposeFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// buildTarget is what a compose service or a bake target says about its
// Dockerfile and context, before inheritance is applied.
type buildTarget struct {
	name       string
	file       string // where the target is first defined, as shown
	context    attr
	dockerfile attr
	inline     attr     // dockerfile-inline (bake) or dockerfile_inline (compose)
	inherits   []string // bake targets whose attributes this one starts from
	broken     bool     // inherits cannot be evaluated
}

// attr is one attribute of a target.
type attr struct {
	value string
	set   bool   // given, not null
	bad   bool   // given, but it cannot be evaluated here
	file  string // the file that gave it, as shown
}

func (a attr) given() bool { return a.set || a.bad }

// merge lays the attributes t2 gives over t's, as buildx merges a target
// defined again in a later file or inherited from.
func (t *buildTarget) merge(t2 *buildTarget) {
	if t2.context.given() {
		t.context = t2.context
	}
	if t2.dockerfile.given() {
		t.dockerfile = t2.dockerfile
	}
	if t2.inline.given() {
		t.inline = t2.inline
	}
	t.inherits = append(t.inherits, t2.inherits...)
	t.broken = t.broken || t2.broken
}

// definitions are the targets of one directory's definition files, merged.
type definitions struct {
	targets map[string]*buildTarget
	// notes say which files were left out and why ("FILE:LINE: problem;
	// the file is ignored")
	notes []string
}

// readDefinitions reads the definition files in dir. shown is dir as it is
// written in notes and reasons. A file that cannot be read or parsed is left
// out with a note; nothing here fails.
func readDefinitions(dir, shown string) *definitions {
	defs := &definitions{targets: map[string]*buildTarget{}}
	var bake []bakeSource
	for _, name := range definitionFiles {
		src, err := readDefinitionFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			defs.notes = append(defs.notes, fmt.Sprintf("%s: %s; the file is ignored", filepath.Join(shown, name), err))
			continue
		}
		if isComposeFile(name) {
			targets, note := composeTargets(src, filepath.Join(shown, name))
			if note != "" {
				defs.notes = append(defs.notes, note)
			}
			defs.add(targets)
			continue
		}
		bake = append(bake, bakeSource{name: name, shown: filepath.Join(shown, name), src: src})
	}
	if len(bake) > 0 {
		targets, notes := safeBakeTargets(bake)
		defs.notes = append(defs.notes, notes...)
		defs.add(targets)
	}
	return defs
}

// readDefinitionFile reads a regular file of at most maxBakeFile bytes
// (never a FIFO, which would block). Errors other than fs.ErrNotExist
// leave out the path: the note names the file.
func readDefinitionFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
			return nil, pe.Err
		}
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case fi.Size() > maxBakeFile:
		return nil, fmt.Errorf("larger than %d KiB", maxBakeFile>>10)
	}
	src, err := os.ReadFile(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err
	}
	return src, err
}

func (d *definitions) add(targets []*buildTarget) {
	for _, t := range targets {
		if old := d.targets[t.name]; old != nil {
			old.merge(t)
			continue
		}
		t2 := *t
		t2.inherits = slices.Clone(t.inherits)
		d.targets[t.name] = &t2
	}
}

// resolve returns target name with what it inherits applied, as buildx's
// Config.target does: the inherited targets in order, then its own
// attributes. A cycle contributes nothing; a missing target breaks the
// target that inherits it.
func (d *definitions) resolve(name string, visiting map[string]bool) (*buildTarget, bool) {
	t := d.targets[name]
	if t == nil {
		return nil, false
	}
	if visiting[name] {
		return &buildTarget{name: name}, true
	}
	visiting[name] = true
	defer delete(visiting, name)
	out := &buildTarget{name: name, file: t.file}
	for _, parent := range t.inherits {
		p, ok := d.resolve(parent, visiting)
		if !ok {
			return nil, false
		}
		out.merge(p)
	}
	own := *t
	own.inherits = nil
	out.merge(&own)
	out.inherits = nil
	return out, !out.broken
}

// builds finds the target (by name order) that builds the Dockerfile want
// (absolute) when bake runs in dir (absolute), and returns it, resolved,
// with its context directory (absolute).
func (d *definitions) builds(dir, want string) (*buildTarget, string, bool) {
	for _, name := range slices.Sorted(maps.Keys(d.targets)) {
		t, ok := d.resolve(name, map[string]bool{})
		if !ok {
			continue
		}
		ctx, df, skip := t.paths()
		if skip != "" {
			continue
		}
		abs := filepath.Join(dir, ctx)
		if filepath.IsAbs(ctx) {
			abs = filepath.Clean(ctx)
		}
		dfAbs := filepath.Join(abs, df)
		if v, ok := strings.CutPrefix(df, "cwd://"); ok {
			dfAbs = filepath.Join(dir, v) // relative to bake's working directory
		} else if filepath.IsAbs(df) {
			dfAbs = filepath.Clean(df)
		}
		if dfAbs == want {
			return t, abs, true
		}
	}
	return nil, "", false
}

// paths returns the context and the Dockerfile of a resolved target, with
// their defaults ("." and "Dockerfile"); the context relative to bake's
// working directory (cwd:// removed) or absolute, the Dockerfile relative
// to the context, absolute, or cwd://-prefixed. skip is set instead when
// the target names no Dockerfile on disk: "cannot be evaluated", "inline
// Dockerfile", or "remote context CONTEXT".
func (t *buildTarget) paths() (context, dockerfile, skip string) {
	switch {
	case t.context.bad || t.dockerfile.bad || t.inline.bad:
		return "", "", "cannot be evaluated"
	case t.inline.set:
		return "", "", "inline Dockerfile"
	}
	context = "."
	if t.context.set {
		context = t.context.value
	}
	local, ok := localContext(context)
	if !ok {
		return "", "", "remote context " + context
	}
	dockerfile = "Dockerfile"
	if t.dockerfile.set && t.dockerfile.value != "" {
		dockerfile = t.dockerfile.value
	}
	return local, dockerfile, ""
}

// origin is what a reason names as t's definition: the files that gave
// its context and its Dockerfile, else the one defining it; and whether
// they are all compose files (a "service" rather than a "target").
func (t *buildTarget) origin() (files string, compose bool) {
	var names []string
	for _, a := range []attr{t.context, t.dockerfile} {
		if a.set && !slices.Contains(names, a.file) {
			names = append(names, a.file)
		}
	}
	if len(names) == 0 {
		names = []string{t.file}
	}
	compose = true
	for _, n := range names {
		compose = compose && isComposeFile(n)
	}
	return strings.Join(names, " and "), compose
}

// localContext returns the directory a context value names, relative to
// bake's working directory (or absolute), and false for the contexts that
// are no local directory: stdin, other targets, images, OCI layouts, URLs
// and git repositories. cwd:// is bake's working directory, where the
// default files are.
func localContext(c string) (string, bool) {
	if v, ok := strings.CutPrefix(c, "cwd://"); ok {
		if v == "" {
			v = "."
		}
		return v, true
	}
	switch {
	case c == "-",
		strings.HasPrefix(c, "target:"),
		strings.HasPrefix(c, "docker-image:"),
		strings.Contains(c, "://"), // http(s), git, ssh, oci-layout
		strings.HasPrefix(c, "github.com/"),
		scpGitRE.MatchString(c): // git@host:repo
		return "", false
	}
	return c, true
}

// composeFile is the part of a compose file that names build contexts.
type composeFile struct {
	Services map[string]struct {
		Build any `yaml:"build"` // a context path, or {context, dockerfile, dockerfile_inline}
	} `yaml:"services"`
}

// composeTargets reads the services of a compose file that build an image,
// as bake does: a service's context is relative to the file's directory,
// its dockerfile relative to the context. shown is the file as written in
// notes.
func composeTargets(src []byte, shown string) ([]*buildTarget, string) {
	var cf composeFile
	if err := yaml.Unmarshal(src, &cf); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			return nil, fmt.Sprintf("%s:%d: %s; the file is ignored", shown, ye.GetToken().Position.Line, lowerFirst(ye.GetMessage()))
		}
		return nil, fmt.Sprintf("%s: %s; the file is ignored", shown, oneLine(err))
	}
	var targets []*buildTarget
	for _, svc := range slices.Sorted(maps.Keys(cf.Services)) {
		t := &buildTarget{name: svc, file: shown}
		switch b := cf.Services[svc].Build.(type) {
		case string:
			t.context = attr{value: b, set: true, file: shown}
		case map[string]any:
			if c, ok := b["context"].(string); ok {
				t.context = attr{value: c, set: true, file: shown}
			}
			if x, ok := b["dockerfile"].(string); ok {
				t.dockerfile = attr{value: x, set: true, file: shown}
			}
			if _, ok := b["dockerfile_inline"]; ok {
				t.inline = attr{set: true, file: shown}
			}
		default:
			continue // no build section: an image from a registry
		}
		targets = append(targets, t)
	}
	return targets, ""
}

// bakeSource is one bake file.
type bakeSource struct {
	name  string // base name; ".json" means JSON, anything else HCL
	shown string // as written in notes
	src   []byte
}

var (
	bakeFileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "target", LabelNames: []string{"name"}},
		{Type: "group", LabelNames: []string{"name"}},
		{Type: "function", LabelNames: []string{"name"}},
	}}
	bakeVariableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"},
	}}
	bakeTargetSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "context"}, {Name: "dockerfile"}, {Name: "dockerfile-inline"},
		{Name: "inherits"}, {Name: "matrix"}, {Name: "name"},
	}}
)

// bakeFunctions are the functions bake files may call here: those of
// buildx's that depend on nothing but their arguments, each refusing
// arguments and results larger than maxValue (see capped). Calling any
// other function (format, range, timestamp, user functions…) leaves the
// target out.
var bakeFunctions = map[string]function.Function{
	"and":           capped(stdlib.AndFunc),
	"can":           tryfunc.CanFunc,
	"chomp":         capped(stdlib.ChompFunc),
	"coalesce":      capped(stdlib.CoalesceFunc),
	"concat":        capped(stdlib.ConcatFunc),
	"contains":      capped(stdlib.ContainsFunc),
	"element":       capped(stdlib.ElementFunc),
	"equal":         capped(stdlib.EqualFunc),
	"join":          capped(stdlib.JoinFunc),
	"length":        capped(stdlib.LengthFunc),
	"lookup":        capped(stdlib.LookupFunc),
	"lower":         capped(stdlib.LowerFunc),
	"not":           capped(stdlib.NotFunc),
	"notequal":      capped(stdlib.NotEqualFunc),
	"or":            capped(stdlib.OrFunc),
	"regex_replace": capped(stdlib.RegexReplaceFunc),
	"replace":       capped(stdlib.ReplaceFunc),
	"split":         capped(stdlib.SplitFunc),
	"substr":        capped(stdlib.SubstrFunc),
	"title":         capped(stdlib.TitleFunc),
	"trim":          capped(stdlib.TrimFunc),
	"trimprefix":    capped(stdlib.TrimPrefixFunc),
	"trimspace":     capped(stdlib.TrimSpaceFunc),
	"trimsuffix":    capped(stdlib.TrimSuffixFunc),
	"try":           tryfunc.TryFunc, // its arguments are expressions, its result one of their values
	"upper":         capped(stdlib.UpperFunc),
}

// The limits under which bake files are read. Build definitions are small;
// these only keep a garbage or hostile file from exhausting the linter:
// HCL's parsers recurse once per nesting level (a Go stack overflow cannot
// be recovered), and a few lines of variables that each double the last
// would need terabytes.
const (
	maxBakeFile = 1 << 20 // bytes in a file
	maxNesting  = 256     // brackets, strings and interpolations open at once; also unary operators in a row
	maxCond     = 1024    // conditional operators in a file (each nests the next)
	maxValue    = 4096    // size of any evaluated value (see valueSize)
	maxExponent = 4096    // binary exponent of a number literal (about 1e1233)
	maxMatrix   = 1024    // targets one matrix expands to
)

var errTooLarge = errors.New("value too large")

// capped wraps fn to refuse arguments and results larger than maxValue, so
// that calls nested in one expression cannot multiply sizes.
func capped(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type:        fn.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for _, a := range args {
				if valueSize(a) > maxValue {
					return cty.NilVal, errTooLarge
				}
			}
			v, err := fn.Call(args)
			if err == nil && valueSize(v) > maxValue {
				return cty.NilVal, errTooLarge
			}
			return v, err
		},
	})
}

// valueSize is the size of v for the limits: the bytes of its strings plus
// one for every other value, stopping once past maxValue.
func valueSize(v cty.Value) int {
	if v.IsNull() || !v.IsKnown() {
		return 1
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return len(v.AsString()) + 1
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType():
		n := 1
		for it := v.ElementIterator(); it.Next() && n <= maxValue; {
			k, e := it.Element()
			if ty.IsMapType() || ty.IsObjectType() {
				n += valueSize(k)
			}
			n += valueSize(e)
		}
		return n
	}
	return 1
}

// tooDeep reports whether the HCL parser would nest deeper than the limits
// for src, judged from its tokens (the lexer does not recurse).
func tooDeep(src []byte) bool {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	return tokensTooDeep(toks, 0)
}

func tokensTooDeep(toks hclsyntax.Tokens, depth int) bool {
	conds, unary := 0, 0
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenOParen, hclsyntax.TokenOBrack, hclsyntax.TokenOBrace,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
		case hclsyntax.TokenCParen, hclsyntax.TokenCBrack, hclsyntax.TokenCBrace,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			depth = max(depth-1, 0)
		case hclsyntax.TokenQuestion:
			conds++
		}
		if tok.Type == hclsyntax.TokenBang || tok.Type == hclsyntax.TokenMinus {
			unary++
		} else {
			unary = 0
		}
		if depth > maxNesting || unary > maxNesting || conds > maxCond {
			return true
		}
	}
	return false
}

// jsonTooDeep is tooDeep for a JSON file: its own nesting plus that of
// the templates in its strings, which are parsed as HCL when evaluated.
func jsonTooDeep(src []byte) bool {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '[', '{':
			depth++
			if depth > maxNesting {
				return true
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j > len(src) {
				j = len(src)
			}
			toks, _ := hclsyntax.LexTemplate(src[i+1:j], "", hcl.InitialPos)
			if tokensTooDeep(toks, depth) {
				return true
			}
			i = j
		}
	}
	return false
}

// safeExpr reports whether expr can be evaluated within the limits: no
// for expressions or %{for} directives (nested loops multiply sizes before
// any check), no arithmetic, no number literal beyond maxExponent (printing
// one could take gigabytes). A JSON expression's templates are parsed here
// as its evaluation would parse them; src holds the files by name.
func safeExpr(expr hcl.Expression, src map[string][]byte) bool {
	if n, ok := expr.(hclsyntax.Node); ok {
		return safeNode(n)
	}
	r := expr.Range()
	file := src[r.Filename]
	if r.Start.Byte < 0 || r.End.Byte > len(file) || r.Start.Byte > r.End.Byte {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(file[r.Start.Byte:r.End.Byte]))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return false
	}
	return safeJSON(v)
}

func safeJSON(v any) bool {
	switch v := v.(type) {
	case string:
		expr, diags := hclsyntax.ParseTemplate([]byte(v), "", hcl.InitialPos)
		return !diags.HasErrors() && safeNode(expr)
	case json.Number:
		n, err := cty.ParseNumberVal(string(v))
		return err == nil && smallNumber(n)
	case []any:
		for _, e := range v {
			if !safeJSON(e) {
				return false
			}
		}
	case map[string]any:
		for k, e := range v {
			if !safeJSON(k) || !safeJSON(e) {
				return false
			}
		}
	}
	return true
}

func safeNode(n hclsyntax.Node) bool {
	diags := hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		unsafe := false
		switch n := n.(type) {
		case *hclsyntax.ForExpr, *hclsyntax.TemplateJoinExpr:
			unsafe = true
		case *hclsyntax.BinaryOpExpr:
			switch n.Op {
			case hclsyntax.OpAdd, hclsyntax.OpSubtract, hclsyntax.OpMultiply, hclsyntax.OpDivide, hclsyntax.OpModulo:
				unsafe = true
			}
		case *hclsyntax.LiteralValueExpr:
			unsafe = n.Val.Type() == cty.Number && !smallNumber(n.Val)
		}
		if unsafe {
			return hcl.Diagnostics{{Severity: hcl.DiagError}}
		}
		return nil
	})
	return !diags.HasErrors()
}

func smallNumber(v cty.Value) bool {
	if v.IsNull() || !v.IsKnown() {
		return true
	}
	f := v.AsBigFloat()
	return f.IsInf() || f.MantExp(nil) <= maxExponent && f.MantExp(nil) >= -maxExponent
}

// safeBakeTargets is bakeTargets that turns a panic of the HCL evaluator
// into a note: a bake file must never stop a lint.
func safeBakeTargets(files []bakeSource) (targets []*buildTarget, notes []string) {
	defer func() {
		if r := recover(); r != nil {
			targets, notes = nil, nil
			for _, f := range files {
				notes = append(notes, fmt.Sprintf("%s: cannot be evaluated (%v); the file is ignored", f.shown, r))
			}
		}
	}()
	return bakeTargets(files)
}

// bakeTargets parses bake files that bake reads together, in its merge
// order, and returns their targets in definition order (a target defined
// twice appears twice; definitions.add merges them). Variables are shared
// by all the files, as buildx parses them as one body. Expressions are
// evaluated with the variables' defaults: the environment is not read, so
// a lint gives the same answer everywhere. A file that does not parse is
// left out with a note; an attribute that cannot be evaluated (an unknown
// variable or function, a wrong type) is marked bad, which leaves its
// target out.
func bakeTargets(files []bakeSource) ([]*buildTarget, []string) {
	var notes []string
	type block struct {
		b    *hcl.Block
		file string
	}
	var targetBlocks []block
	ev := &bakeEval{
		vars:   map[string]bakeVar{},
		attrs:  map[string]hcl.Expression{},
		values: map[string]cty.Value{},
		failed: map[string]bool{},
		busy:   map[string]bool{},
		src:    map[string][]byte{},
	}
	for _, f := range files {
		isJSON := strings.HasSuffix(f.name, ".json")
		switch {
		case len(f.src) > maxBakeFile:
			notes = append(notes, fmt.Sprintf("%s: larger than %d KiB; the file is ignored", f.shown, maxBakeFile>>10))
			continue
		case isJSON && jsonTooDeep(f.src), !isJSON && tooDeep(f.src):
			notes = append(notes, fmt.Sprintf("%s: nested too deeply; the file is ignored", f.shown))
			continue
		}
		var file *hcl.File
		var diags hcl.Diagnostics
		if isJSON {
			file, diags = hclparse.NewParser().ParseJSON(f.src, f.shown)
		} else {
			file, diags = hclparse.NewParser().ParseHCL(f.src, f.shown)
		}
		if diags.HasErrors() || file == nil {
			notes = append(notes, diagNote(f.shown, diags))
			continue
		}
		ev.src[f.shown] = f.src
		content, rest, diags := file.Body.PartialContent(bakeFileSchema)
		if diags.HasErrors() {
			notes = append(notes, diagNote(f.shown, diags))
			continue
		}
		// global attributes are variables too (and win over variable
		// blocks); the error about the blocks left in rest is expected
		attrs, _ := rest.JustAttributes()
		for name, a := range attrs {
			ev.attrs[name] = a.Expr
		}
		for _, b := range content.Blocks {
			switch b.Type {
			case "variable":
				vc, _, diags := b.Body.PartialContent(bakeVariableSchema)
				if diags.HasErrors() {
					ev.vars[b.Labels[0]] = bakeVar{bad: true}
					continue
				}
				v := bakeVar{typed: vc.Attributes["type"] != nil}
				if d := vc.Attributes["default"]; d != nil {
					v.def = d.Expr
				}
				ev.vars[b.Labels[0]] = v
			case "target":
				targetBlocks = append(targetBlocks, block{b, f.shown})
			}
		}
	}
	var targets []*buildTarget
	for _, tb := range targetBlocks {
		targets = append(targets, ev.target(tb.b, tb.file)...)
	}
	return targets, notes
}

// diagNote turns the first error of diags into a note about file.
func diagNote(file string, diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Subject != nil && d.Subject.Start.Line > 0 {
			return fmt.Sprintf("%s:%d: %s; the file is ignored", file, d.Subject.Start.Line, lowerFirst(d.Summary))
		}
		return fmt.Sprintf("%s: %s; the file is ignored", file, lowerFirst(d.Summary))
	}
	return file + ": cannot be parsed; the file is ignored"
}

// bakeVar is a variable block.
type bakeVar struct {
	def   hcl.Expression // nil without a default
	typed bool
	bad   bool
}

// bakeEval evaluates the expressions of a set of bake files.
type bakeEval struct {
	vars   map[string]bakeVar
	attrs  map[string]hcl.Expression // global attributes
	values map[string]cty.Value
	failed map[string]bool
	busy   map[string]bool // being evaluated: a cycle when asked again
	src    map[string][]byte
}

// builtinVars are bake's built-in variables that do not depend on the
// machine: BAKE_CMD_CONTEXT is "cwd://" for a local bake. (BAKE_LOCAL_PLATFORM
// does depend on it and is left unknown.)
var builtinVars = map[string]string{"BAKE_CMD_CONTEXT": "cwd://"}

// variable returns the value of a variable or global attribute: its
// default, "" for an untyped variable without one, null for a typed one.
func (e *bakeEval) variable(name string) (cty.Value, bool) {
	if v, ok := builtinVars[name]; ok {
		return cty.StringVal(v), true
	}
	if v, ok := e.values[name]; ok {
		return v, true
	}
	if e.failed[name] || e.busy[name] || reservedName(name) {
		return cty.NilVal, false
	}
	var expr hcl.Expression
	if a, ok := e.attrs[name]; ok {
		expr = a
	} else if v, ok := e.vars[name]; ok && !v.bad {
		expr = v.def
		if expr == nil {
			val := cty.StringVal("")
			if v.typed {
				val = cty.NullVal(cty.DynamicPseudoType)
			}
			e.values[name] = val
			return val, true
		}
	} else {
		e.failed[name] = true
		return cty.NilVal, false
	}
	e.busy[name] = true
	val, ok := e.eval(expr, nil)
	delete(e.busy, name)
	if !ok {
		e.failed[name] = true
		return cty.NilVal, false
	}
	e.values[name] = val
	return val, true
}

// reservedName reports the names bake keeps for its blocks: no variable
// may take them, and references to other blocks (target.NAME.ATTR) are not
// modelled here.
func reservedName(name string) bool {
	return slices.ContainsFunc(bakeFileSchema.Blocks, func(b hcl.BlockHeaderSchema) bool { return b.Type == name })
}

// eval evaluates expr with the variables it refers to and extra (a matrix
// combination), within the limits. A variable that cannot be evaluated is
// left out of the context, so that try() and can() see it as unknown.
func (e *bakeEval) eval(expr hcl.Expression, extra map[string]cty.Value) (cty.Value, bool) {
	if !safeExpr(expr, e.src) {
		return cty.NilVal, false
	}
	vars := map[string]cty.Value{}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if _, ok := extra[root]; ok {
			continue
		}
		if _, ok := vars[root]; ok {
			continue
		}
		if v, ok := e.variable(root); ok {
			vars[root] = v
		}
	}
	maps.Copy(vars, extra)
	v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: bakeFunctions})
	if diags.HasErrors() || !v.IsWhollyKnown() || v.ContainsMarked() || valueSize(v) > maxValue {
		return cty.NilVal, false
	}
	return v, true
}

// str evaluates an attribute that holds a string.
func (e *bakeEval) str(a *hcl.Attribute, extra map[string]cty.Value, file string) attr {
	if a == nil {
		return attr{}
	}
	v, ok := e.eval(a.Expr, extra)
	if !ok {
		return attr{bad: true, file: file}
	}
	if v.IsNull() {
		return attr{}
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return attr{bad: true, file: file}
	}
	return attr{value: s.AsString(), set: true, file: file}
}

// target evaluates a target block: one target, or one per combination of
// its matrix, named by its name attribute.
func (e *bakeEval) target(b *hcl.Block, file string) []*buildTarget {
	content, _, diags := b.Body.PartialContent(bakeTargetSchema)
	if diags.HasErrors() {
		return nil
	}
	a := content.Attributes
	combos := []map[string]cty.Value{nil}
	if m := a["matrix"]; m != nil {
		v, ok := e.eval(m.Expr, nil)
		if !ok {
			return nil
		}
		if combos, ok = matrixCombos(v); !ok {
			return nil
		}
	} else if a["name"] != nil {
		return nil // buildx: name requires matrix
	}
	var out []*buildTarget
	for _, extra := range combos {
		name := b.Labels[0]
		if a["name"] != nil {
			n := e.str(a["name"], extra, file)
			if !n.set {
				continue
			}
			name = n.value
		}
		t := &buildTarget{
			name:       name,
			file:       file,
			context:    e.str(a["context"], extra, file),
			dockerfile: e.str(a["dockerfile"], extra, file),
			inline:     e.str(a["dockerfile-inline"], extra, file),
		}
		if in := a["inherits"]; in != nil {
			list, ok := e.strings(in, extra)
			t.inherits, t.broken = list, !ok
		}
		out = append(out, t)
	}
	return out
}

// strings evaluates an attribute that holds a list of strings.
func (e *bakeEval) strings(a *hcl.Attribute, extra map[string]cty.Value) ([]string, bool) {
	v, ok := e.eval(a.Expr, extra)
	if !ok {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	l, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || l.IsNull() {
		return nil, false
	}
	var out []string
	for _, s := range l.AsValueSlice() {
		if s.IsNull() {
			return nil, false
		}
		out = append(out, s.AsString())
	}
	return out, true
}

// matrixCombos expands a matrix (a map of lists) into every combination of
// one value per key.
func matrixCombos(v cty.Value) ([]map[string]cty.Value, bool) {
	if v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return nil, false
	}
	m := v.AsValueMap()
	combos := []map[string]cty.Value{{}}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		list := m[k]
		ty := list.Type()
		if list.IsNull() || !(ty.IsListType() || ty.IsTupleType() || ty.IsSetType()) {
			return nil, false
		}
		var next []map[string]cty.Value
		for _, item := range list.AsValueSlice() {
			for _, c := range combos {
				c2 := maps.Clone(c)
				c2[k] = item
				next = append(next, c2)
			}
			if len(next) > maxMatrix {
				return nil, false
			}
		}
		combos = next
	}
	return combos, true
}

// lowerFirst lower-cases the first letter of a message unless the word is
// an initialism ("JSON").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// oneLine keeps the first line of an error.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
