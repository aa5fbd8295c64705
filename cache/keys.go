package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// Identity is what a key records of one context entry besides its path: for
// ContentIdentity its type, permission bits and content digest (or link
// target). Modification times must not enter it.
type Identity func(e ctxscan.Entry) string

// Fingerprint holds the cache key of every step of a plan.
type Fingerprint struct {
	Plan *Plan
	Keys map[*Step]string // hex SHA-256

	files map[*Step][]fileID // what each step's key read, for explaining a difference
}

type fileID struct{ path, id string }

// Fingerprint computes the keys of the plan with the real content of the
// context (ContentIdentity).
func (p *Plan) Fingerprint() (*Fingerprint, error) {
	id, err := ContentIdentity(p.Context, p.contextPaths())
	if err != nil {
		return nil, err
	}
	return p.Keys(id), nil
}

// contextPaths lists every path a step of the plan brings.
func (p *Plan) contextPaths() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range p.Stages {
		for _, st := range s.Steps {
			for _, inp := range st.Inputs {
				for _, e := range inp.Entries {
					if !seen[e.Path] {
						seen[e.Path] = true
						out = append(out, e.Path)
					}
				}
			}
		}
	}
	return out
}

// Keys computes the key of every step, recording id(e) for each context
// entry a step brings.
func (p *Plan) Keys(id Identity) *Fingerprint {
	fp := &Fingerprint{Plan: p, Keys: map[*Step]string{}, files: map[*Step][]fileID{}}
	result := map[*Stage]string{}
	for _, s := range p.Stages {
		parent := ""
		for i, st := range s.Steps {
			h := sha256.New()
			fmt.Fprintf(h, "parent %s\x00", parent)
			if i == 0 && s.Base != nil {
				fmt.Fprintf(h, "base %s\x00", result[s.Base])
			}
			h.Write([]byte(staticKey(st)))
			var files []fileID
			for _, inp := range st.Inputs {
				fmt.Fprintf(h, "\x00input %q notfound=%v missing=%q", inp.Source, inp.NotFound, inp.Missing)
				for _, e := range inp.Entries {
					f := fileID{e.Path, id(e)}
					fmt.Fprintf(h, "\x00%s\x00%s", f.path, f.id)
					files = append(files, f)
				}
			}
			for _, r := range st.Reads {
				fmt.Fprintf(h, "\x00reads %s", result[r])
			}
			k := hex.EncodeToString(h.Sum(nil))
			fp.Keys[st] = k
			fp.files[st] = files
			parent = k
		}
		result[s] = parent
	}
	return fp
}

// ContentIdentity returns the Identity BuildKit's content checksum stands
// for: type and permission bits, plus the content digest of a regular file
// or the target of a symlink. It reads and hashes the regular files among
// paths up front (through the context's digest cache, so unchanged files
// are not hashed twice by a long-lived process); entries it cannot read get
// an identity that names the error.
func ContentIdentity(c *ctxscan.Context, paths []string) (Identity, error) {
	if c == nil {
		return func(ctxscan.Entry) string { return "" }, nil
	}
	digests, err := c.Digests(paths)
	if err != nil {
		return nil, err
	}
	return func(e ctxscan.Entry) string {
		fi, err := c.FS.Lstat(e.Path)
		if err != nil {
			return "unreadable"
		}
		mode := fi.Mode()
		id := fmt.Sprintf("%v", mode.Type()|mode.Perm())
		switch {
		case e.IsRegular():
			id += " " + digests[e.Path]
		case e.Type&fs.ModeSymlink != 0:
			if rl, ok := c.FS.(fs.ReadLinkFS); ok {
				if t, err := rl.ReadLink(e.Path); err == nil {
					id += " -> " + t
				}
			}
		}
		return id
	}, nil
}

// Compare returns what rebuilding with the state of next reruns when the
// cache holds the build of prev. The two plans may come from different
// versions of the Dockerfile: stages are matched by name (by position when
// unnamed) and steps by position; a stage or step prev lacks reruns.
func Compare(prev, next *Fingerprint) *Result {
	type pos struct {
		stage string
		step  int
	}
	old := map[pos]*Step{}
	for _, s := range prev.Plan.Stages {
		for _, st := range s.Steps {
			old[pos{stageID(s), st.Index}] = st
		}
	}
	return next.Plan.propagate(func(st *Step) Cause {
		o := old[pos{stageID(st.Stage), st.Index}]
		if o == nil {
			return Cause{Text: true}
		}
		if prev.Keys[o] == next.Keys[st] {
			return Cause{}
		}
		// explain what propagate does not (the stages read or built on)
		var c Cause
		if staticKey(o) != staticKey(st) {
			c.Text = true
		}
		c.Files = diffFiles(prev.files[o], next.files[st])
		if c.empty() && !stagesChanged(prev, next, st) {
			c.Text = true // something else of the key: a source now missing, say
		}
		return c
	})
}

// stagesChanged reports whether a stage that st reads or builds on has a
// different result in next.
func stagesChanged(prev, next *Fingerprint, st *Step) bool {
	deps := append([]*Stage(nil), st.Reads...)
	if st.Index == 0 && st.Stage.Base != nil {
		deps = append(deps, st.Stage.Base)
	}
	for _, d := range deps {
		o := prev.Plan.stageByID(stageID(d))
		if o == nil || prev.Keys[o.Steps[len(o.Steps)-1]] != next.Keys[d.Steps[len(d.Steps)-1]] {
			return true
		}
	}
	return false
}

// diffFiles lists the paths whose identity differs, or that only one side has.
func diffFiles(a, b []fileID) []string {
	am := make(map[string]string, len(a))
	for _, f := range a {
		am[f.path] = f.id
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range b {
		seen[f.path] = true
		if id, ok := am[f.path]; !ok || id != f.id {
			out = append(out, f.path)
		}
	}
	for _, f := range a {
		if !seen[f.path] {
			out = append(out, f.path)
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

// stageID matches stages across versions of a Dockerfile: the name when
// there is one, else the position among the unnamed stages (so that adding
// a named stage does not shift them).
func stageID(s *Stage) string {
	if s.Model.Name != "" {
		return "name " + strings.ToLower(s.Model.Name)
	}
	return fmt.Sprintf("unnamed %d", s.unnamed)
}

func (p *Plan) stageByID(id string) *Stage {
	for _, s := range p.Stages {
		if stageID(s) == id {
			return s
		}
	}
	return nil
}
