package rules

// HealthcheckMissing reports an image without a HEALTHCHECK.
var HealthcheckMissing = register(&Rule{
	ID:           "HealthcheckMissing",
	Aliases:      []string{"DL3057"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "The image has no HEALTHCHECK",
		Description: "Without a HEALTHCHECK, Docker and Swarm know only whether the main process runs, not " +
			"whether it serves: a hung server stays \"running\" and is never restarted or taken out of " +
			"rotation. The check looks at the stages that make up the image (the final stage and the stages " +
			"it is built FROM); `HEALTHCHECK NONE` counts as a deliberate choice. Off by default: Kubernetes " +
			"ignores HEALTHCHECK and uses its own probes.",
		Bad:  "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n",
		Good: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n",
	},
	Run: runHealthcheckMissing,
})

func runHealthcheckMissing(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	for s, n := final, 0; s != nil && n <= len(p.File.Stages); s, n = s.Parent, n+1 {
		for _, in := range s.Instructions {
			if in.Keyword == "healthcheck" {
				return
			}
		}
	}
	p.Reportf(final.From.KeywordRange, "the image defines no HEALTHCHECK, so a hung process is never detected")
}
