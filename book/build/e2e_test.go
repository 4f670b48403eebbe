package build_test

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// binary builds cmd/cjkbook once per test run: the end-to-end tests drive the real program.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "cjkbook-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "cjkbook")
		out, err := exec.Command("go", "build", "-o", binPath, filepath.Join(testenv.RepoRoot(t), "cmd", "cjkbook")).CombinedOutput()
		if err != nil {
			binErr = err
			t.Logf("go build: %s", out)
		}
	})
	if binErr != nil {
		t.Fatalf("building cjkbook: %v", binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{binDir, seedDir} {
		if d != "" {
			_ = os.RemoveAll(d) // temporary files: nothing to report
		}
	}
	os.Exit(code)
}

// cjkbook runs the binary and returns stdout, stderr and the exit code.
func cjkbook(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

type built struct{ epub, pdf string }

var (
	seedOnce sync.Once
	seedOut  built
	seedDir  string
)

func builtSeed(t *testing.T) built {
	t.Helper()
	src := filepath.Dir(testenv.Seed(t))
	seedOnce.Do(func() {
		var err error
		if seedDir, err = os.MkdirTemp("", "cjkbook-seed-"); err != nil {
			t.Fatal(err)
		}
		out, errs, code := cjkbook(t, nil, "build", "-o", seedDir, src)
		if code != 0 {
			t.Fatalf("cjkbook build: exit %d\n%s", code, errs)
		}
		seedOut = built{one(seedDir, "*.epub"), one(seedDir, "*.pdf")}
		for _, p := range []string{seedOut.epub, seedOut.pdf} {
			if p == "" || !strings.Contains(out, p) {
				t.Errorf("build output does not name %q:\n%s", p, out)
			}
		}
		if !strings.Contains(out, "北京抗疫纪录片《背水一战》观后感范文.epub") {
			t.Errorf("EPUB not named after the title: %s", out)
		}
	})
	if seedOut.epub == "" || seedOut.pdf == "" {
		t.Fatal("seed build did not produce both books")
	}
	return seedOut
}

func one(dir, glob string) string {
	m, _ := filepath.Glob(filepath.Join(dir, glob))
	if len(m) != 1 {
		return ""
	}
	return m[0]
}

func TestSeedEPUBValid(t *testing.T) {
	r := builtSeed(t)
	for _, args := range [][]string{{}, {"--profile", "default", "-u"}} {
		cmd := append(testenv.Epubcheck(t), args...)
		cmd = append(cmd, r.epub)
		out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
		if err != nil {
			t.Errorf("epubcheck %v: %v\n%s", args, err, out)
			continue
		}
		for _, line := range strings.Split(string(out), "\n") {
			switch {
			case regexp.MustCompile(`^(WARNING|ERROR|FATAL)`).MatchString(line),
				// usage checks: a missing lang or xml:lang must never be reported
				regexp.MustCompile(`^USAGE\((HTM-020|HTM-021|OPF-092|RSC-)`).MatchString(line):
				t.Errorf("epubcheck %v: %s", args, line)
			case strings.HasPrefix(line, "USAGE"):
				t.Logf("epubcheck %v (informational): %s", args, line)
			}
		}
		if len(args) == 0 && !bytes.Contains(out, []byte("No errors or warnings detected")) {
			t.Errorf("epubcheck: %s", out)
		}
	}
	st, err := os.Stat(r.epub)
	if err != nil || st.Size() >= 1<<20 {
		t.Errorf("the seed's EPUB must be under 1 MB (subset font): %v", err)
	}
}

func TestSeedEPUBRenders(t *testing.T) {
	r := builtSeed(t)
	mutool := testenv.Tool(t, "mutool")
	png := filepath.Join(t.TempDir(), "page.png")
	out, err := exec.Command(mutool, "draw", "-r", "60", "-o", png, r.epub, "3").CombinedOutput()
	if err != nil {
		t.Fatalf("mutool draw: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "page "),
			// Debian's MuPDF 1.21 prints these two for every EPUB 3 file: its build lacks ICC and
			// it only knows the EPUB 2 version string; neither is about our book.
			line == "warning: ICC support is not available", line == "warning: unknown epub version: 3.0":
		default:
			t.Errorf("mutool draw: %s", line)
		}
	}
	if ink := inkShare(t, png); ink < 0.002 {
		t.Errorf("rendered EPUB page is blank (%.4f%% dark pixels)", ink*100)
	}
}

func TestSeedPDF(t *testing.T) {
	r := builtSeed(t)
	pdffonts := testenv.Tool(t, "pdffonts")
	out, err := exec.Command(pdffonts, r.pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(rows) < 4 {
		t.Fatalf("pdffonts lists too few fonts:\n%s", out)
	}
	subset := regexp.MustCompile(`^[A-Z]{6}\+LXGWWenKai-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes`)
	for _, row := range rows[2:] {
		if !subset.MatchString(row) {
			t.Errorf("font not embedded, subset and with ToUnicode: %s", row)
		}
	}
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", r.pdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if out, err := exec.Command(testenv.Tool(t, "mutool"), "show", r.pdf, "outline").CombinedOutput(); err != nil ||
		bytes.Contains(bytes.ToLower(out), []byte("warning")) || bytes.Count(out, []byte("\n")) < 4 {
		t.Errorf("mutool show outline: %v\n%s", err, out)
	}
	// Every paragraph of the model comes back from the body area of the pages, in order, once.
	loaded, err := build.Load(build.Options{Src: filepath.Dir(testenv.Seed(t))})
	if err != nil {
		t.Fatal(err)
	}
	checkInOrder(t, loaded.Book, bodyText(t, r.pdf, layout.DefaultOptions()))
}

// bodyText extracts the text inside the body area (running heads and folios are excluded
// by position) with pdftotext in content-stream order (-raw: the PDF draws text in reading
// order; the default geometric mode splits lines at wide gaps such as a U+3000 between
// full-width Latin words), with all whitespace removed.
func bodyText(t *testing.T, pdf string, o layout.Options) string {
	t.Helper()
	out := testenv.PDFBodyText(t, testenv.Tool(t, "pdftotext"), pdf,
		float64(o.Width), float64(o.Height), float64(o.Margins.Top), float64(o.Margins.Bottom), float64(o.FontSize))
	return strings.Join(strings.Fields(out), "")
}

// checkInOrder asserts that the text of every leaf block (paragraphs, headings, code, list
// items and quoted paragraphs one by one, table rows; not images, whose alt text is an
// attribute or a caption) occurs in text, in book order, once; it returns the blocks found.
// A chapter's footnotes are checked in their own order among the text that its body blocks
// leave, wherever they stand: at the chapter's end (the EPUB) or at the foot of each page
// among the body (the PDF), a note split over two pages included.
func checkInOrder(t *testing.T, b *book.Book, text string, missing ...rune) int {
	t.Helper()
	found, failed := inOrder(b, text, missing, func(f string, a ...any) { t.Errorf(f, a...) })
	if failed > 10 {
		t.Errorf("... %d blocks missing in all", failed)
	}
	return found
}

// inOrder is checkInOrder's search: it reports the first ten blocks not found in order
// and returns how many were found and how many not.
func inOrder(b *book.Book, text string, missing []rune, report func(string, ...any)) (found, failed int) {
	// pdftotext removes a hyphen at a line end (de-hyphenation) and cannot tell it from a real
	// one, characters in no font are drawn as boxes (their text is an ActualText, which
	// poppler's tree text ignores), and pdftotext wraps right-to-left text in embedding marks
	// (U+202A…U+202E): compare without all three.
	drop := "-\u202a\u202b\u202c\u202d\u202e" + string(missing)
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(drop, r) {
				return -1
			}
			return r
		}, strings.Join(strings.Fields(s), ""))
	}
	text = clean(text)
	// find looks for a block's text in in[at:]; it returns where the text ends, or -1.
	find := func(in string, at int, bl book.Block, want string) (start, end int) {
		want = clean(want)
		if want == "" {
			return at, at
		}
		i := strings.Index(in[at:], want)
		if i < 0 {
			if failed++; failed <= 10 {
				report("%s: %s not found in order: %.80s", bl.Pos(), bl.Kind(), want)
			}
			return -1, -1
		}
		found++
		return at + i, at + i + len(want)
	}
	at := 0
	for _, c := range b.Chapters {
		start := at
		var hits [][2]int // where the body's blocks were found, in order
		leafTexts(c.Blocks, func(bl book.Block, want string) {
			if s, e := find(text, at, bl, want); e >= 0 {
				hits = append(hits, [2]int{s, e})
				at = e
			}
		})
		if len(c.Notes) == 0 {
			continue
		}
		rest, orig := without(text, start, hits)
		nat := 0
		for _, n := range c.Notes {
			leafTexts(n.Blocks, func(bl book.Block, want string) {
				if _, e := find(rest, nat, bl, want); e >= 0 {
					nat = e
				}
			})
		}
		at = max(at, orig(nat))
	}
	return found, failed
}

// leafTexts calls fn with each leaf block of bs and its text, a table once per cell (a cell's
// wrapped lines sit beside its neighbours' on the page).
func leafTexts(bs []book.Block, fn func(bl book.Block, text string)) {
	(&book.Chapter{Blocks: bs}).Walk(func(bl book.Block) bool {
		switch bl := bl.(type) {
		case *book.Paragraph, *book.Heading, *book.CodeBlock:
			fn(bl, book.Text(bl))
		case *book.Table:
			for _, row := range append([][]book.Cell{bl.Header}, bl.Rows...) {
				for _, c := range row {
					fn(bl, book.Plain(c.Runs))
				}
			}
		default:
			// quotes and lists hold blocks that Walk visits; images and breaks hold no text
		}
		return true
	})
}

// without returns text from start on with the spans cut out (in order, within it), and a
// function that maps an offset in the result back to one in text.
func without(text string, start int, cuts [][2]int) (string, func(int) int) {
	var buf strings.Builder
	type piece struct{ at, orig int }
	var pieces []piece
	from := start
	for _, c := range append(cuts, [2]int{len(text), len(text)}) {
		pieces = append(pieces, piece{buf.Len(), from})
		buf.WriteString(text[from:c[0]])
		from = c[1]
	}
	return buf.String(), func(i int) int {
		k := sort.Search(len(pieces), func(k int) bool { return pieces[k].at > i }) - 1
		return pieces[k].orig + i - pieces[k].at
	}
}

func TestSeedReproducible(t *testing.T) {
	src := filepath.Dir(testenv.Seed(t))
	env := []string{"SOURCE_DATE_EPOCH=1700000000"}
	var files [2][2][]byte
	for i := range files {
		dir := t.TempDir()
		if _, errs, code := cjkbook(t, env, "build", "-o", dir, src); code != 0 {
			t.Fatalf("build: %s", errs)
		}
		for j, g := range []string{"*.epub", "*.pdf"} {
			data, err := os.ReadFile(one(dir, g))
			if err != nil {
				t.Fatal(err)
			}
			files[i][j] = data
		}
	}
	for j, kind := range []string{"EPUB", "PDF"} {
		if !bytes.Equal(files[0][j], files[1][j]) {
			t.Errorf("two builds with the same SOURCE_DATE_EPOCH give different %s files", kind)
		}
	}
	if !bytes.Contains(files[0][1], []byte("D:20231114221320")) {
		t.Errorf("PDF CreationDate does not follow SOURCE_DATE_EPOCH")
	}
}

// inkShare returns the share of dark pixels in a PNG: 0 for a blank page.
func inkShare(t *testing.T, path string) float64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	bnd := img.Bounds()
	dark := 0
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if (r+g+b)/3 < 0x8000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(bnd.Dx()*bnd.Dy())
}
