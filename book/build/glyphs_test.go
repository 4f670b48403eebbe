package build_test

import (
	"archive/zip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/internal/testenv"
)

// TestMissingGlyphs: characters outside WenKai (an Extension B rarity and an emoji) are
// reported once each with file:line and code point, drawn as boxes (the build succeeds),
// are an error under --strict, and come from a fallback font, embedded and subset in both
// books, when one is given.
func TestMissingGlyphs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	write(t, filepath.Join(src, "a.txt"), []byte("第一章 生僻字\n\n这是𪚥字，再写一次𪚥。\n\n笑脸😀在这里。\n"))
	_, stderr, code := cjkbook(t, nil, "build", "-o", filepath.Join(dir, "out1"), src)
	if code != 0 {
		t.Fatalf("build without fallback failed: %s", stderr)
	}
	for _, want := range []string{"a.txt:3: warning: U+2A6A5 '𪚥' is in no font", "a.txt:5: warning: U+1F600 '😀' is in no font"} {
		if strings.Count(stderr, want) != 1 {
			t.Errorf("want exactly one %q in:\n%s", want, stderr)
		}
	}
	if _, stderr, code := cjkbook(t, nil, "build", "--strict", "-o", filepath.Join(dir, "out2"), src); code == 0 || !strings.Contains(stderr, "U+2A6A5") {
		t.Errorf("--strict: exit %d\n%s", code, stderr)
	} else if m, _ := filepath.Glob(filepath.Join(dir, "out2", "*")); len(m) > 0 {
		t.Errorf("--strict failure left %v", m)
	}

	hana, symbola := "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
	for _, f := range []string{hana, symbola} {
		if _, err := os.Stat(f); err != nil {
			if testenv.Required() {
				t.Fatalf("%s missing: apt-get install fonts-hanazono fonts-symbola", f)
			}
			t.Skipf("SKIP: fallback font %s not installed (apt-get install fonts-hanazono fonts-symbola)", f)
		}
	}
	out := filepath.Join(dir, "out3")
	_, stderr, code = cjkbook(t, nil, "build", "--strict", "--fallback-font", hana, "--fallback-font", symbola, "-o", out, src)
	if code != 0 || strings.Contains(stderr, "no font") {
		t.Fatalf("with fallbacks: exit %d\n%s", code, stderr)
	}
	fonts, err := exec.Command(testenv.Tool(t, "pdffonts"), one(out, "*.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"HanaMinB", "Symbola"} {
		if !strings.Contains(string(fonts), "+"+name) || !strings.Contains(string(fonts), "yes yes yes") {
			t.Errorf("PDF lacks an embedded subset of %s:\n%s", name, fonts)
		}
	}
	text, err := exec.Command(testenv.Tool(t, "pdftotext"), one(out, "*.pdf"), "-").Output()
	if err != nil || !strings.Contains(string(text), "𪚥") || !strings.Contains(string(text), "😀") {
		t.Errorf("PDF text lacks the fallback characters: %v", err)
	}
	zr, err := zip.OpenReader(one(out, "*.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var fontFiles []string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".ttf") {
			fontFiles = append(fontFiles, f.Name)
			if f.UncompressedSize64 > 2<<20 {
				t.Errorf("%s is %d bytes: not a subset", f.Name, f.UncompressedSize64)
			}
		}
	}
	if len(fontFiles) < 3 {
		t.Errorf("EPUB fonts %v: want the body font plus subsets of the fallbacks", fontFiles)
	}
}
