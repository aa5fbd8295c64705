package rules

// ParseError reports what BuildKit's parser rejects. The rest of the file is
// still checked: the model recovers past each error.
var ParseError = register(&Rule{
	ID:       "ParseError",
	Aliases:  []string{"DL1000"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title:       "The Dockerfile does not parse",
		Description: "BuildKit rejects this text, so `docker build` fails before running any step. layerlint reports the error where BuildKit locates it and keeps checking the instructions it can still read.",
		Bad:         "FROM alpine\nRUN <<EOF\necho never terminated\n",
		Good:        "FROM alpine\nRUN <<EOF\necho terminated\nEOF\n",
	},
	Run: runParseError,
})

func runParseError(p *Pass) {
	for _, e := range p.File.Errors {
		// an invalid ONBUILD trigger is reported by its own rule (DL3043)
		if in := p.File.InstructionAt(e.Range.Start); in != nil && in.Onbuild != nil {
			switch in.Onbuild.Keyword {
			case "onbuild", "from", "maintainer":
				continue
			}
		}
		p.Report(Diagnostic{Range: e.Range, Message: lowerFirst(e.Message)})
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'A' && s[0] <= 'Z' && (len(s) == 1 || !(s[1] >= 'A' && s[1] <= 'Z')) {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
