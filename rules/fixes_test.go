package rules

import "testing"

func TestPathCovers(t *testing.T) {
	cases := []struct {
		path, dir string
		want      bool
	}{
		{"/var/lib/apt/lists/*", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists/", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists*", "/var/lib/apt/lists", true},
		{"/var/lib/apt", "/var/lib/apt/lists", true},
		{"/var/lib/apt/*", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists/partial", "/var/lib/apt/lists", false},
		{"/var/cache/apt", "/var/lib/apt/lists", false},
		{"/var/lib/apt-lists", "/var/lib/apt/lists", false},
		{"/", "/var/lib/apt/lists", false},
		{"", "/var/lib/apt/lists", false},
		{"/root/.cache/pip", "~/.cache/pip", true},
		{"/root/.cache", "~/.cache/pip", true},
		{"~/.cache/pip/*", "~/.cache/pip", true},
		{"${HOME}/.cache", "~/.cache/pip", true},
		{"/home/app/.cache/pip", "~/.cache/pip", true},
		{"/opt/cache/.cache/pip", "~/.cache/pip", true},
		{"/root/.npm", "~/.cache/pip", false},
		{"/root/.cache/yarn", "~/.cache/pip", false},
		{"/tmp/pip", "~/.cache/pip", false},
		{"/root", "~/.npm", true},
		{"/root/.npm/_cacache", "~/.npm", false},
	}
	for _, c := range cases {
		if got := pathCovers(c.path, c.dir); got != c.want {
			t.Errorf("pathCovers(%q, %q) = %v, want %v", c.path, c.dir, got, c.want)
		}
	}
}

func TestAndChain(t *testing.T) {
	cases := map[string]bool{
		"apt-get install -y curl":              true,
		"apt-get install -y curl && rm -rf /x": true,
		"a | b && c":                           true,
		"a && (b || c)":                        true,
		"apt-get install -y curl || true":      false,
		"a && b || c":                          false,
		"apt-get install -y curl; rm -rf /x":   false,
		"a &":                                  false,
		"if true; then apt-get install -y curl; fi && x": true,
	}
	for script, want := range cases {
		if got := andChain(script); got != want {
			t.Errorf("andChain(%q) = %v, want %v", script, got, want)
		}
	}
}
