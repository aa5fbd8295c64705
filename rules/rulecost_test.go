package rules

import (
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/layerlint/layerlint/dockerfile"
)

// TestRuleCosts prints what each default rule adds to linting the 600-line
// synthetic Dockerfile (a fresh parse per run, so shared File.Memo work is
// charged to the first rule that asks). Set LAYERLINT_RULE_COSTS=1 to run it.
func TestRuleCosts(t *testing.T) {
	if os.Getenv("LAYERLINT_RULE_COSTS") == "" {
		t.Skip("set LAYERLINT_RULE_COSTS=1 to print per-rule costs")
	}
	src := dockerfile.SyntheticDockerfile(600)
	type cost struct {
		id string
		d  time.Duration
	}
	var costs []cost
	var total time.Duration
	for _, r := range All() {
		if r.Run == nil || r.ID == "ShellCheck" {
			continue
		}
		// fresh files each round so File.Memo work is counted; best of 5 rounds
		best := time.Duration(1 << 62)
		for round := 0; round < 5; round++ {
			files := make([]*dockerfile.File, 10)
			for i := range files {
				files[i] = dockerfile.Parse("Dockerfile", src)
			}
			start := time.Now()
			for _, f := range files {
				RunRule(f, r)
			}
			if d := time.Since(start) / time.Duration(len(files)); d < best {
				best = d
			}
		}
		d := best
		costs = append(costs, cost{r.ID, d})
		total += d
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].d > costs[j].d })
	for _, c := range costs {
		fmt.Printf("%-34s %8.1f µs\n", c.id, float64(c.d)/1e3)
	}
	fmt.Printf("%-34s %8.1f µs\n", "total", float64(total)/1e3)
}
