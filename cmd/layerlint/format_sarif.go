package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// SARIF 2.1.0 (OASIS), the format GitHub code scanning and other dashboards
// import. One run; tool.driver.rules describes every rule that has a result,
// sorted by ID; results keep the report's order. Regions use 1-based lines
// and 1-based columns counted in Unicode code points, which the run declares
// with columnKind; endColumn is exclusive, as SARIF defines it. Relative
// paths are URIs relative to %SRCROOT% (the directory layerlint ran in).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string           `json:"id"`
		ShortDescription     *sarifText       `json:"shortDescription,omitempty"`
		FullDescription      *sarifText       `json:"fullDescription,omitempty"`
		Help                 *sarifHelp       `json:"help,omitempty"`
		HelpURI              string           `json:"helpUri,omitempty"`
		DefaultConfiguration *sarifRuleConfig `json:"defaultConfiguration,omitempty"`
		Properties           *sarifRuleProps  `json:"properties,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifRuleConfig struct {
		Enabled bool   `json:"enabled"`
		Level   string `json:"level"`
	}
	sarifRuleProps struct {
		Tags    []string `json:"tags,omitempty"`
		Aliases []string `json:"aliases,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
)

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifSrcRoot = "%SRCROOT%"
	toolURI      = "https://github.com/layerlint/layerlint"
)

// lookupRule finds a rule's metadata for the SARIF rule table; tests replace
// it to keep golden files independent of the catalog's wording.
var lookupRule = defaultLookupRule

var defaultLookupRule = rules.Lookup

func writeSARIF(w io.Writer, results []result) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "layerlint",
			InformationURI: toolURI,
			Version:        sarifVersion(versionString()),
			Rules:          []sarifRule{},
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	// The rule table: every rule with a result, by ID.
	index := map[string]int{}
	var ids []string
	for _, r := range results {
		for _, d := range r.diags {
			if _, ok := index[d.Rule]; !ok {
				index[d.Rule] = 0
				ids = append(ids, d.Rule)
			}
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		index[id] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(id))
	}
	fps := fingerprints(results)
	others := otherTexts{}
	for ri, r := range results {
		loc := sarifArtifactFor(r.path)
		for di, d := range r.diags {
			res := sarifResult{
				RuleID:              d.Rule,
				RuleIndex:           index[d.Rule],
				Level:               sarifLevel(d.Severity),
				Message:             sarifText{Text: d.Message},
				Locations:           []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc, Region: sarifRegionOf(r.file, d.Range)}}},
				PartialFingerprints: map[string]string{"layerlint/v1": fps[ri][di]},
			}
			for i, rel := range d.Related {
				id := i + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
					ID:               &id,
					PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc, Region: sarifRegionOf(r.file, rel.Range)},
					Message:          &sarifText{Text: rel.Message},
				})
			}
			for _, fx := range d.Fixes {
				if sf, ok := sarifFixOf(r, loc, fx, others); ok {
					res.Fixes = append(res.Fixes, sf)
				}
			}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifFixOf converts a fix of r's Dockerfile, whose artifact is loc: one
// artifactChange per file it edits, in the order the edits first name them,
// each file named as r names its Dockerfile. A file to create is an empty
// artifact: its content is inserted at line 1, column 1. ok is false for a
// fix without edits, which SARIF cannot express.
func sarifFixOf(r result, loc sarifArtifact, fx rules.Fix, others otherTexts) (sarifFix, bool) {
	sf := sarifFix{Description: sarifText{Text: fx.Title}}
	change := map[string]int{} // rules.Edit.File → index in ArtifactChanges
	for _, e := range fx.Edits {
		i, ok := change[e.File]
		if !ok {
			i = len(sf.ArtifactChanges)
			change[e.File] = i
			at := loc
			if e.File != "" {
				at = sarifArtifactFor(otherFileName(r.path, e.File))
			}
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: at, Replacements: []sarifReplacement{}})
		}
		rep := sarifReplacement{DeletedRegion: sarifRegionOf(r.file, e.Range)}
		if e.File != "" {
			rep.DeletedRegion = sarifRegionIn(others.of(e), e.Range)
		}
		if e.NewText != "" {
			rep.InsertedContent = &sarifText{Text: e.NewText}
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
	}
	return sf, len(sf.ArtifactChanges) > 0
}

// sarifVersion makes the version start with a number, as SARIF consumers
// compare versions: "v1.2.3" is "1.2.3", and "dev" (a build without a
// version) is "0.0.0-dev".
func sarifVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return "0.0.0-" + v
	}
	return v
}

// sarifRuleFor describes a rule from its documentation.
func sarifRuleFor(id string) sarifRule {
	r, ok := lookupRule(id)
	if !ok {
		return sarifRule{ID: id}
	}
	sr := sarifRule{
		ID:                   r.ID,
		HelpURI:              r.URL(),
		DefaultConfiguration: &sarifRuleConfig{Enabled: !r.OffByDefault, Level: sarifLevel(r.Severity)},
		Properties:           &sarifRuleProps{Tags: []string{string(r.Category)}, Aliases: r.Aliases},
	}
	if r.Doc.Title != "" {
		sr.ShortDescription = &sarifText{Text: r.Doc.Title}
	}
	if r.Doc.Description != "" {
		sr.FullDescription = &sarifText{Text: r.Doc.Description}
	}
	text, md := r.Doc.Description, r.Doc.Description
	if r.Doc.Bad != "" {
		text += "\n\nBad:\n" + strings.TrimRight(r.Doc.Bad, "\n")
		md += "\n\nBad:\n\n```dockerfile\n" + strings.TrimRight(r.Doc.Bad, "\n") + "\n```"
	}
	if r.Doc.Good != "" {
		text += "\n\nGood:\n" + strings.TrimRight(r.Doc.Good, "\n")
		md += "\n\nGood:\n\n```dockerfile\n" + strings.TrimRight(r.Doc.Good, "\n") + "\n```"
	}
	if text != "" {
		sr.Help = &sarifHelp{Text: text, Markdown: md}
	}
	return sr
}

// sarifLevel maps severities onto SARIF's levels: info and hint are notes.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	}
	return "note"
}

// sarifArtifactFor turns a report path into a URI: a relative reference
// from %SRCROOT% for relative paths, a file URI for absolute ones.
func sarifArtifactFor(p string) sarifArtifact {
	slash := filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // a Windows drive path
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: slash}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: slash}).String(), URIBaseID: sarifSrcRoot}
}

func sarifRegionOf(f *dockerfile.File, rng dockerfile.Range) sarifRegion {
	start, end := f.Position(rng.Start), f.Position(rng.End)
	return sarifRegion{
		StartLine:   start.Line,
		StartColumn: f.RuneColumn(rng.Start),
		EndLine:     end.Line,
		EndColumn:   f.RuneColumn(rng.End),
	}
}

// sarifRegionIn is sarifRegionOf for a file other than the Dockerfile.
func sarifRegionIn(t *textLines, rng dockerfile.Range) sarifRegion {
	var reg sarifRegion
	reg.StartLine, reg.StartColumn = t.position(rng.Start)
	reg.EndLine, reg.EndColumn = t.position(rng.End)
	return reg
}
