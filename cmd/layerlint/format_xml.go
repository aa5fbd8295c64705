package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// xmlAttr escapes s for a double-quoted XML attribute value or element text
// (quotes, ampersands, angle brackets, tabs and line breaks).
func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeCheckstyle prints the Checkstyle XML report that Jenkins, Sonar and
// reviewdog read: one <file> per Dockerfile linted, findings or not, with
// one <error> per finding. Lines and columns are 1-based; columns count code
// points. Severities are error, warning and info (hints are info); source is
// the rule ID.
func writeCheckstyle(w io.Writer, results []result) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<checkstyle version="4.3">` + "\n")
	for _, r := range results {
		if r.file == nil {
			continue
		}
		if len(r.diags) == 0 {
			fmt.Fprintf(&b, "  <file name=\"%s\"></file>\n", xmlAttr(r.path))
			continue
		}
		fmt.Fprintf(&b, "  <file name=\"%s\">\n", xmlAttr(r.path))
		for _, d := range r.diags {
			fmt.Fprintf(&b, "    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"%s\" source=\"%s\"></error>\n",
				r.file.Position(d.Range.Start).Line, r.file.RuneColumn(d.Range.Start),
				checkstyleSeverity(d.Severity), xmlAttr(d.Message), xmlAttr(d.Rule))
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</checkstyle>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func checkstyleSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	}
	return "info"
}

// writeJUnit prints a JUnit XML report for CI systems that show test
// results: one <testsuite> per Dockerfile linted; one failing <testcase> per
// finding, named "RuleID at line:column", whose failure type is the
// severity; and a Dockerfile without findings holds one passing <testcase>
// named "layerlint".
func writeJUnit(w io.Writer, results []result) error {
	var b strings.Builder
	tests, failures := 0, 0
	for _, r := range results {
		if r.file == nil {
			continue
		}
		tests += max(len(r.diags), 1)
		failures += len(r.diags)
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, "<testsuites name=\"layerlint\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n", tests, failures)
	for _, r := range results {
		if r.file == nil {
			continue
		}
		name := xmlAttr(r.path)
		fmt.Fprintf(&b, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">\n", name, max(len(r.diags), 1), len(r.diags))
		if len(r.diags) == 0 {
			fmt.Fprintf(&b, "    <testcase name=\"layerlint\" classname=\"%s\"></testcase>\n", name)
		}
		for _, d := range r.diags {
			line, col := r.file.Position(d.Range.Start).Line, r.file.RuneColumn(d.Range.Start)
			fmt.Fprintf(&b, "    <testcase name=\"%s\" classname=\"%s\">\n", xmlAttr(fmt.Sprintf("%s at %d:%d", d.Rule, line, col)), name)
			fmt.Fprintf(&b, "      <failure message=\"%s\" type=\"%s\">%s</failure>\n", xmlAttr(d.Message), d.Severity,
				xmlAttr(fmt.Sprintf("%s:%d:%d: %s %s %s", r.path, line, col, d.Severity, d.Rule, d.Message)))
			b.WriteString("    </testcase>\n")
		}
		b.WriteString("  </testsuite>\n")
	}
	b.WriteString("</testsuites>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
