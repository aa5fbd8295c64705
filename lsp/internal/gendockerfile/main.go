// Command gendockerfile writes dockerfile.SyntheticDockerfile(N) to standard
// output: the realistic multi-stage Dockerfiles the language-server
// benchmarks edit (make bench-lsp).
//
// Usage: go run ./lsp/internal/gendockerfile LINES
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/layerlint/layerlint/dockerfile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendockerfile LINES")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "gendockerfile: %q is not a positive line count\n", os.Args[1])
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(dockerfile.SyntheticDockerfile(n)); err != nil {
		fmt.Fprintf(os.Stderr, "gendockerfile: %v\n", err)
		os.Exit(1)
	}
}
