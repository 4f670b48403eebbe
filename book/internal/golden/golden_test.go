package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct{ name, want, got, diff string }{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", "@@ -1 +1 @@\n a\n-b\n+B\n c\n \n"},
		{"added line", "a\nc", "a\nb\nc", "@@ -1 +1 @@\n a\n+b\n c\n"},
		{"removed line", "a\nb\nc", "a\nc", "@@ -1 +1 @@\n a\n-b\n c\n"},
		{"empty want", "", "x", "@@ -1 +1 @@\n-\n+x\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12",
			"@@ -1 +1 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8 +8 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n"},
		{"one hunk when changes are close", "1\n2\n3\n4\n5\n6\n7", "1\nX\n3\n4\n5\nY\n7",
			"@@ -1 +1 @@\n 1\n-2\n+X\n 3\n 4\n 5\n-6\n+Y\n 7\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.want, tt.got); got != tt.diff {
				t.Errorf("Diff:\n%s\nwant:\n%s", got, tt.diff)
			}
		})
	}
}

// TestDiffLarge checks that texts too big for the subsequence table still diff.
func TestDiffLarge(t *testing.T) {
	a, b := make([]byte, 0, 1<<20), make([]byte, 0, 1<<20)
	for i := range 3000 {
		a = append(a, byte('a'+i%26), '\n')
		b = append(b, byte('A'+i%26), '\n')
	}
	if d := Diff(string(a), string(b)); len(d) == 0 {
		t.Fatal("no diff")
	}
}

func TestUnused(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.golden", "sub/b.golden", "sub/c.golden", "fuzz/FuzzX/seed"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := &Dir{path: dir, exts: []string{".golden"}, used: map[string]bool{}}
	d.Check(t, "a.golden", []byte("x"))
	d.Use("sub/b.golden")
	got, err := d.unused()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "sub", "c.golden")}; !slices.Equal(got, want) {
		t.Errorf("unused = %v, want %v", got, want)
	}
}

func TestCheckTxtar(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "case.txtar"), []byte("-- in --\nhello\n-- want --\nHELLO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &Dir{path: dir, used: map[string]bool{}}
	d.CheckTxtar(t, "case.txtar", "want", []byte("HELLO\n"))
	if got, _ := d.unused(); len(got) != 0 {
		t.Errorf("unused = %v", got)
	}
}

// errRecorder is a testing.TB that records the errors reported to it.
type errRecorder struct {
	testing.TB
	errs []string
}

func (r *errRecorder) Helper()       {}
func (r *errRecorder) Failed() bool  { return false }
func (r *errRecorder) Skipped() bool { return false }
func (r *errRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestStaleFails: when a test ends, a golden file that no case checked or used fails it,
// naming the file; the files that were checked do not.
func TestStaleFails(t *testing.T) {
	if Update() || filtered() {
		t.Skip("SKIP: -update deletes stale files, and -run with a subtest pattern disables the check")
	}
	dir := t.TempDir()
	for _, name := range []string{"used.golden", "stale.golden"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := &Dir{path: dir, exts: []string{".golden"}, used: map[string]bool{}}
	d.Check(t, "used.golden", []byte("x"))
	r := &errRecorder{TB: t}
	d.stale(r)
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "stale golden file") || !strings.Contains(r.errs[0], "stale.golden") {
		t.Errorf("stale reported %q, want one error naming stale.golden", r.errs)
	}
}
