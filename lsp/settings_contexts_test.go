package lsp

import (
	"encoding/json"
	"testing"
)

func TestOrderedContexts(t *testing.T) {
	m, err := orderedContexts(json.RawMessage(`{"services/*/Dockerfile": "services", "Dockerfile": ".", "**/*.Dockerfile": "/abs"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []ctxMapping{{"services/*/Dockerfile", "services"}, {"Dockerfile", "."}, {"**/*.Dockerfile", "/abs"}}
	if len(m) != len(want) {
		t.Fatalf("got %+v", m)
	}
	for i := range want {
		if m[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v (order must be kept)", i, m[i], want[i])
		}
	}
	for _, bad := range []string{`["a"]`, `{"a": 1}`, `{"a": "b"`} {
		if _, err := orderedContexts(json.RawMessage(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestContextsSetting(t *testing.T) {
	c, problems := parseSettings(json.RawMessage(`{"contexts": {"app/Dockerfile": "."}}`))
	if len(problems) != 0 || len(c.contexts) != 1 || c.contexts[0].dir != "." {
		t.Errorf("contexts setting: %+v %v", c.contexts, problems)
	}
	if _, problems := parseSettings(json.RawMessage(`{"contexts": ["x"]}`)); len(problems) == 0 {
		t.Error("a contexts array is not reported")
	}
}
