package config

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// YAML is read with github.com/goccy/go-yaml's parser into its syntax tree,
// which carries the line and column of every token, syntax errors included,
// and converted here into node: the few shapes a configuration file has
// (scalars, mappings, lists), with aliases already resolved. The rest of the
// package sees only node, so the parser could be swapped in one file.

type nodeKind int

const (
	scalarNode nodeKind = iota + 1
	mappingNode
	sequenceNode
)

// node is one YAML value with its position (1-based line and column).
type node struct {
	Kind         nodeKind
	Tag          string // scalars: "!!str", "!!int", "!!float", "!!bool", "!!null" or "!!merge"
	Value        string // scalars: the text, unquoted
	Line, Column int
	// Content holds a mapping's keys and values alternately, or a list's items.
	Content []*node
	val     any // scalars: the decoded value
}

func (n *node) ShortTag() string { return n.Tag }

// decodeYAML parses data into its document's root node; nil for a file that
// holds no document (empty, or only comments).
func decodeYAML(path string, data []byte) (*node, error) {
	// Duplicate keys are reported by pairs, with the key path.
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return nil, ErrorList{syntaxError(path, err)}
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	c := &converter{path: path, anchors: map[string]*node{}}
	if len(docs) > 1 {
		second := c.convert(docs[1].Body)
		return nil, ErrorList{{Path: path, Line: second.Line, Column: second.Column, Msg: "more than one YAML document; a configuration file holds one"}}
	}
	n := c.convert(docs[0].Body)
	if c.err != nil {
		return nil, ErrorList{c.err}
	}
	return n, nil
}

func syntaxError(path string, err error) *Error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		msg := strings.NewReplacer("\t", `\t`, "\r", `\r`, "\n", `\n`).Replace(ye.GetMessage())
		return &Error{Path: path, Line: p.Line, Column: p.Column, Msg: "invalid YAML: " + msg}
	}
	return &Error{Path: path, Msg: "invalid YAML: " + err.Error()}
}

// converter turns the parser's tree into nodes, resolving aliases.
type converter struct {
	path    string
	anchors map[string]*node
	err     *Error
}

func (c *converter) fail(t ast.Node, msg string) *node {
	p := t.GetToken().Position
	if c.err == nil {
		c.err = &Error{Path: c.path, Line: p.Line, Column: p.Column, Msg: msg}
	}
	return &node{Kind: scalarNode, Tag: "!!null", Line: p.Line, Column: p.Column}
}

func (c *converter) scalar(t ast.Node, tag, value string, val any) *node {
	p := t.GetToken().Position
	return &node{Kind: scalarNode, Tag: tag, Value: value, Line: p.Line, Column: p.Column, val: val}
}

func (c *converter) convert(t ast.Node) *node {
	switch t := t.(type) {
	case *ast.NullNode:
		return c.scalar(t, "!!null", "", nil)
	case *ast.StringNode:
		return c.scalar(t, "!!str", t.Value, t.Value)
	case *ast.LiteralNode:
		return c.scalar(t, "!!str", t.Value.Value, t.Value.Value)
	case *ast.BoolNode:
		return c.scalar(t, "!!bool", t.GetToken().Value, t.Value)
	case *ast.IntegerNode:
		return c.scalar(t, "!!int", t.GetToken().Value, t.Value)
	case *ast.FloatNode:
		return c.scalar(t, "!!float", t.GetToken().Value, t.Value)
	case *ast.InfinityNode:
		return c.scalar(t, "!!float", t.GetToken().Value, t.Value)
	case *ast.NanNode:
		return c.scalar(t, "!!float", t.GetToken().Value, t.GetValue())
	case *ast.MergeKeyNode:
		return c.scalar(t, "!!merge", "<<", nil)
	case *ast.MappingNode:
		var at ast.Node = t
		if !t.IsFlowStyle && len(t.Values) > 0 {
			at = t.Values[0].Key // a block mapping starts at its first key
		}
		n := c.container(at, mappingNode)
		for _, mv := range t.Values {
			n.Content = append(n.Content, c.convert(mv.Key), c.convert(mv.Value))
		}
		return n
	case *ast.MappingValueNode:
		// A mapping with a single entry.
		n := c.container(t.Key, mappingNode)
		n.Content = append(n.Content, c.convert(t.Key), c.convert(t.Value))
		return n
	case *ast.MappingKeyNode:
		return c.convert(t.Value) // "? key"
	case *ast.SequenceNode:
		n := c.container(t, sequenceNode)
		for _, v := range t.Values {
			n.Content = append(n.Content, c.convert(v))
		}
		return n
	case *ast.AnchorNode:
		n := c.convert(t.Value)
		c.anchors[t.Name.GetToken().Value] = n
		return n
	case *ast.AliasNode:
		name := t.Value.GetToken().Value
		n, ok := c.anchors[name]
		if !ok {
			return c.fail(t, fmt.Sprintf("invalid YAML: unknown alias %q", name))
		}
		return n
	case *ast.TagNode:
		n := c.convert(t.Value)
		if t.Start.Value == "!!str" && n.Kind == scalarNode {
			cp := *n
			cp.Tag, cp.val = "!!str", cp.Value
			return &cp
		}
		return n
	case nil:
		return &node{Kind: scalarNode, Tag: "!!null"}
	}
	return c.fail(t, fmt.Sprintf("invalid YAML: unsupported %s", t.Type()))
}

// container makes an empty mapping or list positioned at t.
func (c *converter) container(t ast.Node, k nodeKind) *node {
	p := t.GetToken().Position
	return &node{Kind: k, Line: p.Line, Column: p.Column}
}

// reader walks a YAML tree and collects errors with their positions.
type reader struct {
	path string
	errs ErrorList
}

func (r *reader) errorf(n *node, format string, args ...any) {
	r.errs = append(r.errs, &Error{Path: r.path, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// sorted returns the errors in file order.
func (r *reader) sorted() ErrorList {
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i], r.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return r.errs
}

// describe names a node's type for "want X, got Y" messages.
func describe(n *node) string {
	switch n.Kind {
	case mappingNode:
		return "a mapping"
	case sequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!str":
		return fmt.Sprintf("the string %q", n.Value)
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	case "!!null":
		return "nothing (null)"
	}
	return fmt.Sprintf("%s %q", n.Tag, n.Value)
}

// pair is one key and value of a mapping.
type pair struct {
	key   string
	k, v  *node
	where string // the dotted key path, for messages
}

// pairs returns the entries of a mapping, reporting a node that is not a
// mapping, keys that are not strings, duplicate keys and merge keys. prefix
// is the dotted path of the mapping itself ("" at the top). Null counts as
// an empty mapping ("rules:" with nothing under it).
func (r *reader) pairs(n *node, prefix string) []pair {
	if n.Kind != mappingNode {
		if n.Tag != "!!null" {
			r.errorf(n, "%swant a mapping, got %s", label(prefix), describe(n))
		}
		return nil
	}
	var out []pair
	seen := map[string]*node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			r.errorf(k, "%smerge keys (<<) are not supported", label(prefix))
			continue
		}
		if k.Kind != scalarNode || k.Tag == "!!null" {
			r.errorf(k, "%swant a name as key, got %s", label(prefix), describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			r.errorf(k, "%sduplicate key %q (first at line %d)", label(prefix), k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		where := k.Value
		if prefix != "" {
			where = prefix + "." + k.Value
		}
		out = append(out, pair{key: k.Value, k: k, v: v, where: where})
	}
	return out
}

// label turns a key path into a message prefix: "rules.X: ".
func label(where string) string {
	if where == "" {
		return ""
	}
	return where + ": "
}

// str reads a string scalar.
func (r *reader) str(n *node, where string) (string, bool) {
	if n.Kind != scalarNode || n.Tag != "!!str" {
		r.errorf(n, "%swant a string, got %s", label(where), describe(n))
		return "", false
	}
	return n.Value, true
}

// boolean reads true or false. YAML 1.1's yes/no/on/off are strings in YAML
// 1.2: they are rejected rather than guessed at.
func (r *reader) boolean(n *node, where string) (bool, bool) {
	if n.Kind != scalarNode || n.Tag != "!!bool" {
		r.errorf(n, "%swant true or false, got %s", label(where), describe(n))
		return false, false
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	if err != nil {
		r.errorf(n, "%swant true or false, got %s", label(where), describe(n))
		return false, false
	}
	return b, true
}

// strList reads a list of strings; with single set, one string counts as a
// list of one. Null is an empty list.
func (r *reader) strList(n *node, where string, single bool) ([]string, bool) {
	if single && n.Kind == scalarNode && n.Tag == "!!str" {
		return []string{n.Value}, true
	}
	if n.Kind != sequenceNode {
		if n.Tag == "!!null" {
			return []string{}, true
		}
		want := "a list of strings"
		if single {
			want = "a string or a list of strings"
		}
		r.errorf(n, "%swant %s, got %s", label(where), want, describe(n))
		return nil, false
	}
	out := []string{}
	ok := true
	for _, item := range n.Content {
		s, good := r.str(item, where)
		if !good {
			ok = false
			continue
		}
		out = append(out, s)
	}
	return out, ok
}

// value converts any YAML value into Go values: string, int64 or uint64,
// float64, bool, nil, []any and map[string]any.
func (r *reader) value(n *node, where string) (any, bool) {
	switch n.Kind {
	case mappingNode:
		m := map[string]any{}
		ok := true
		for _, p := range r.pairs(n, where) {
			v, good := r.value(p.v, p.where)
			ok = ok && good
			m[p.key] = v
		}
		return m, ok
	case sequenceNode:
		l := make([]any, 0, len(n.Content))
		ok := true
		for _, c := range n.Content {
			v, good := r.value(c, where)
			ok = ok && good
			l = append(l, v)
		}
		return l, ok
	}
	return n.val, true
}

// itemNode returns the i-th item of a list node, or the node itself when it
// is a single scalar standing for a list of one.
func itemNode(n *node, i int) *node {
	if n.Kind == sequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}
