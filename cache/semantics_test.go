package cache

import (
	"strings"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

func memPlan(t *testing.T, src string, files map[string]string, opt Options) *Plan {
	t.Helper()
	if files == nil {
		files = map[string]string{}
	}
	files["Dockerfile"] = src
	cx, err := ctxscan.FromFiles(files, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(dockerfile.Parse("Dockerfile", []byte(src)), cx, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestArgAndEnvSemantics pins BuildKit's ARG and ENV rules, each with the
// line the change must first invalidate (0: nothing).
func TestArgAndEnvSemantics(t *testing.T) {
	for _, c := range []struct {
		name  string
		src   string
		arg   ArgChange
		first int
	}{
		{"an ARG enters the RUNs after it, not before",
			"FROM a\nRUN one\nARG V=1\nRUN two\n", ArgChange{Name: "V", Value: "2"}, 4},
		{"a COPY after the ARG does not see it",
			"FROM a\nARG V=1\nCOPY x /x\nRUN two\n", ArgChange{Name: "V", Value: "2"}, 4},
		{"a COPY that expands it does",
			"FROM a\nARG V=x\nCOPY $V /x\nRUN two\n", ArgChange{Name: "V", Value: "y"}, 3},
		{"a global ARG is not in a stage until redeclared",
			"ARG V=1\nFROM a\nRUN one\n", ArgChange{Name: "V", Value: "2"}, 0},
		{"a redeclared global ARG takes the global value",
			"ARG V=1\nFROM a\nARG V\nRUN one\n", ArgChange{Name: "V", Value: "2"}, 4},
		{"an ARG of the base stage reaches the RUNs of a stage built FROM it",
			"FROM a AS base\nARG V=1\nFROM base\nRUN one\n", ArgChange{Name: "V", Value: "2"}, 4},
		{"but not a stage that only copies from it",
			"FROM a AS base\nARG V=1\nFROM b\nCOPY --from=base /x /x\nRUN one\n", ArgChange{Name: "V", Value: "2"}, 0},
		{"ENV values on one line see the state before the line",
			"FROM a\nARG X=1\nENV X=2 Y=$X\nCOPY f /f\nRUN one\n", ArgChange{Name: "X", Value: "3"}, 5},
		{"an ENV expanding an ARG invalidates the RUNs after it",
			"ARG V=1\nFROM a\nARG V\nENV W=$V\nRUN one\n", ArgChange{Name: "V", Value: "2"}, 5},
		{"a LABEL alone is configuration",
			"FROM a\nRUN one\nARG V=1\nLABEL v=$V\nCMD [\"x\"]\n", ArgChange{Name: "V", Value: "2"}, 0},
		{"WORKDIR expands its path",
			"FROM a\nARG D=/x\nWORKDIR $D\nCOPY f .\n", ArgChange{Name: "D", Value: "/y"}, 3},
		{"COPY --from expands the stage it reads",
			"FROM a AS one\nFROM a AS two\nFROM b\nCOPY --from=two /y /y\nARG S=one\nCOPY --from=$S /x /x\n", ArgChange{Name: "S", Value: "two"}, 6},
		{"a stage the new value makes necessary is built",
			"FROM a AS one\nFROM a AS two\nFROM b\nARG S=one\nCOPY --from=$S /x /x\n", ArgChange{Name: "S", Value: "two"}, 2},
		{"an unknown new value counts as different",
			"FROM a\nARG V=1\nRUN one\n", ArgChange{Name: "V", Unknown: true}, 3},
		{"the same value changes nothing",
			"FROM a\nARG V=1\nRUN one\n", ArgChange{Name: "V", Value: "1"}, 0},
		{"a build arg for an undeclared name changes nothing",
			"FROM a\nRUN one\n", ArgChange{Name: "V", Value: "1"}, 0},
		{"the platform of FROM expands predefined ARGs",
			"FROM --platform=$BUILDPLATFORM a\nRUN one\n", ArgChange{Name: "BUILDPLATFORM", Value: "linux/arm64"}, 1},
		{"a bind mount's source expands ARGs",
			"FROM a\nARG M=f\nRUN --mount=type=bind,source=$M,target=/m cat /m\n", ArgChange{Name: "M", Value: "g"}, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := memPlan(t, c.src, map[string]string{"f": "f", "g": "g", "x": "x", "y": "y"}, Options{})
			res, err := p.Predict(Change{Args: []ArgChange{c.arg}})
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			if f := res.First(); f != nil {
				got = f.First.Line
			}
			if got != c.first {
				t.Errorf("first miss at line %d, want %d\n%s%s", got, c.first, c.src, strings.Join(render(res), "\n"))
			}
		})
	}
}

// TestCompareDockerfiles compares plans of two versions of a Dockerfile:
// the first edited instruction misses, stages match by name.
func TestCompareDockerfiles(t *testing.T) {
	same := func(ctxscan.Entry) string { return "" }
	for _, c := range []struct {
		name, before, after string
		want                []string
	}{
		{"an edited RUN",
			"FROM a AS b\nRUN one\nRUN two\nFROM c\nCOPY --from=b /x /x\n",
			"FROM a AS b\nRUN one\nRUN 2\nFROM c\nCOPY --from=b /x /x\n",
			[]string{"b 3: 3 medium", "1 5: 5 cheap"}},
		{"an edited heredoc script",
			"FROM a\nRUN <<EOF\necho one\nEOF\n",
			"FROM a\nRUN <<EOF\necho two\nEOF\n",
			[]string{"0 2: 2 medium"}},
		{"a stage inserted before a named one",
			"FROM a AS web\nRUN build\nFROM c\nCOPY --from=web /x /x\n",
			"FROM z AS tools\nRUN x\nFROM a AS web\nRUN build\nFROM c\nCOPY --from=web /x /x\n",
			[]string{"web cached", "2 cached"}},
		{"an added step at the end",
			"FROM a\nRUN one\n",
			"FROM a\nRUN one\nCMD [\"x\"]\n",
			[]string{"0 3: 3 cheap"}},
		{"a changed base image",
			"FROM a:1\nRUN one\n",
			"FROM a:2\nRUN one\n",
			[]string{"0 1: 1 medium, 2 medium"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev := memPlan(t, c.before, nil, Options{})
			next := memPlan(t, c.after, nil, Options{})
			got := render(Compare(prev.Keys(same), next.Keys(same)))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

func TestTarget(t *testing.T) {
	src := "FROM a AS one\nRUN x\nFROM b AS two\nRUN y\nFROM c\nCOPY --from=one /x /x\n"
	for target, want := range map[string]string{"": "one,2", "two": "two", "TWO": "two", "1": "two", "0": "one"} {
		p := memPlan(t, src, nil, Options{Target: target})
		var names []string
		for _, s := range p.Stages {
			names = append(names, s.Name)
		}
		if got := strings.Join(names, ","); got != want {
			t.Errorf("target %q: stages %s, want %s", target, got, want)
		}
	}
	_, err := New(dockerfile.Parse("Dockerfile", []byte(src)), nil, Options{Target: "three"})
	if err == nil || !strings.Contains(err.Error(), `target stage "three" not found (stages: one, two)`) {
		t.Errorf("unknown target: %v", err)
	}
	if _, err := New(dockerfile.Parse("Dockerfile", []byte("# nothing\n")), nil, Options{}); err == nil {
		t.Error("a file without FROM makes a plan")
	}
}

func TestCosts(t *testing.T) {
	for _, c := range []struct {
		run  string
		want Cost
	}{
		{"apt-get update && apt-get install -y curl", Expensive},
		{"npm ci", Expensive},
		{"go mod download", Expensive},
		{"CGO_ENABLED=0 go build -o /app .", Expensive},
		{"./gradlew bootJar --no-daemon", Expensive},
		{"mvn -B package", Expensive},
		{"make -j4", Expensive},
		{"yarn build", Expensive},
		{"pnpm run build:prod", Expensive},
		{"npx tsc -p .", Expensive},
		{"python setup.py install", Expensive},
		{"dotnet publish -c Release -o /out", Expensive},
		{"cargo build --release", Expensive},
		{"curl -fsSL https://example.com/x.tgz | tar -xz", Medium},
		{"git clone https://example.com/r.git", Medium},
		{"useradd app", Medium},
		{"npm run lint", Medium},
		{"gradle --version", Medium},
		{"echo hi", Medium},
	} {
		p := memPlan(t, "FROM a\nRUN "+c.run+"\n", nil, Options{})
		if st := p.Stages[0].Steps[1]; st.Cost != c.want {
			t.Errorf("RUN %s: %s (%s), want %s", c.run, st.Cost, st.Why, c.want)
		}
	}
	p := memPlan(t, "FROM a AS b\nFROM scratch\n", nil, Options{})
	if got := p.Stages[0].Steps[0].Cost; got != Cheap {
		t.Errorf("FROM scratch: %s, want cheap", got)
	}
	p = memPlan(t, "FROM a AS b\nFROM b\nWORKDIR /x\nENV A=1\nCOPY --from=b /x /x\nADD https://example.com/f /f\n", nil, Options{})
	for i, want := range []Cost{Cheap, Cheap, Cheap, Cheap, Medium} {
		if got := p.Stages[1].Steps[i].Cost; got != want {
			t.Errorf("stage 1 step %d (%s): %s, want %s", i, p.Stages[1].Steps[i].Text, got, want)
		}
	}
}
