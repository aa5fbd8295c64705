package dockerfile

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// locate fills KeywordRange, Flags, ArgsRange and Args of in from its logical line.
func (f *File) locate(in *Instruction) {
	in.Keyword = strings.ToLower(in.Node.Value)
	ll := in.logical
	if ll == nil {
		// fallback: whole lines, keyword at the start
		in.KeywordRange = Range{in.Range.Start, in.Range.Start + len(in.Node.Value)}
		if in.KeywordRange.End > in.Range.End {
			in.KeywordRange.End = in.Range.End
		}
		in.ArgsRange = Range{in.KeywordRange.End, in.Range.End}
		return
	}
	f.locateIn(in, ll, 0)
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// locateIn tokenizes ll.text starting at logical offset base.
func (f *File) locateIn(in *Instruction, ll *logicalLine, base int) {
	text := ll.text
	p := base
	for p < len(text) && isWS(text[p]) {
		p++
	}
	ks := p
	for p < len(text) && !isWS(text[p]) {
		p++
	}
	in.KeywordRange = ll.rng(ks, p)
	if in.Keyword == "" {
		in.Keyword = strings.ToLower(string(text[ks:p]))
	}
	for p < len(text) && isWS(text[p]) {
		p++
	}
	argStart := f.locateFlags(in, ll, p)
	end := len(text)
	for end > argStart && unicode.IsSpace(rune(text[end-1])) {
		end--
	}
	for argStart < end && unicode.IsSpace(rune(text[argStart])) {
		argStart++
	}
	in.ArgsRange = ll.rng(argStart, end)
	if argStart >= end {
		in.ArgsRange = Range{ll.src(end), ll.src(end)}
		if in.KeywordRange.End > in.ArgsRange.Start {
			in.ArgsRange = Range{in.KeywordRange.End, in.KeywordRange.End}
		}
	}
	args := string(text[argStart:end])
	node := in.Node

	switch {
	case in.Keyword == "healthcheck":
		// HEALTHCHECK [flags] CMD <command> | NONE
		words := shellWords(ll, argStart, end, f.Escape)
		if len(words) == 0 {
			return
		}
		in.Args = words[:1]
		rest := ll.logicalOf(words[0].Range.End)
		for rest < end && unicode.IsSpace(rune(text[rest])) {
			rest++
		}
		if rest >= end {
			return
		}
		if node.Attributes["json"] {
			in.JSONForm = true
			in.Args = append(in.Args, jsonArgs(ll, rest, end)...)
		} else {
			in.Args = append(in.Args, Arg{Raw: string(text[rest:end]), Value: string(text[rest:end]), Range: ll.rng(rest, end)})
		}
	case node.Attributes["json"]:
		in.JSONForm = true
		in.Args = jsonArgs(ll, argStart, end)
	case in.Keyword == "run" || in.Keyword == "cmd" || in.Keyword == "entrypoint" ||
		in.Keyword == "shell" || in.Keyword == "maintainer" || in.Keyword == "user" ||
		in.Keyword == "workdir" || in.Keyword == "stopsignal":
		if args != "" {
			in.Args = []Arg{{Raw: args, Value: args, Range: in.ArgsRange}}
		}
	case in.Keyword == "onbuild":
		if node.Next != nil && len(node.Next.Children) == 1 {
			sub := &Instruction{
				Index:     in.Index,
				Node:      node.Next.Children[0],
				StartLine: in.StartLine,
				EndLine:   in.EndLine,
				logical:   ll,
				Stage:     in.Stage,
			}
			sub.Keyword = strings.ToLower(sub.Node.Value)
			f.locateIn(sub, ll, argStart)
			sub.Range = Range{sub.KeywordRange.Start, in.Range.End}
			in.Onbuild = sub
		}
		if args != "" {
			in.Args = []Arg{{Raw: args, Value: args, Range: in.ArgsRange}}
		}
	default:
		in.Args = shellWords(ll, argStart, end, f.Escape)
	}
}

// locateFlags mirrors BuildKit's extractBuilderFlags, recording each flag's
// position, and returns the logical offset where the arguments start.
func (f *File) locateFlags(in *Instruction, ll *logicalLine, p int) int {
	text := ll.text
	esc := f.Escape
	for {
		for p < len(text) && unicode.IsSpace(rune(text[p])) {
			p++
		}
		if p+1 >= len(text) || text[p] != '-' || text[p+1] != '-' {
			return p
		}
		ws := p
		var quote byte
		var val strings.Builder
		for p < len(text) {
			c := text[p]
			if quote == 0 {
				if unicode.IsSpace(rune(c)) {
					break
				}
				if c == '\'' || c == '"' {
					quote = c
					p++
					continue
				}
				if c == esc {
					if p+1 < len(text) {
						p++
						val.WriteByte(text[p])
					}
					p++
					continue
				}
				val.WriteByte(c)
				p++
				continue
			}
			if c == quote {
				quote = 0
				p++
				continue
			}
			if c == esc && p+1 < len(text) {
				p++
			}
			val.WriteByte(text[p])
			p++
		}
		word := val.String()
		if word == "--" {
			return p
		}
		raw := string(text[ws:p])
		fl := Flag{Range: ll.rng(ws, p)}
		name := strings.TrimPrefix(word, "--")
		if i := strings.IndexByte(name, '='); i >= 0 {
			fl.Name, fl.Value, fl.HasValue = name[:i], name[i+1:], true
			if j := strings.IndexByte(raw, '='); j >= 0 {
				fl.ValueRange = ll.rng(ws+j+1, p)
			}
		} else {
			fl.Name = name
			fl.ValueRange = Range{fl.Range.End, fl.Range.End}
		}
		in.Flags = append(in.Flags, fl)
	}
}

// shellWords splits text[start:end] into whitespace-separated words the way
// BuildKit's parseWords does, keeping each word's position.
func shellWords(ll *logicalLine, start, end int, esc byte) []Arg {
	text := ll.text
	var out []Arg
	var lt string // the logical line as a string, made on first use; Raw values share it
	p := start
	for p < end {
		r, w := utf8.DecodeRune(text[p:end])
		if unicode.IsSpace(r) {
			p += w
			continue
		}
		ws := p
		var quote byte
		var val []byte
		plain := true // no quote or escape so far: the value is the raw text
		for p < end {
			r, w = utf8.DecodeRune(text[p:end])
			c := text[p]
			if quote == 0 {
				if unicode.IsSpace(r) {
					break
				}
				if c == '\'' || c == '"' {
					if plain {
						val, plain = append(val, text[ws:p]...), false
					}
					quote = c
					p++
					continue
				}
				if c == esc && p+1 < end {
					if plain {
						val, plain = append(val, text[ws:p]...), false
					}
					p++
					r, w = utf8.DecodeRune(text[p:end])
				}
				if !plain {
					val = append(val, text[p:p+w]...)
				}
				p += w
				continue
			}
			if c == quote {
				quote = 0
				p++
				continue
			}
			if c == esc && quote != '\'' && p+1 < end {
				p++
				r, w = utf8.DecodeRune(text[p:end])
			}
			val = append(val, text[p:p+w]...)
			p += w
		}
		if lt == "" {
			lt = string(text)
		}
		a := Arg{Raw: lt[ws:p], Range: ll.rng(ws, p)}
		if plain {
			a.Value = a.Raw
		} else {
			a.Value = string(val)
		}
		out = append(out, a)
	}
	return out
}

// jsonArgs locates the string elements of a JSON array in text[start:end].
func jsonArgs(ll *logicalLine, start, end int) []Arg {
	text := ll.text
	var out []Arg
	p := start
	for p < end {
		c := text[p]
		if c != '"' {
			p++
			continue
		}
		s := p
		p++
		for p < end && text[p] != '"' {
			if text[p] == '\\' {
				p++
			}
			p++
		}
		if p < end {
			p++
		}
		raw := string(text[s:p])
		var v string
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			v = strings.Trim(raw, `"`)
		}
		out = append(out, Arg{Raw: raw, Value: v, Range: ll.rng(s, p)})
	}
	return out
}
