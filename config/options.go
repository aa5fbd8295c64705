package config

import "github.com/layerlint/layerlint/rules"

// setOptions hands a rule's options to the engine (rules.Config.Options).
func setOptions(cfg *rules.Config, id string, opts map[string]any) {
	if cfg.Options == nil {
		cfg.Options = map[string]map[string]any{}
	}
	cfg.Options[id] = opts
}
