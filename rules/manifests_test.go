package rules

import "testing"

// The breadth of a COPY source decides whether the rule speaks at all, so the
// heuristics are pinned here; the testdata shows them in context.
func TestSourceBreadth(t *testing.T) {
	cases := []struct {
		src  string
		want breadth
	}{
		{".", breadthTree},
		{"./", breadthTree},
		{"/", breadthTree},
		{"*", breadthTree},
		{"*.py", breadthTree},
		{"src", breadthTree},
		{"src/", breadthTree},
		{"./app", breadthTree},
		{"services/api/", breadthTree},
		{"react-app", breadthTree},
		{"conf/", breadthSupport},
		{"scripts", breadthSupport},
		{"extra/", breadthSupport},
		{"package.json", breadthFiles},
		{"package*.json", breadthFiles},
		{"requirements*.txt", breadthFiles},
		{"*.csproj", breadthFiles},
		{"src/Api/*.csproj", breadthFiles},
		{"library-scripts/*.sh", breadthFiles},
		{".yarn/", breadthFiles},
		{".yarn/releases", breadthFiles},
		{"gradle/wrapper/", breadthFiles},
		{"Gemfile", breadthFiles},
		{"sshd_config", breadthFiles},
		{"docker-php-source", breadthFiles},
		{"bin/server", breadthFiles},
		{"app.py", breadthFiles},
	}
	for _, c := range cases {
		if got := sourceBreadth(c.src); got != c.want {
			t.Errorf("sourceBreadth(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}
