package dockerfile

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Expander is BuildKit's word expander (shell.Lex) with a fast path: a word
// without anything the expander interprets (variables, quotes, the escape
// character, heredoc markers, non-ASCII bytes) is returned as it is, without
// running the lexer. Most words in real Dockerfiles are like that, and the
// lexer allocates a closure map per call. The results are BuildKit's in both
// cases (FuzzExpander checks that they agree). Not safe for concurrent use,
// like shell.Lex.
type Expander struct {
	// SkipUnsetEnv and SkipProcessQuotes are the shell.Lex options of the
	// same names. Options only change how interpreted characters behave, so
	// the fast path stays exact.
	SkipUnsetEnv      bool
	SkipProcessQuotes bool

	escape rune
	lex    *shell.Lex // created on the first word that needs it (it is large)
}

// NewExpander returns an expander for the escape character escape.
func NewExpander(escape rune) *Expander {
	return &Expander{escape: escape}
}

func (e *Expander) lexer() *shell.Lex {
	if e.lex == nil {
		e.lex = shell.NewLex(e.escape)
	}
	e.lex.SkipUnsetEnv = e.SkipUnsetEnv
	e.lex.SkipProcessQuotes = e.SkipProcessQuotes
	return e.lex
}

// Expander returns a new word expander for f's escape character.
func (f *File) Expander() *Expander { return NewExpander(rune(f.Escape)) }

// literal reports whether the lexer would return word unchanged (and split
// it into words like strings.Fields: only ASCII white space separates them).
func (e *Expander) literal(word string) bool {
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case c == '$' || c == '\'' || c == '"' || c == '<' || rune(c) == e.escape:
			return false
		case c == 0 || c >= 0x80:
			return false
		}
	}
	return true
}

// Word is shell.Lex.ProcessWord.
func (e *Expander) Word(word string, env shell.EnvGetter) (string, map[string]struct{}, error) {
	if e.literal(word) {
		return word, nil, nil
	}
	return e.lexer().ProcessWord(word, env)
}

// WordWithMatches is shell.Lex.ProcessWordWithMatches.
func (e *Expander) WordWithMatches(word string, env shell.EnvGetter) (shell.ProcessWordResult, error) {
	if e.literal(word) {
		return shell.ProcessWordResult{Result: word, Words: strings.Fields(word)}, nil
	}
	return e.lexer().ProcessWordWithMatches(word, env)
}

// Words is shell.Lex.ProcessWords.
func (e *Expander) Words(word string, env shell.EnvGetter) ([]string, error) {
	if e.literal(word) {
		return strings.Fields(word), nil
	}
	return e.lexer().ProcessWords(word, env)
}
