package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CopyArchiveThenExtract reports a local archive copied into the image and
// unpacked by a later RUN of the same stage.
var CopyArchiveThenExtract = register(&Rule{
	ID:       "CopyArchiveThenExtract",
	Aliases:  []string{"DL3010"},
	Category: CategorySize,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "A local archive is copied, then unpacked by a RUN",
		Description: "`COPY app.tar.gz /tmp/` followed by `RUN tar -xzf /tmp/app.tar.gz` stores the archive " +
			"in the COPY's layer: deleting it in the RUN does not take those bytes out of the image, which " +
			"carries the archive and its contents. `ADD app.tar.gz /opt/` unpacks a local tar archive " +
			"(plain or gzip, bzip2, xz compressed) in one layer, without keeping the archive. Zip files are " +
			"not unpacked by ADD and not reported.",
		Bad:  "FROM debian:bookworm-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n",
		Good: "FROM debian:bookworm-slim\nADD app.tar.gz /opt/\n",
	},
	Run: runCopyArchiveThenExtract,
})

var hlExtractors = map[string]bool{"unzip": true, "gunzip": true, "bunzip2": true, "unlzma": true, "unxz": true, "zgz": true, "uncompress": true, "zcat": true, "gzcat": true, "xz": true, "gzip": true, "zstd": true, "unzstd": true}

func runCopyArchiveThenExtract(p *Pass) {
	for _, s := range p.File.Stages {
		type archive struct {
			name string
			in   *dockerfile.Instruction
			arg  dockerfile.Arg
		}
		var archives []archive
		reported := map[*dockerfile.Instruction]bool{}
		for _, in := range s.Instructions {
			switch {
			case in.Keyword == "copy" && in.Flag("from") == nil && len(in.Args) >= 2:
				dest := in.Args[len(in.Args)-1]
				if hlIsArchive(dest.Value) {
					archives = append(archives, archive{hlBase(dest.Value), in, dest})
					continue
				}
				for _, a := range in.Args[:len(in.Args)-1] {
					if hlIsArchive(a.Value) && !strings.ContainsAny(a.Value, "*?[$") {
						archives = append(archives, archive{hlBase(a.Value), in, a})
					}
				}
			case in.Keyword == "run" && in.Run != nil:
				for _, c := range in.Run.Commands {
					if !hlExtracts(c) {
						continue
					}
					for _, w := range c.Argv()[1:] {
						for _, a := range archives {
							if reported[a.in] || hlBase(w.Value) != a.name {
								continue
							}
							reported[a.in] = true
							p.Report(Diagnostic{
								Range:   a.arg.Range,
								Message: fmt.Sprintf("%s is copied into a layer and unpacked at line %d, so the image keeps the archive; ADD it to the target directory instead", a.name, p.File.Position(c.Range.Start).Line),
								Related: []Related{{Message: "unpacked here", Range: hlCommandRange(c)}},
							})
						}
					}
				}
			}
		}
	}
}

// hlExtracts reports a command that unpacks an archive.
func hlExtracts(c *dockerfile.Command) bool {
	n := c.Name()
	if n == "tar" || n == "bsdtar" {
		for _, w := range hlArgs(c) {
			v := w.Value
			if v == "--extract" || v == "--get" || (strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.Contains(v, "x")) {
				return true
			}
		}
		// tar's first word may omit the dash: tar xzf a.tgz
		if a := hlArgs(c); len(a) > 0 && !strings.HasPrefix(a[0].Value, "-") && strings.Contains(a[0].Value, "x") && !strings.Contains(a[0].Value, "/") && !strings.Contains(a[0].Value, ".") {
			return true
		}
		return false
	}
	if n == "xz" || n == "gzip" || n == "zstd" {
		return c.Has("-d", "--decompress")
	}
	return hlExtractors[n]
}

// hlBase is the last element of a path, quotes removed.
func hlBase(p string) string {
	p = strings.Trim(p, `"'`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
