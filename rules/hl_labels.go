package rules

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Label rules: InvalidLabelKey checks every key; RequiredLabelMissing,
// UnexpectedLabel and InvalidLabelValue follow a label schema given as the
// option "schema" (label name → type: text, url, semver, hash, rfc3339, spdx
// or email), hadolint's label-schema.

const hlSchemaDoc = " Option `schema`: a map from label name to type (text, url, semver, hash, rfc3339, spdx, " +
	"email), as in hadolint's `label-schema`; without it the rule does nothing."

var hlLabelSchemaExample = map[string]any{
	"org.opencontainers.image.source":   "url",
	"org.opencontainers.image.version":  "semver",
	"org.opencontainers.image.revision": "hash",
	"org.opencontainers.image.created":  "rfc3339",
	"org.opencontainers.image.licenses": "spdx",
	"org.opencontainers.image.authors":  "email",
	"org.opencontainers.image.title":    "text",
}

// InvalidLabelKey reports label keys outside Docker's key format.
var InvalidLabelKey = register(&Rule{
	ID:       "InvalidLabelKey",
	Aliases:  []string{"DL3048"},
	Category: CategoryStyle,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "Label key outside Docker's recommended format",
		Description: "Docker recommends label keys in lower-case reverse-DNS notation: lower-case letters, " +
			"digits, `.`, `-` (and `_` or `/`), starting with a letter, ending with a letter or digit, without " +
			"repeated separators, and outside the `com.docker.*`, `io.docker.*` and `org.dockerproject.*` " +
			"namespaces, which Docker reserves. Tools that query labels (`docker images --filter label=...`, " +
			"registries, scanners) match keys exactly, so `Maintainer`, `maintainer` and `MAINTAINER` are " +
			"three different labels; one consistent format avoids misses.",
		Bad:  "FROM alpine:3.20\nLABEL Version=1.0\n",
		Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0\n",
	},
	Run: runInvalidLabelKey,
})

// RequiredLabelMissing reports schema labels the image does not set.
var RequiredLabelMissing = register(&Rule{
	ID:       "RequiredLabelMissing",
	Aliases:  []string{"DL3049"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "A label required by the label schema is missing",
		Description: "Registries, scanners and deployment tooling read image labels (source repository, " +
			"version, revision, licenses) to link an image to its code and its owners; an image without them " +
			"is anonymous. The labels of the stages that make up the image (the final stage and the stages it " +
			"is built FROM) count; the finding sits on the final FROM." + hlSchemaDoc,
		Bad:     "FROM alpine:3.20\nLABEL org.opencontainers.image.title=app\n",
		Good:    "FROM alpine:3.20\nLABEL org.opencontainers.image.title=app \\\n      org.opencontainers.image.source=https://github.com/org/app \\\n      org.opencontainers.image.version=1.4.2 \\\n      org.opencontainers.image.revision=5e1a0c3 \\\n      org.opencontainers.image.created=2024-06-01T12:00:00Z \\\n      org.opencontainers.image.licenses=Apache-2.0 \\\n      org.opencontainers.image.authors=team@example.com\n",
		Options: map[string]any{"schema": hlLabelSchemaExample},
	},
	Run: runRequiredLabelMissing,
})

// UnexpectedLabel reports labels outside the schema, with strict labels on.
var UnexpectedLabel = register(&Rule{
	ID:       "UnexpectedLabel",
	Aliases:  []string{"DL3050"},
	Category: CategoryStyle,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "A label outside the label schema",
		Description: "With a strict label schema, every label must be one the schema names: a misspelt key " +
			"(`org.opencontainers.image.licence`) sets a label no tool reads, and the intended one is missing." +
			hlSchemaDoc + " Option `strict` must be true as well (hadolint's `strict-labels`).",
		Bad:     "FROM alpine:3.20\nLABEL org.opencontainers.image.licence=MIT\n",
		Good:    "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=MIT\n",
		Options: map[string]any{"schema": hlLabelSchemaExample, "strict": true},
	},
	Run: runUnexpectedLabel,
})

// InvalidLabelValue reports schema labels whose value does not fit the type.
var InvalidLabelValue = register(&Rule{
	ID:       "InvalidLabelValue",
	Aliases:  []string{"DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "A label value that does not fit the label schema",
		Description: "Tools parse well-known labels: a source that is not a URL cannot be linked, a version " +
			"that is not semantic versioning cannot be compared, a creation time that is not RFC 3339 cannot " +
			"be sorted. Each finding carries the code of the check that failed: DL3051 empty value, DL3052 " +
			"URL, DL3053 RFC 3339 time, DL3054 SPDX license identifier, DL3055 git hash (7 or 40 lower-case " +
			"hex digits), DL3056 semantic version, DL3058 e-mail address. Values taken from ARG or ENV are " +
			"checked when their value is known." + hlSchemaDoc,
		Bad:     "FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1.4 \\\n      org.opencontainers.image.created=yesterday\n",
		Good:    "FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.4.0 \\\n      org.opencontainers.image.created=2024-06-01T12:00:00Z\n",
		Options: map[string]any{"schema": hlLabelSchemaExample},
	},
	Run: runInvalidLabelValue,
})

// hlLabel is one key=value of a LABEL instruction, with its value as the
// build sees it.
type hlLabel struct {
	in       *dockerfile.Instruction
	key      string
	value    string
	resolved bool // value is known (no unknown variables)
	rng      dockerfile.Range
}

// hlLabels returns the labels set by LABEL instructions of the stages in
// stages (all stages when nil), in file order.
func hlLabels(f *dockerfile.File, only map[*dockerfile.Stage]bool) []hlLabel {
	all := f.Memo(hlLabelsKey{}, func() any { return collectLabels(f) }).([]hlLabel)
	if only == nil {
		return all
	}
	var out []hlLabel
	for _, l := range all {
		if only[l.in.Stage] {
			out = append(out, l)
		}
	}
	return out
}

type hlLabelsKey struct{}

// collectLabels expands every LABEL key and value (shared by the label rules).
func collectLabels(f *dockerfile.File) []hlLabel {
	var out []hlLabel
	lex := f.Expander()
	for _, in := range f.Instructions {
		lc, ok := in.Command.(*instructions.LabelCommand)
		if !ok {
			continue
		}
		env := hlVarsEnv(f, in)
		for i, kv := range lc.Labels {
			key, value, resolved := kv.Key, kv.Value, true
			if k, _, err := lex.Word(key, env); err == nil {
				key = k
			}
			res, err := lex.WordWithMatches(kv.Value, env)
			if err != nil || len(res.Unmatched) > 0 {
				resolved = false
			} else {
				value = res.Result
			}
			rng := in.ArgsRange
			if len(in.Args) == len(lc.Labels) {
				rng = in.Args[i].Range
			}
			out = append(out, hlLabel{in: in, key: key, value: value, resolved: resolved, rng: rng})
		}
	}
	return out
}

// hlImageStages returns the stages whose layers make up the image.
func hlImageStages(f *dockerfile.File) map[*dockerfile.Stage]bool {
	m := map[*dockerfile.Stage]bool{}
	for _, s := range f.Stages {
		if s.InImage {
			m[s] = true
		}
	}
	return m
}

var hlKeyCharsRE = regexp.MustCompile(`^[a-z0-9._/-]+$`)

func runInvalidLabelKey(p *Pass) {
	for _, l := range hlLabels(p.File, nil) {
		why := ""
		k := l.key
		switch {
		case k == "":
			continue
		case !hlKeyCharsRE.MatchString(k):
			why = "use only lower-case letters, digits, '.', '-', '_' and '/'"
		case k[0] < 'a' || k[0] > 'z':
			why = "start with a lower-case letter"
		case !(k[len(k)-1] >= 'a' && k[len(k)-1] <= 'z' || k[len(k)-1] >= '0' && k[len(k)-1] <= '9'):
			why = "end with a lower-case letter or a digit"
		case strings.Contains(k, "..") || strings.Contains(k, "--"):
			why = "do not repeat '.' or '-'"
		case strings.HasPrefix(k, "com.docker.") || strings.HasPrefix(k, "io.docker.") || strings.HasPrefix(k, "org.dockerproject."):
			why = "stay out of the namespaces Docker reserves"
		default:
			continue
		}
		p.Reportf(l.rng, "label key '%s' is not in Docker's format: %s", k, why)
	}
}

// hlSchema reads the schema option: label → type.
func hlSchema(p *Pass) map[string]string {
	v, ok := p.Option("schema")
	if !ok {
		return nil
	}
	out := map[string]string{}
	switch m := v.(type) {
	case map[string]string:
		for k, t := range m {
			out[k] = strings.ToLower(t)
		}
	case map[string]any:
		for k, t := range m {
			out[k] = strings.ToLower(fmt.Sprint(t))
		}
	}
	return out
}

func runRequiredLabelMissing(p *Pass) {
	schema := hlSchema(p)
	final := p.File.FinalStage()
	if len(schema) == 0 || final == nil {
		return
	}
	have := map[string]bool{}
	for _, l := range hlLabels(p.File, hlImageStages(p.File)) {
		have[l.key] = true
	}
	var missing []string
	for k := range schema {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		p.Reportf(final.From.KeywordRange, "the image has no label %s, which the label schema requires", k)
	}
}

func runUnexpectedLabel(p *Pass) {
	schema := hlSchema(p)
	strict, _ := p.Option("strict")
	if len(schema) == 0 || strict != true {
		return
	}
	for _, l := range hlLabels(p.File, nil) {
		if _, ok := schema[l.key]; !ok {
			p.Reportf(l.rng, "label %s is not in the label schema", l.key)
		}
	}
}

func runInvalidLabelValue(p *Pass) {
	schema := hlSchema(p)
	if len(schema) == 0 {
		return
	}
	for _, l := range hlLabels(p.File, nil) {
		typ, ok := schema[l.key]
		if !ok || !l.resolved {
			continue
		}
		alias, want := "", ""
		switch {
		case l.value == "":
			alias, want = "DL3051", "a value"
		case typ == "url" && !hlIsURL(l.value):
			alias, want = "DL3052", "a URL"
		case typ == "rfc3339" && !hlIsRFC3339(l.value):
			alias, want = "DL3053", "an RFC 3339 time such as 2024-06-01T12:00:00Z"
		case typ == "spdx" && !hlIsSPDX(l.value):
			alias, want = "DL3054", "an SPDX license identifier such as Apache-2.0"
		case typ == "hash" && !hlIsGitHash(l.value):
			alias, want = "DL3055", "a git commit hash of 7 or 40 lower-case hex digits"
		case typ == "semver" && !hlSemverRE.MatchString(l.value):
			alias, want = "DL3056", "a semantic version such as 1.4.0"
		case typ == "email" && !hlIsEmail(l.value):
			alias, want = "DL3058", "an e-mail address"
		default:
			continue
		}
		msg := fmt.Sprintf("label %s is '%s', not %s", l.key, l.value, want)
		if l.value == "" {
			msg = fmt.Sprintf("label %s is empty", l.key)
		}
		p.Report(Diagnostic{Alias: alias, Range: l.rng, Message: msg})
	}
}

var hlURLSchemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

func hlIsURL(v string) bool {
	if !hlURLSchemeRE.MatchString(v) || strings.ContainsAny(v, " \t\n") {
		return false
	}
	_, err := url.Parse(v)
	return err == nil
}

func hlIsRFC3339(v string) bool {
	_, err := time.Parse(time.RFC3339Nano, strings.ToUpper(v))
	return err == nil
}

func hlIsGitHash(v string) bool {
	if len(v) != 7 && len(v) != 40 {
		return false
	}
	return strings.Trim(v, "0123456789abcdef") == ""
}

// hlSemverRE is the regular expression of semver.org, version 2.0.0.
var hlSemverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func hlIsEmail(v string) bool {
	a, err := mail.ParseAddress(v)
	return err == nil && a.Name == "" && a.Address == v
}

var (
	hlSPDXOnce sync.Once
	hlSPDXSet  map[string]bool
)

// hlIsSPDX accepts an SPDX license identifier, or an SPDX expression of
// identifiers joined by AND, OR and WITH (with parentheses, "+" suffixes and
// LicenseRef- identifiers).
func hlIsSPDX(v string) bool {
	hlSPDXOnce.Do(func() {
		hlSPDXSet = map[string]bool{}
		for _, id := range strings.Fields(hlSPDXIDs) {
			hlSPDXSet[strings.ToLower(id)] = true
		}
	})
	tokens := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(v))
	if len(tokens) == 0 {
		return false
	}
	depth, wantID, afterWith := 0, true, false
	for _, t := range tokens {
		switch {
		case t == "(" && wantID:
			depth++
		case t == ")" && !wantID && depth > 0:
			depth--
		case (t == "AND" || t == "OR") && !wantID:
			wantID = true
		case t == "WITH" && !wantID:
			wantID, afterWith = true, true
		case wantID && afterWith:
			// an exception identifier
			wantID, afterWith = false, false
		case wantID:
			id := strings.TrimSuffix(t, "+")
			if !hlSPDXSet[strings.ToLower(id)] && !strings.HasPrefix(id, "LicenseRef-") && !strings.HasPrefix(id, "DocumentRef-") {
				return false
			}
			wantID = false
		default:
			return false
		}
	}
	return !wantID && depth == 0
}
