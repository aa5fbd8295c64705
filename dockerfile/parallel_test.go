package dockerfile

import (
	"fmt"
	"github.com/layerlint/layerlint/internal/par"
	"reflect"
	"testing"
)

// modelSummary renders what the parallel phases produce for every
// instruction: ranges, words, typed command type and error, RUN commands.
func modelSummary(f *File) []string {
	var out []string
	for _, in := range f.Instructions {
		s := fmt.Sprintf("%d %s %v %v %v %+v %+v %T %v", in.Index, in.Keyword, in.Range, in.KeywordRange, in.ArgsRange, in.Flags, in.Args, in.Command, in.Err)
		if in.Run != nil {
			for _, c := range in.Run.Commands {
				s += fmt.Sprintf(" [%v %+v %v %d/%d]", c.Range, c.Args, c.Assign, c.Pipeline, c.PipePos)
			}
		}
		out = append(out, s)
	}
	return out
}

func TestParallelModelMatchesSequential(t *testing.T) {
	src := SyntheticDockerfile(1200)
	src = append(src, []byte("RUN sh -c 'apt-get update && apt-get install -y x' | tee log\nONBUILD RUN make\nFROM bad:tag AS\n")...)
	defer func() { par.Force = 0 }()
	par.Force = 1
	seq := Parse("Dockerfile", src)
	par.Force = 4
	conc := Parse("Dockerfile", src)
	if len(seq.Instructions) < par.Min {
		t.Fatalf("only %d instructions: the parallel path is not exercised", len(seq.Instructions))
	}
	a, b := modelSummary(seq), modelSummary(conc)
	if !reflect.DeepEqual(a, b) {
		for i := range a {
			if i >= len(b) || a[i] != b[i] {
				t.Fatalf("instruction %d differs:\nsequential: %s\nparallel:   %s", i, a[i], b[min(i, len(b)-1)])
			}
		}
		t.Fatalf("parallel model has %d instructions, sequential %d", len(b), len(a))
	}
	if fmt.Sprint(seq.Errors) != fmt.Sprint(conc.Errors) || len(seq.Stages) != len(conc.Stages) {
		t.Fatalf("errors or stages differ: %v / %v, %d / %d stages", seq.Errors, conc.Errors, len(seq.Stages), len(conc.Stages))
	}
}
