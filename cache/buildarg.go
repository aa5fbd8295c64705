package cache

import (
	"fmt"
	"strings"
	"unicode"
)

// ParseBuildArg reads one --build-arg value as docker build does: NAME=VALUE
// (the value may be empty and may hold further '='), or NAME alone, which
// takes the value of the environment variable NAME through lookup and is
// left unset (set=false) when lookup finds nothing or is nil. The name must
// be non-empty and hold no white space.
func ParseBuildArg(s string, lookup func(string) (string, bool)) (name, value string, set bool, err error) {
	name, value, hasValue := strings.Cut(s, "=")
	if name == "" {
		return "", "", false, fmt.Errorf("build arg %q has no name (want NAME=VALUE)", s)
	}
	if i := strings.IndexFunc(name, unicode.IsSpace); i >= 0 {
		return "", "", false, fmt.Errorf("build arg name %q holds white space", name)
	}
	if hasValue {
		return name, value, true, nil
	}
	if lookup != nil {
		if v, ok := lookup(name); ok {
			return name, v, true, nil
		}
	}
	return name, "", false, nil
}
