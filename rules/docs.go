package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Markdown renders a rule's documentation page (docs/rules/<ID>.md).
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "%s.\n\n", r.Doc.Title)
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Category | %s |\n", r.Category)
	sev := r.Severity.String()
	if r.OffByDefault {
		sev += " (off by default)"
	}
	fmt.Fprintf(&b, "| Default severity | %s |\n", sev)
	if len(r.Aliases) > 0 {
		fmt.Fprintf(&b, "| Aliases | %s |\n", strings.Join(r.Aliases, ", "))
	}
	if len(r.Doc.Options) > 0 {
		keys := make([]string, 0, len(r.Doc.Options))
		for k := range r.Doc.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("\n## Options\n\nThe examples below assume these options (set them under `rules.<ID>.options` in `.layerlint.yaml`):\n\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "- `%s`: `%v`\n", k, r.Doc.Options[k])
		}
	}
	b.WriteString("\n## Why\n\n")
	b.WriteString(strings.TrimSpace(r.Doc.Description))
	b.WriteString("\n")
	if len(r.Doc.Context) > 0 {
		paths := make([]string, 0, len(r.Doc.Context))
		for k := range r.Doc.Context {
			paths = append(paths, k)
		}
		sort.Strings(paths)
		b.WriteString("\n## Build context of the examples\n\n")
		for _, k := range paths {
			v := r.Doc.Context[k]
			switch {
			case strings.HasSuffix(k, "/"):
				fmt.Fprintf(&b, "- `%s` (directory)\n", k)
			case strings.Contains(v, "\n") && len(v) < 200:
				fmt.Fprintf(&b, "- `%s`:\n\n  ```\n  %s\n  ```\n", k, strings.ReplaceAll(strings.TrimRight(v, "\n"), "\n", "\n  "))
			default:
				fmt.Fprintf(&b, "- `%s` (%d bytes)\n", k, len(v))
			}
		}
	}
	if r.Doc.Bad != "" {
		fmt.Fprintf(&b, "\n## Bad\n\n```dockerfile\n%s\n```\n", strings.TrimRight(r.Doc.Bad, "\n"))
	}
	if r.Doc.Good != "" {
		fmt.Fprintf(&b, "\n## Good\n\n```dockerfile\n%s\n```\n", strings.TrimRight(r.Doc.Good, "\n"))
	}
	fmt.Fprintf(&b, "\n## Suppress\n\n```dockerfile\n# layerlint ignore=%s reason\n```\n\non the line above the instruction, or `# layerlint global ignore=%s` anywhere in the file.\n", r.ID, r.ID)
	return b.String()
}

// MarkdownIndex renders docs/rules/README.md, the list of every rule.
func MarkdownIndex(rs []*Rule) string {
	var b strings.Builder
	b.WriteString("# layerlint rules\n\nGenerated from the rule declarations in `rules/` by `go test ./rules -run TestDocs -update-docs`; do not edit by hand.\n\n")
	b.WriteString("| Rule | Category | Severity | Aliases | Title |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		sev := r.Severity.String()
		if r.OffByDefault {
			sev += " (off)"
		}
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Category, sev, strings.Join(r.Aliases, ", "), r.Doc.Title)
	}
	return b.String()
}
