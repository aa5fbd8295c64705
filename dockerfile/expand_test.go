package dockerfile

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

type testEnv map[string]string

func (e testEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e testEnv) Keys() []string {
	var ks []string
	for k := range e {
		ks = append(ks, k)
	}
	return ks
}

// checkExpander compares the expander with BuildKit's lexer on one word.
func checkExpander(t *testing.T, escape rune, word string) {
	t.Helper()
	env := testEnv{"A": "x y", "B": ""}
	e := NewExpander(escape)
	lex := shell.NewLex(escape)
	got, gotUn, gotErr := e.Word(word, env)
	want, wantUn, wantErr := lex.ProcessWord(word, env)
	if got != want || (gotErr == nil) != (wantErr == nil) || len(gotUn) != len(wantUn) {
		t.Fatalf("Word(%q, escape %q) = %q, %v, %v; lexer: %q, %v, %v", word, escape, got, gotUn, gotErr, want, wantUn, wantErr)
	}
	gr, gotErr := e.WordWithMatches(word, env)
	wr, wantErr := lex.ProcessWordWithMatches(word, env)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("WordWithMatches(%q): error %v, lexer %v", word, gotErr, wantErr)
	}
	if gotErr == nil && (gr.Result != wr.Result || !sameWords(gr.Words, wr.Words) || len(gr.Matched) != len(wr.Matched) || len(gr.Unmatched) != len(wr.Unmatched)) {
		t.Fatalf("WordWithMatches(%q, escape %q) = %+v; lexer: %+v", word, escape, gr, wr)
	}
	gw, gotErr := e.Words(word, env)
	ww, wantErr := lex.ProcessWords(word, env)
	if (gotErr == nil) != (wantErr == nil) || (gotErr == nil && !sameWords(gw, ww)) {
		t.Fatalf("Words(%q, escape %q) = %q, %v; lexer: %q, %v", word, escape, gw, gotErr, ww, wantErr)
	}
}

func sameWords(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestExpanderMatchesLexer(t *testing.T) {
	words := []string{
		"", " ", "alpine:3.20", "node:${NODE_VERSION}-bookworm", "a b\tc", "  lead trail  ",
		"$A", "${B:-d}", `a\ b`, "a`b", `'q'`, `"q $A"`, "<<EOF", "é", "x\x00y", "\v\f\r\n",
		"/usr/local/bin", "key=value", "--mount=type=cache,target=/root/.cache",
	}
	for _, esc := range []rune{'\\', '`'} {
		for _, w := range words {
			checkExpander(t, esc, w)
		}
	}
	// the fast path must actually be taken for plain words
	e := NewExpander('\\')
	if !e.literal("alpine:3.20") || e.literal("$A") || e.literal(`a\b`) || NewExpander('`').literal("a`b") {
		t.Fatal("literal() classifies plain and interpreted words wrongly")
	}
}

func FuzzExpander(f *testing.F) {
	for _, s := range []string{"alpine", "a b", "$A", "${A:-x}", `"x"`, "é ", "\x85x"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, word string, backtick bool) {
		esc := '\\'
		if backtick {
			esc = '`'
		}
		checkExpander(t, esc, word)
	})
}

func TestOperands(t *testing.T) {
	words := func(ss ...string) []Word {
		var out []Word
		for _, s := range ss {
			out = append(out, Word{Value: s})
		}
		return out
	}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"install", "-y", "curl"}, []string{"install", "curl"}},
		{[]string{"-o", "out", "x"}, []string{"x"}},
		{[]string{"-q", "--", "-x", "y"}, []string{"-x", "y"}},
		{[]string{"-", "a"}, []string{"-", "a"}},
		{[]string{"-o"}, nil},
		{[]string{"--"}, nil},
		{nil, nil},
	}
	for _, c := range cases {
		got := Operands(words(c.args...), "-o")
		var vals []string
		for _, w := range got {
			vals = append(vals, w.Value)
		}
		if !reflect.DeepEqual(vals, c.want) {
			t.Errorf("Operands(%q) = %q, want %q", c.args, vals, c.want)
		}
		first := FirstOperand(words(c.args...), "-o")
		if (first == nil) != (len(c.want) == 0) || (first != nil && first.Value != c.want[0]) {
			t.Errorf("FirstOperand(%q) = %v, want the first of %q", c.args, first, c.want)
		}
	}
}

// Lookup must agree with the whole scope Vars builds, for every name at
// every instruction (it walks the same definitions without a map).
func TestLookupMatchesVars(t *testing.T) {
	srcs := [][]byte{SyntheticDockerfile(200), []byte("ARG A=1\nARG B\nFROM x AS base\nENV A=env\nARG A\nARG B\nARG C=3\nFROM base\nARG A\nENV D=$A\nRUN echo $A $B $C $D\n")}
	for _, src := range srcs {
		f := Parse("Dockerfile", src)
		names := map[string]bool{"NOPE": true}
		for _, in := range f.Instructions {
			for k := range f.Vars(in) {
				names[k] = true
			}
		}
		checked := 0
		for _, in := range f.Instructions {
			vars := f.Vars(in)
			for name := range names {
				want, wantOK := vars[name]
				got, gotOK := f.Lookup(in, name)
				if got != want || gotOK != wantOK {
					t.Fatalf("line %d: Lookup(%s) = %+v, %v; Vars: %+v, %v", in.StartLine, name, got, gotOK, want, wantOK)
				}
				checked += int(map[bool]int{true: 1}[wantOK])
			}
		}
		if checked == 0 {
			t.Fatal("no defined variable was looked up")
		}
	}
}

// InstructionAt and StageRef use an index; they must answer like a scan.
func TestIndexedLookups(t *testing.T) {
	src := append(SyntheticDockerfile(300), "FROM deps1 AS Late\nCOPY --from=LATE / /\nCOPY --from=3 / /\n"...)
	f := Parse("Dockerfile", src)
	for off := -1; off <= len(src)+1; off++ {
		var want *Instruction
		for _, in := range f.Instructions {
			if in.Range.Contains(off) {
				want = in
				break
			}
		}
		if got := f.InstructionAt(off); got != want {
			t.Fatalf("InstructionAt(%d) = %v, want %v", off, got, want)
		}
	}
	for _, ref := range []string{"deps0", "DEPS1", "py2", "late", "Late", "nope", "0", "5", "-1"} {
		for limit := 0; limit <= len(f.Stages)+1; limit++ {
			var want *Stage
			if n, err := strconv.Atoi(ref); err == nil {
				if n >= 0 && n < limit && n < len(f.Stages) {
					want = f.Stages[n]
				}
			} else {
				for _, s := range f.Stages[:min(limit, len(f.Stages))] {
					if strings.EqualFold(s.Name, ref) {
						want = s
						break
					}
				}
			}
			if got := f.StageRef(ref, limit); got != want {
				t.Fatalf("StageRef(%q, %d) = %v, want %v", ref, limit, got, want)
			}
		}
	}
}
