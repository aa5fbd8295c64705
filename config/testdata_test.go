package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFiles reads each ../testdata/config/*.txtar case: a configuration file
// (.layerlint.yaml or .hadolint.yaml) and the expected "errors" (one line
// each), "notes" (hadolint mapping notes) and "settings" (a dump of what was
// read, see dump). A missing section expects nothing.
func TestFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "config", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/config: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := splitTxtar(string(data))
			var name, src string
			for _, n := range append(Names, HadolintNames...) {
				if s, ok := sections[n]; ok {
					name, src = n, s
				}
			}
			if name == "" {
				t.Fatal("no configuration file in the case")
			}
			parse := Parse
			if name == ".hadolint.yaml" || name == ".hadolint.yml" {
				parse = ParseHadolint
			}
			f, err := parse(name, []byte(src))
			gotErrs := ""
			if err != nil {
				gotErrs = err.Error() + "\n"
			}
			if gotErrs != sections["errors"] {
				t.Errorf("errors:\n%s\nwant:\n%s", gotErrs, sections["errors"])
			}
			if f == nil {
				return
			}
			var notes strings.Builder
			for _, n := range f.Notes {
				notes.WriteString(n.String() + "\n")
			}
			if notes.String() != sections["notes"] {
				t.Errorf("notes:\n%s\nwant:\n%s", notes.String(), sections["notes"])
			}
			if got := dump(&f.Settings); got != sections["settings"] {
				t.Errorf("settings:\n%s\nwant:\n%s", got, sections["settings"])
			}
		})
	}
}

// splitTxtar reads "-- name --" sections; the comment before the first is
// dropped.
func splitTxtar(s string) map[string]string {
	out := map[string]string{}
	cur := ""
	for _, line := range strings.SplitAfter(s, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			cur = strings.TrimSpace(t[3 : len(t)-3])
			out[cur] = ""
			continue
		}
		if cur != "" {
			out[cur] += line
		}
	}
	return out
}

// dump prints settings one fact a line, for comparison with a hand-written
// expectation. Contexts are shown with their globs and directories as
// written (their base is the test's directory).
func dump(s *Settings) string {
	var b strings.Builder
	for _, id := range sortedIDs(s.Rules) {
		r := s.Rules[id]
		fmt.Fprintf(&b, "rules.%s", id)
		if r.Enabled != nil {
			fmt.Fprintf(&b, " enabled=%v", *r.Enabled)
		}
		if r.Severity != nil {
			fmt.Fprintf(&b, " severity=%s", *r.Severity)
		}
		if len(r.Options) > 0 {
			j, _ := json.Marshal(r.Options)
			fmt.Fprintf(&b, " options=%s", j)
		}
		b.WriteString("\n")
	}
	for _, c := range s.Contexts {
		fmt.Fprintf(&b, "contexts %s -> %s\n", c.Glob, c.Dir)
	}
	for _, p := range s.Include {
		fmt.Fprintf(&b, "include %s\n", p.Glob)
	}
	for _, p := range s.Exclude {
		fmt.Fprintf(&b, "exclude %s\n", p.Glob)
	}
	if s.FailLevel != "" {
		fmt.Fprintf(&b, "fail-level %s\n", s.FailLevel)
	}
	for _, f := range s.Format {
		fmt.Fprintf(&b, "format %s\n", f)
	}
	for _, n := range s.Select {
		fmt.Fprintf(&b, "select %s\n", n)
	}
	return b.String()
}
