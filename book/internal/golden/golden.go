// Package golden compares test output with golden files under testdata/.
//
// A Dir is one folder of golden files. Check compares a result with its file and
// reports a line diff when they differ; run the tests with -update to rewrite the
// files from the current output (then review the change with git diff). When the
// test ends, every file of the folder that no Check (or Use) touched fails the test
// as stale: a golden file that no case reads any more proves nothing, so delete it,
// or run -update, which deletes it.
//
// A txtar archive holds a case's inputs and its golden sections together: CheckTxtar
// compares and rewrites one section of it.
package golden

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

// Update reports whether the tests run with -update.
func Update() bool { return *update }

// Dir is a folder of golden files whose use is tracked.
type Dir struct {
	path string
	exts []string
	mu   sync.Mutex
	used map[string]bool
}

// Open returns the golden folder path (relative to the package's directory) for
// the test t. Its files are those whose names end in one of exts (every file when
// exts is empty), in any subfolder. When t and its subtests end, Open's cleanup
// reports each of those files that was neither checked nor used as stale, unless
// the test failed already or a -run or -skip pattern left some subtests out.
func Open(t testing.TB, path string, exts ...string) *Dir {
	t.Helper()
	d := &Dir{path: path, exts: exts, used: map[string]bool{}}
	t.Cleanup(func() { t.Helper(); d.stale(t) })
	return d
}

// Path returns the file name of the golden file rel (slash-separated, relative to the folder).
func (d *Dir) Path(rel string) string { return filepath.Join(d.path, filepath.FromSlash(rel)) }

// Use marks the golden file rel as read by a case that compares it by other means.
func (d *Dir) Use(rel string) {
	d.mu.Lock()
	d.used[filepath.ToSlash(rel)] = true
	d.mu.Unlock()
}

// Check compares got with the golden file rel, failing t with a line diff when
// they differ or the file is missing; under -update it writes got to the file.
func (d *Dir) Check(t testing.TB, rel string, got []byte) {
	t.Helper()
	d.Use(rel)
	path := d.Path(rel)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("golden file: %v (go test -update writes it; review it before committing)", err)
		return
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (go test -update rewrites it; review the diff):\n%s", path, Diff(string(want), string(got)))
	}
}

// CheckTxtar compares got with the section named section of the txtar archive rel,
// failing t with a line diff when they differ or the section is missing; under
// -update it rewrites (or appends) the section and leaves the other files as they are.
func (d *Dir) CheckTxtar(t testing.TB, rel, section string, got []byte) {
	t.Helper()
	d.Use(rel)
	path := d.Path(rel)
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == section })
	if *update {
		if i < 0 {
			ar.Files = append(ar.Files, txtar.File{Name: section})
			i = len(ar.Files) - 1
		}
		ar.Files[i].Data = got
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if i < 0 {
		t.Errorf("%s has no %q section (go test -update writes it; review it before committing)", path, section)
		return
	}
	if want := ar.Files[i].Data; !bytes.Equal(want, got) {
		t.Errorf("%s: section %q differs from the output (go test -update rewrites it; review the diff):\n%s",
			path, section, Diff(string(want), string(got)))
	}
}

// stale fails t for each golden file of d that no case used; under -update it deletes them.
func (d *Dir) stale(t testing.TB) {
	t.Helper()
	if t.Failed() || t.Skipped() || filtered() {
		return
	}
	unused, err := d.unused()
	if err != nil {
		t.Errorf("golden folder: %v", err)
		return
	}
	for _, p := range unused {
		if *update {
			if err := os.Remove(p); err != nil {
				t.Error(err)
			}
			continue
		}
		t.Errorf("stale golden file %s: no case uses it (delete it, or run go test -update)", p)
	}
}

// unused returns the files of d that no case used.
func (d *Dir) unused() ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var unused []string
	err := filepath.WalkDir(d.path, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !d.matches(e.Name()) {
			return err
		}
		rel, err := filepath.Rel(d.path, p)
		if err != nil {
			return err
		}
		if !d.used[filepath.ToSlash(rel)] {
			unused = append(unused, p)
		}
		return nil
	})
	return unused, err
}

func (d *Dir) matches(name string) bool {
	if len(d.exts) == 0 {
		return true
	}
	for _, e := range d.exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// filtered reports whether -run or -skip may have left some subtests out, so that
// an unused golden file does not prove a stale one.
func filtered() bool {
	value := func(name string) string {
		if f := flag.Lookup(name); f != nil {
			return f.Value.String()
		}
		return ""
	}
	return strings.Contains(value("test.run"), "/") || value("test.skip") != ""
}
