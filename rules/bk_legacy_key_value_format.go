package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// LegacyKeyValueFormat reports ENV and LABEL written as `key value` instead
// of `key=value` (BuildKit's check of the same name).
var LegacyKeyValueFormat = register(&Rule{
	ID:       "LegacyKeyValueFormat",
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Use key=value in ENV and LABEL",
		Description: "In the legacy form `ENV NAME value`, everything after the first space is the value, spaces " +
			"and quotes included, and only one variable can be set. It looks like the `key=value` form but " +
			"parses differently: `ENV A 1 B=2` sets A to `1 B=2`. Writing `ENV NAME=value` makes the value's " +
			"end explicit and lets one instruction set several variables. The fix rewrites the instruction " +
			"in the `key=value` form, quoting the value when needed, and is offered only when BuildKit reads " +
			"the same value back. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM alpine\nENV APP_HOME /srv/app\n",
		Good: "FROM alpine\nENV APP_HOME=/srv/app\n",
	},
	Run: runLegacyKeyValueFormat,
})

func runLegacyKeyValueFormat(p *Pass) {
	f := p.File
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			var legacy bool
			switch c := bkCommand(in).(type) {
			case *instructions.EnvCommand:
				legacy = len(c.Env) > 0 && c.Env[0].NoDelim
			case *instructions.LabelCommand:
				legacy = len(c.Labels) > 0 && c.Labels[0].NoDelim
			}
			if !legacy {
				continue
			}
			kw := strings.ToUpper(in.Keyword)
			d := Diagnostic{
				Range:   in.ArgsRange,
				Message: fmt.Sprintf("%s key value is the legacy form; write %s key=value", kw, kw),
			}
			if d.Range.End <= d.Range.Start {
				d.Range = in.KeywordRange
			}
			// blank continuation lines are NoEmptyContinuation's to delete
			if text, ok := legacyFix(f, in); ok && len(emptyContinuationLines(f, in)) == 0 {
				d.Fixes = []Fix{{Title: "Rewrite as key=value", Safe: true, Edits: []Edit{{Range: in.ArgsRange, NewText: text}}}}
			}
			p.Report(d)
		}
	}
}

// legacyFix returns key=value text that BuildKit reads as the same pair as
// the legacy instruction in.
func legacyFix(f *dockerfile.File, in *dockerfile.Instruction) (string, bool) {
	args := bkNodeArgs(in)
	if len(args) != 3 || args[2] != "" {
		return "", false
	}
	key, val := args[0], args[1]
	lex := bkLex(f)
	want, _, err := lex.Word(val, bkSentinelEnv{})
	if err != nil {
		return "", false
	}
	esc := string(f.Escape)
	quoted := `"` + strings.ReplaceAll(val, `"`, esc+`"`) + `"`
	for _, cand := range []string{val, quoted} {
		text := key + "=" + cand
		pairs, ok := bkParsePairs(f, in.Keyword, text)
		if !ok || len(pairs) != 1 || pairs[0].Key != key || pairs[0].NoDelim {
			continue
		}
		got, _, err := lex.Word(pairs[0].Value, bkSentinelEnv{})
		if err == nil && got == want {
			return text, true
		}
	}
	return "", false
}

// bkParsePairs parses "<keyword> <text>" with BuildKit and returns its pairs.
func bkParsePairs(f *dockerfile.File, keyword, text string) (instructions.KeyValuePairs, bool) {
	if strings.ContainsAny(text, "\r\n") {
		return nil, false
	}
	var src bytes.Buffer
	if f.Escape == '`' {
		src.WriteString("# escape=`\n")
	}
	src.WriteString(strings.ToUpper(keyword) + " " + text + "\n")
	res, err := parser.Parse(&src)
	if err != nil || len(res.AST.Children) != 1 {
		return nil, false
	}
	v, err := instructions.ParseInstruction(res.AST.Children[0])
	if err != nil {
		return nil, false
	}
	switch c := v.(type) {
	case *instructions.EnvCommand:
		return c.Env, true
	case *instructions.LabelCommand:
		return c.Labels, true
	}
	return nil, false
}

// bkSentinelEnv defines every variable as a marker of its own name, so that
// two words expand alike exactly when they mean the same thing.
type bkSentinelEnv struct{}

func (bkSentinelEnv) Get(k string) (string, bool) { return "\x00" + k + "\x00", true }
func (bkSentinelEnv) Keys() []string              { return nil }

var _ shell.EnvGetter = bkSentinelEnv{}
