package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/layerlint/layerlint/rules"
)

const rulesHelp = `Usage: layerlint rules [--format text|json]

Lists every rule with its ID, aliases, category, default severity and title.
`

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("rules")
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	pos, err := parseFlags(fs, args, rulesHelp, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	if len(pos) > 0 {
		return fail(stderr, &usageError{fmt.Sprintf("rules: unexpected argument %q (to describe a rule: layerlint explain %s)", pos[0], pos[0])})
	}
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tALIASES\tCATEGORY\tSEVERITY\tTITLE")
		for _, r := range rules.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, orDash(strings.Join(r.Aliases, ",")), r.Category, severityText(r), r.Doc.Title)
		}
		tw.Flush()
	case "json":
		type jsonRule struct {
			ID           string   `json:"id"`
			Aliases      []string `json:"aliases"`
			Category     string   `json:"category"`
			Severity     string   `json:"severity"`
			OffByDefault bool     `json:"offByDefault"`
			Title        string   `json:"title"`
			URL          string   `json:"url"`
		}
		out := struct {
			Rules []jsonRule `json:"rules"`
		}{Rules: []jsonRule{}}
		for _, r := range rules.All() {
			out.Rules = append(out.Rules, jsonRule{
				ID:           r.ID,
				Aliases:      append([]string{}, r.Aliases...),
				Category:     string(r.Category),
				Severity:     r.Severity.String(),
				OffByDefault: r.OffByDefault,
				Title:        r.Doc.Title,
				URL:          r.URL(),
			})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	default:
		return fail(stderr, &usageError{fmt.Sprintf("--format: unknown format %q (want text or json)", *format)})
	}
	return exitOK
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// severityText is the default severity, marked when the rule is off by default.
func severityText(r *rules.Rule) string {
	if r.OffByDefault {
		return r.Severity.String() + " (off by default)"
	}
	return r.Severity.String()
}

const explainHelp = `Usage: layerlint explain RULE

Describes one rule: RULE is its ID or an alias (hadolint DLxxxx code or
BuildKit check name), in any case.
`

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("explain")
	pos, err := parseFlags(fs, args, explainHelp, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	if len(pos) != 1 {
		return fail(stderr, &usageError{"explain: want exactly one RULE (see 'layerlint rules')"})
	}
	r, err := rules.Resolve(pos[0])
	if err != nil {
		return fail(stderr, err)
	}
	w := stdout
	fmt.Fprintf(w, "%s: %s\n\n", r.ID, r.Doc.Title)
	tw := tabwriter.NewWriter(w, 0, 8, 1, ' ', 0)
	fmt.Fprintf(tw, "  ID:\t%s\n", r.ID)
	fmt.Fprintf(tw, "  Aliases:\t%s\n", orDash(strings.Join(r.Aliases, ", ")))
	fmt.Fprintf(tw, "  Category:\t%s\n", r.Category)
	fmt.Fprintf(tw, "  Severity:\t%s\n", severityText(r))
	fmt.Fprintf(tw, "  Docs:\t%s\n", r.URL())
	tw.Flush()
	if r.Doc.Description != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(r.Doc.Description))
	}
	for _, ex := range []struct{ name, text string }{{"Bad", r.Doc.Bad}, {"Good", r.Doc.Good}} {
		if ex.text == "" {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", ex.name)
		for _, line := range strings.Split(strings.TrimRight(ex.text, "\n"), "\n") {
			if line == "" {
				fmt.Fprintln(w)
			} else {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
	}
	return exitOK
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return fail(stderr, &usageError{fmt.Sprintf("version: unexpected argument %q", args[0])})
	}
	fmt.Fprintln(stdout, "layerlint", versionString())
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(stdout, "module %s %s\n", bi.Main.Path, bi.Main.Version)
		fmt.Fprintf(stdout, "built with %s\n", bi.GoVersion)
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.time" || s.Key == "vcs.modified" {
				fmt.Fprintf(stdout, "%s %s\n", s.Key, s.Value)
			}
		}
	}
	return exitOK
}

// versionString is the -ldflags version, else the module version that
// "go install module@version" records, else "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}
