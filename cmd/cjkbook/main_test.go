package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func TestHelp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, &out, &errb); code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, want := range []string{"cjkbook build", "cjkbook inspect", "-o DIR", "--json", "SOURCE_DATE_EPOCH"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if code := run([]string{"frobnicate"}, &out, &errb); code == 0 || !strings.Contains(errb.String(), "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, errb.String())
	}
	if code := run(nil, &out, &errb); code == 0 {
		t.Errorf("no arguments: exit 0")
	}
}

// TestInspectSeed checks the loaded seed through the CLI's JSON: title, language, an
// introduction and three distinctly titled essays with exactly the seed's paragraphs.
func TestInspectSeed(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "source", "*.txt"))
	if len(seeds) != 1 {
		t.Fatalf("want one .txt manuscript in source/, found %v", seeds)
	}
	seed := seeds[0]
	var out, errb bytes.Buffer
	if code := run([]string{"inspect", "--json", filepath.Dir(seed)}, &out, &errb); code != 0 {
		t.Fatalf("inspect exit %d: %s", code, errb.String())
	}
	var got inspectJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("inspect --json: %v\n%s", err, out.String())
	}
	if got.Title != "北京抗疫纪录片《背水一战》观后感范文" || got.Language != "zh-CN" {
		t.Errorf("title %q language %q", got.Title, got.Language)
	}
	if len(got.Chapters) != 4 {
		t.Fatalf("%d chapters, want introduction + 3 essays", len(got.Chapters))
	}
	src, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	// Each essay's paragraphs are the seed's lines (punctuation normalised: compare without it).
	wantLines := [][]int{{5, 6, 7, 8, 9}, {11, 12, 13, 14}, {16, 17, 18, 19, 20}}
	titles := map[string]bool{}
	for i, c := range got.Chapters[1:] {
		key := c.Title + "/" + c.Subtitle
		if titles[key] || c.Title == got.Title {
			t.Errorf("chapter %d title %q is not distinct", i+1, key)
		}
		titles[key] = true
		if len(c.Blocks) != len(wantLines[i]) {
			t.Errorf("chapter %d (%s): %d blocks, want %d", i+1, c.Title, len(c.Blocks), len(wantLines[i]))
			continue
		}
		for j, ln := range wantLines[i] {
			if c.Blocks[j].Kind != "paragraph" || skeleton(c.Blocks[j].Text) != skeleton(lines[ln-1]) {
				t.Errorf("chapter %d block %d differs from seed line %d:\n got %s\nwant %s", i+1, j, ln, c.Blocks[j].Text, lines[ln-1])
			}
		}
	}
	if got.Chapters[0].Kind != "front" || len(got.Chapters[0].Blocks) != 1 || !strings.HasPrefix(got.Chapters[0].Blocks[0].Text, "突如其来的新冠疫情") {
		t.Errorf("introduction: %+v", got.Chapters[0])
	}
	var sawBoiler bool
	for _, w := range got.Warnings {
		if strings.Contains(w.Message, "小编") && w.Line == 3 && strings.HasSuffix(w.File, ".txt") {
			sawBoiler = true
		}
	}
	if !sawBoiler {
		t.Errorf("no warning with file:line for the removed 小编 sentence: %+v", got.Warnings)
	}
}

// skeleton keeps only letters and digits, so normalised punctuation compares equal.
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// inspectJSON is the part of `inspect --json` that the tests read.
type inspectJSON struct {
	Title    string `json:"title"`
	Language string `json:"language"`
	Chapters []struct {
		Title    string `json:"title"`
		Subtitle string `json:"subtitle"`
		Kind     string `json:"kind"`
		Blocks   []struct {
			Kind string `json:"kind"`
			Text string `json:"text"`
		} `json:"blocks"`
	} `json:"chapters"`
	Warnings []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"warnings"`
}
