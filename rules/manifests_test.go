package rules

import (
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

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

func TestMountFieldsMatchesCSV(t *testing.T) {
	for _, v := range []string{"", "type=cache,target=/root/.cache", "a,,b", " type = cache , x", "type=bind,source=\"a,b\"", "x\r\ny", ","} {
		got, gotErr := mountFields(v)
		want, wantErr := csv.NewReader(strings.NewReader(v)).Read()
		if (gotErr == nil) != (wantErr == nil) || (gotErr == nil && !reflect.DeepEqual(got, want)) {
			t.Errorf("mountFields(%q) = %q, %v; csv: %q, %v", v, got, gotErr, want, wantErr)
		}
	}
}

func TestIndexFold(t *testing.T) {
	for _, s := range []string{"", "x", "APT::Get::Assume-Yes", "echo assumeYes = 1", "\x11", "Ünïcode ASSUMEYES", "assumeyesassumeyes"} {
		for _, sub := range []string{"assumeyes", "apt::get::assume-yes", "1", "x", ""} {
			if got, want := indexFold(s, sub), strings.Index(strings.ToLower(s), sub); got != want && !(want >= 0 && got >= 0 && strings.ToLower(s[got:got+len(sub)]) == sub) {
				t.Errorf("indexFold(%q, %q) = %d, want %d", s, sub, got, want)
			}
		}
	}
	for s, want := range map[string]bool{"assumeyes=1": true, "AssumeYes \t= True": true, "assumeyes 1": false, "assumeyes assumeyes=": true, "": false} {
		if assumeYesSetting(s) != want {
			t.Errorf("assumeYesSetting(%q) = %v, want %v", s, !want, want)
		}
	}
}
