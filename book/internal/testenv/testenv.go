// Package testenv finds the shared corpus and the external validators for tests,
// skipping with a visible message when they are absent, and failing instead when
// CJKBOOK_REQUIRE_TOOLS=1 (as CI sets it).
//
// Tests come in two tiers. The fast tier (go test -short) holds the unit and golden
// tests; the full tier (go test, make test) adds everything that waits on the world
// outside the process or on big inputs: external validators, corpus books, browsers
// and stress inputs. Tool, Epubcheck and Corpus put a test in the full tier by
// themselves; Slow does it for tests that need none of them.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// RepoRoot returns the directory holding go.mod, found by walking up from the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testenv: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Required reports whether missing tools must fail the run (CJKBOOK_REQUIRE_TOOLS=1).
func Required() bool { return os.Getenv("CJKBOOK_REQUIRE_TOOLS") == "1" }

// Slow skips the test under -short, naming what it does: it belongs to the full tier.
func Slow(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("SKIP (-short): %s runs in the full tier only", what)
	}
}

// Corpus returns the path of NAME in the shared corpus, the folder shared/corpus
// beside the repository's own folder (or $CJKBOOK_CORPUS/NAME), skipping the test
// under -short or when it is absent.
func Corpus(t testing.TB, name string) string {
	t.Helper()
	Slow(t, "corpus book "+name)
	base := os.Getenv("CJKBOOK_CORPUS")
	if base == "" {
		base = filepath.Join(RepoRoot(t), "..", "shared", "corpus")
	}
	p := filepath.Join(base, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SKIP: corpus %s not found at %s (tests read the shared corpus in place; CJKBOOK_CORPUS moves it)", name, p)
	}
	return p
}

// Seed returns the path of the user's manuscript in source/.
func Seed(t testing.TB) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(RepoRoot(t), "source", "*.txt"))
	if len(m) == 0 {
		t.Fatal("testenv: no .txt manuscript in source/")
	}
	return m[0]
}

// Tool returns the path of an external program, skipping the test under -short or with a
// message when it is missing, or failing it under CJKBOOK_REQUIRE_TOOLS=1.
func Tool(t testing.TB, name string) string {
	t.Helper()
	Slow(t, name)
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name)
	}
	return p
}

// Epubcheck returns the command prefix that runs EPUBCheck (java -jar /usr/bin/epubcheck),
// skipping the test under -short.
func Epubcheck(t testing.TB) []string {
	t.Helper()
	Slow(t, "epubcheck")
	java := Tool(t, "java")
	jar := "/usr/bin/epubcheck"
	if _, err := os.Stat(jar); err != nil {
		missing(t, "epubcheck")
	}
	return []string{java, "-jar", jar}
}

// packages names the Debian package that provides each external program the tests use.
var packages = map[string]string{
	"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils", "pdfinfo": "poppler-utils",
	"pdfimages": "poppler-utils", "qpdf": "qpdf", "mutool": "mupdf-tools", "epubcheck": "epubcheck", "java": "default-jre-headless",
	"chromium": "chromium", "ots-sanitize": "opentype-sanitizer", "ebook-convert": "calibre", "node": "nodejs",
}

// Font returns path, a font file that the Debian package pkg installs, skipping the
// test with a message when it is absent, or failing it under CJKBOOK_REQUIRE_TOOLS=1.
func Font(t testing.TB, path, pkg string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if Required() {
			t.Fatalf("font %s is required (CJKBOOK_REQUIRE_TOOLS=1) but not installed: apt-get install %s", path, pkg)
		}
		t.Skipf("SKIP: font %s not installed; apt-get install %s to run this check", path, pkg)
	}
	return path
}

func missing(t testing.TB, name string) {
	t.Helper()
	pkg := packages[name]
	if pkg == "" {
		pkg = name
	}
	if Required() {
		t.Fatalf("%s is required (CJKBOOK_REQUIRE_TOOLS=1) but not installed: apt-get install %s", name, pkg)
	}
	t.Skipf("SKIP: %s not installed; apt-get install %s to run this check", name, pkg)
}

// PDFBodyText returns the text of pdf read with pdftotext in content-stream order
// (-raw), cropped to the body area of pages width×height pt whose text lies between
// the top and bottom margins (half a line of fontSize of slack each side), so that
// running heads and folios are left out. pdftotext ends every page with a form feed.
func PDFBodyText(t testing.TB, pdftotext, pdf string, width, height, top, bottom, fontSize float64) string {
	t.Helper()
	y := top - fontSize*0.5
	h := height - top - bottom + fontSize
	out, err := exec.Command(pdftotext, "-raw", "-r", "72", "-x", "0", "-y", strconv.Itoa(int(y)), "-W", strconv.Itoa(int(width)),
		"-H", strconv.Itoa(int(h)), pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
