package rules

import "strings"

// CopyWholeFilesystem reports COPY --from=stage / /.
var CopyWholeFilesystem = register(&Rule{
	ID:       "CopyWholeFilesystem",
	Aliases:  []string{"DL3067"},
	Category: CategorySize,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "COPY of another stage's whole filesystem",
		Description: "`COPY --from=build / /` copies every file of the other stage, its base image, package " +
			"caches and build tools included, over this stage's root: the image carries both systems, and " +
			"files such as /etc/passwd or shared libraries of one silently replace the other's. Copy the " +
			"directories the image needs, or build FROM that stage. A stage FROM scratch is not reported: " +
			"copying a whole filesystem into an empty stage is the usual way to flatten an image's layers.",
		Bad:  "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build / /\n",
		Good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app\n",
	},
	Run: runCopyWholeFilesystem,
})

func runCopyWholeFilesystem(p *Pass) {
	for _, c := range hlCopies(p.File) {
		in := c.In
		if in.Keyword != "copy" || in.Flag("from") == nil || len(in.Args) < 2 {
			continue
		}
		// into an empty stage: flattening layers, nothing is overwritten
		if s := in.Stage; c.At == c.In && s != nil && strings.EqualFold(s.Base, "scratch") {
			continue
		}
		if strings.Trim(in.Args[len(in.Args)-1].Value, `"'`) != "/" {
			continue
		}
		for _, a := range in.Args[:len(in.Args)-1] {
			if strings.Trim(a.Value, `"'`) == "/" {
				p.Reportf(a.Range, "copies the whole filesystem of %s over this stage's root; copy only the directories the image needs", in.Flag("from").Value)
				break
			}
		}
	}
}
