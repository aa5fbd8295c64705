package dockerfile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// checkSplit compares the model built from the two-halves parse with the
// one built from a whole-file parse.
func checkSplit(t *testing.T, src []byte) (split bool) {
	t.Helper()
	whole := fullSummary(Parse("Dockerfile", src))
	splitTest = true
	defer func() { splitTest = false }()
	if cut, _ := cutPoint(src, lineStarts(src)); cut > 0 && splitParse(src, nil) != nil {
		split = true
	}
	halves := fullSummary(Parse("Dockerfile", src))
	if !reflect.DeepEqual(whole, halves) {
		for i := range whole {
			if i >= len(halves) || whole[i] != halves[i] {
				h := "(missing)"
				if i < len(halves) {
					h = halves[i]
				}
				t.Fatalf("split parse differs at item %d\nsrc: %q\nsplit: %s\nwhole: %s", i, src, h, whole[i])
			}
		}
		t.Fatalf("split parse has %d items, whole %d\nsrc: %q", len(halves), len(whole), src)
	}
	return split
}

func TestSplitParse(t *testing.T) {
	cases := []string{
		string(SyntheticDockerfile(600)),
		"FROM a\nRUN x\n# one\n\n# two\nFROM b\nRUN y\n",
		"FROM a\nRUN x \\\n\nFROM b\nRUN y\n",
		"FROM a\nRUN <<EOF\nx\nFROM b\nEOF\nRUN y\n",
		"FROM a\nRUN <<EOF\n# c\nFROM b\nEOF\nFROM c\n",
		"# escape=`\nFROM a\nRUN x `\n  y\nFROM b\nRUN z\n",
		"FROM a\r\nRUN x\r\n\r\nfrom b\r\nRUN y\r\n",
		"FROM a\nRUN x\n#\n# syntax=foo\nFROM b\n",
		"FROM a\nRUN x\nFROM b AS\nFROM c\n",
		"FROM a\nRUN x\nFROM\tb\nNOPE y\n",
	}
	splits := 0
	for _, c := range cases {
		if checkSplit(t, []byte(c)) {
			splits++
		}
	}
	if splits < 4 {
		t.Fatalf("only %d of %d cases were split: the split path is not exercised", splits, len(cases))
	}
}

func TestSplitParseCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	step := 1
	if raceEnabled {
		step = 8
	}
	splits, tried := 0, 0
	for i := 0; i < len(files); i += step {
		p := files[i]
		tried++
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if checkSplit(t, src) {
			splits++
		}
	}
	t.Logf("%d of %d corpus files split", splits, tried)
	if splits < tried/10 {
		t.Fatalf("only %d corpus files were split", splits)
	}
}

func FuzzSplitParse(f *testing.F) {
	f.Add([]byte("FROM a\nRUN x\nFROM b\n"))
	f.Add([]byte("FROM a\nRUN <<EOF\nFROM b\nEOF\nFROM c\n"))
	f.Add([]byte("FROM a\nRUN x \\\n# c\nFROM b\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 8192 {
			return
		}
		checkSplit(t, src)
	})
}
