package rules

import (
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// lintBK lints src with the default configuration and returns "Rule@line:severity"
// for the findings of BuildKit's checks.
func lintBK(t *testing.T, src string, cfg *Config) []string {
	t.Helper()
	f := dockerfile.Parse("Dockerfile", []byte(src))
	var out []string
	for _, d := range Lint(f, cfg) {
		if r, ok := Lookup(d.Rule); ok && r.BuildKit {
			out = append(out, d.Rule+"@"+itoa(f.Position(d.Range.Start).Line)+":"+d.Severity.String())
		}
	}
	return out
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestCheckDirective covers BuildKit's "# check=" semantics in the engine.
func TestCheckDirective(t *testing.T) {
	body := "FROM alpine AS Build\n# a comment that does not describe the ARG\nARG V=1\n"
	tests := []struct {
		name string
		src  string
		cfg  *Config
		want string
	}{
		{"default: experimental off", body, nil, "StageNameCasing@1:warning"},
		{"error=true raises BuildKit findings", "# check=error=true\n" + body, nil, "StageNameCasing@2:error"},
		{"error=false", "# check=error=false\n" + body, nil, "StageNameCasing@2:warning"},
		{"experimental by name", "# check=experimental=InvalidDefinitionDescription\n" + body, nil,
			"StageNameCasing@2:warning InvalidDefinitionDescription@4:warning"},
		{"experimental=all with error=true", "# check=experimental=all;error=true\n" + body, nil,
			"StageNameCasing@2:error InvalidDefinitionDescription@4:error"},
		{"skip=all keeps experimental rules", "# check=skip=all;experimental=all\n" + body, nil,
			"InvalidDefinitionDescription@4:warning"},
		{"config turns experimental off", "# check=experimental=all\n" + body, &Config{Disable: []string{"InvalidDefinitionDescription"}},
			"StageNameCasing@2:warning"},
		{"config enables experimental", body, &Config{Enable: []string{"InvalidDefinitionDescription"}},
			"StageNameCasing@1:warning InvalidDefinitionDescription@3:warning"},
		{"per-instruction experimental", "FROM alpine AS Build\n# check=experimental=InvalidDefinitionDescription\nARG V=1\n# not a description\nARG W=2\n", nil,
			"StageNameCasing@1:warning InvalidDefinitionDescription@3:warning"},
		{"per-instruction skip=all", "# check=skip=all\nFROM alpine AS Build\nFROM alpine AS Other\n", nil, ""},
		{"per-instruction skip comment", "FROM alpine\n# check=skip=StageNameCasing\nFROM alpine AS Build\nFROM alpine AS Other\n", nil,
			"StageNameCasing@4:warning"},
		{"per-instruction skip=all comment", "FROM alpine AS Build\n# check=skip=all\nFROM alpine AS Other\n", nil,
			"StageNameCasing@1:warning"},
		{"only the first check comment counts", "FROM alpine\n# check=skip=StageNameCasing\n# check=skip=FromAsCasing\nFROM alpine as Other\n", nil,
			"FromAsCasing@4:warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(lintBK(t, tt.src, tt.cfg), " ")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
