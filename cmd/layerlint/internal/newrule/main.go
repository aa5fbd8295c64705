// Command newrule starts a new rule: "make new-rule NAME=RuleID" runs it from
// the repository root. It writes rules/<snake_name>.go holding a registered
// stub rule value with placeholder documentation and an empty run function,
// and rules/testdata/<RuleID>/positive.Dockerfile expecting a finding. Both
// fail the rule tests until the rule is written, which is the point.
//
// It reads and writes files only; it imports nothing of layerlint, so that it
// works while the rules package does not compile.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"unicode"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: newrule RuleID   (from the repository root; or make new-rule NAME=RuleID)")
		os.Exit(2)
	}
	written, err := generate(".", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "newrule:", err)
		os.Exit(1)
	}
	for _, p := range written {
		fmt.Println("wrote", p)
	}
	fmt.Println("next: fill in the Doc and the run function, then go test ./rules/")
}

var idRE = regexp.MustCompile(`^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)*$`)

// generate writes the stub files under root (the repository root) and
// returns their paths. It never overwrites a file.
func generate(root, id string) ([]string, error) {
	if !idRE.MatchString(id) {
		return nil, fmt.Errorf("%q is not a CamelCase rule ID (like PackageCacheNotCleaned)", id)
	}
	rulesDir := filepath.Join(root, "rules")
	if st, err := os.Stat(rulesDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("no rules directory in %s; run from the repository root", root)
	}
	if taken, err := idTaken(rulesDir, id); err != nil {
		return nil, err
	} else if taken != "" {
		return nil, fmt.Errorf("rule %s already exists in %s", id, taken)
	}
	goFile := filepath.Join(rulesDir, snake(id)+".go")
	caseFile := filepath.Join(rulesDir, "testdata", id, "positive.Dockerfile")
	for _, p := range []string{goFile, caseFile} {
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s already exists", p)
		}
	}
	var src bytes.Buffer
	if err := ruleTemplate.Execute(&src, id); err != nil {
		return nil, err
	}
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		return nil, fmt.Errorf("generated code does not format: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(caseFile), 0o755); err != nil {
		return nil, err
	}
	if err := writeNew(goFile, formatted); err != nil {
		return nil, err
	}
	if err := writeNew(caseFile, []byte(strings.ReplaceAll(positiveCase, "RuleID", id))); err != nil {
		os.Remove(goFile)
		return nil, err
	}
	return []string{goFile, caseFile}, nil
}

// idTaken returns the rules file that already declares id, or "".
func idTaken(rulesDir, id string) (string, error) {
	files, err := filepath.Glob(filepath.Join(rulesDir, "*.go"))
	if err != nil {
		return "", err
	}
	decl := regexp.MustCompile(`\bID:\s*"` + regexp.QuoteMeta(id) + `"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		if decl.Match(data) {
			return f, nil
		}
	}
	return "", nil
}

// writeNew creates path with data, failing if it exists.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists", path)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// snake turns a CamelCase ID into a file name: PackageCacheNotCleaned →
// package_cache_not_cleaned, UseHTTPSForAdd → use_https_for_add.
func snake(id string) string {
	rs := []rune(id)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

var ruleTemplate = template.Must(template.New("rule").Parse(`package rules

// {{.}} reports TODO: what it checks, in one sentence.
var {{.}} = register(&Rule{
	ID:       "{{.}}",
	Category: CategoryCache, // TODO: cache, size, correctness, security, style or context
	Severity: SeverityWarning, // TODO: error = the build fails; warning = breaks or wastes the cache or the image; info = probably unintended; hint = an improvement with a fix
	Doc: Doc{
		Title:       "TODO: at most 60 characters, no final period",
		Description: "TODO: why it matters: the concrete cache or size effect.",
		Bad:         "FROM alpine\n# TODO: an excerpt that triggers the rule\n",
		Good:        "FROM alpine\n# TODO: the same excerpt fixed\n",
	},
	Run: run{{.}},
})

func run{{.}}(p *Pass) {
	// TODO: inspect p.File and report with p.Report or p.Reportf, using the
	// tightest useful range.
}
`))

const positiveCase = `FROM alpine
# TODO: replace the RUN below with an instruction that RuleID reports.
# want "RuleID"
RUN echo replace me
`
