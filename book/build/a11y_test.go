package build_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// aceInstall is how to get Ace by DAISY (it drives Debian's chromium through puppeteer).
const aceInstall = "PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @daisy/ace-cli@1.4.6 and apt-get install chromium"

// aceCommand returns the Ace by DAISY program: `ace` in older releases, `ace-cli` (the
// package's bin name) in 1.4. It skips the test when it is missing, or fails it under
// CJKBOOK_REQUIRE_TOOLS=1.
func aceCommand(t *testing.T) string {
	t.Helper()
	testenv.Slow(t, "Ace by DAISY")
	for _, name := range []string{"ace", "ace-cli"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if testenv.Required() {
		t.Fatalf("Ace by DAISY is required (CJKBOOK_REQUIRE_TOOLS=1) but not installed: %s", aceInstall)
	}
	t.Skipf("SKIP: Ace by DAISY not installed; %s to run this check", aceInstall)
	return ""
}

// aceReport is the part of Ace's report.json the test reads: the overall outcome and,
// per checked file, the violations with their rule and impact.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title  string `json:"dct:title"`
				Impact string `json:"earl:impact"`
			} `json:"earl:test"`
			Result struct {
				Description string `json:"dct:description"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
	Properties map[string]bool `json:"properties"`
}

// TestAce checks the EPUBs with Ace by DAISY, the accessibility checker publishers use:
// the seed, the seed as a vertical Traditional book, the rich test book (image, lists,
// table, footnote) and the opening of the novel 红楼梦 must pass with no violation of any
// impact, page-break markers included. (The whole novel is built the same way, chapter by
// chapter; Ace took 85 s over it, a third of the suite, to find what its first twelve
// chapters show.)
func TestAce(t *testing.T) {
	ace := aceCommand(t)
	if os.Getenv("PUPPETEER_EXECUTABLE_PATH") == "" {
		if _, err := os.Stat("/usr/bin/chromium"); err != nil {
			if testenv.Required() {
				t.Fatalf("Ace needs Chromium: apt-get install chromium and set PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium")
			}
			t.Skip("SKIP: Ace needs Chromium: apt-get install chromium")
		}
		t.Setenv("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
	}
	if os.Getenv("ACE_TIMEOUT_INITIAL") == "" {
		// Ace gives Chromium 5 s to start, too little on a busy machine.
		t.Setenv("ACE_TIMEOUT_INITIAL", "60000")
	}
	root := testenv.RepoRoot(t)
	books := []struct {
		name, src string
		opts      build.Options
	}{
		{"seed", filepath.Join(root, "source"), build.Options{}},
		{"seed-vertical", filepath.Join(root, "source"), build.Options{Vertical: true, Script: "traditional"}},
		{"rich", filepath.Join(root, "book", "build", "testdata", "books", "rich"), build.Options{}},
		{"hongloumeng", "", build.Options{}},
		{"seed-pinyin", "pinyin", build.Options{}},
		{"seed-pinyin-vertical", "pinyin", build.Options{Vertical: true}},
	}
	// One book at a time: Ace instances started together fail to launch Chromium.
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			src := bk.src
			switch src {
			case "":
				src = novelOpening(t)
			case "pinyin": // every character annotated: <ruby> with <rp> and <rt>
				src = pinyinSeed(t, "pinyin = true\n")
			}
			o := bk.opts
			o.Src, o.Out = src, t.TempDir()
			res, err := build.Run(context.Background(), o)
			if err != nil {
				t.Fatalf("build %s: %v", src, err)
			}
			out := t.TempDir()
			start := time.Now()
			// -f: the report folder exists already.
			cmd := exec.Command(ace, "-f", "-o", out, res.EPUBPath)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ace: %v\n%s", err, msg)
			}
			data, err := os.ReadFile(filepath.Join(out, "report.json"))
			if err != nil {
				t.Fatalf("ace wrote no report: %v", err)
			}
			var r aceReport
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatalf("ace report.json: %v", err)
			}
			n := 0
			for _, a := range r.Assertions {
				for _, v := range a.Assertions {
					n++
					t.Errorf("ace: %s: %s (%s): %s", a.Subject.URL, v.Test.Title, v.Test.Impact, v.Result.Description)
				}
			}
			if r.Result.Outcome != "pass" {
				t.Errorf("ace outcome %q, want pass", r.Result.Outcome)
			}
			if !r.Properties["hasPageBreaks"] {
				t.Errorf("ace found no page-break markers")
			}
			t.Logf("ace: outcome %s, %d violations, %s", r.Result.Outcome, n, time.Since(start).Round(time.Second))
		})
	}
}

// novelOpening writes the novel's title lines and its first twelve chapters (回 1–12, a
// tenth of the book, 119 PDF pages) to a file and returns its path.
func novelOpening(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(testenv.Corpus(t, "hongloumeng/hongloumeng.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	at := strings.Index(text, "第十三回")
	if at < 0 {
		t.Fatal("the novel has no 第十三回 heading to cut at")
	}
	cut := strings.LastIndexByte(text[:at], '\n')
	p := filepath.Join(t.TempDir(), "红楼梦前十二回.txt")
	if err := os.WriteFile(p, []byte(text[:cut+1]), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
