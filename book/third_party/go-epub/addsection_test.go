package epub

import (
	"errors"
	"fmt"
	"testing"
)

// TestAddSectionIndex covers the cjkbook fork's file-name index: generated names stay
// unique, duplicates and missing parents are still errors, and many sections stay cheap.
func TestAddSectionIndex(t *testing.T) {
	e, err := NewEpub("t")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := 0; i < 10000; i++ {
		name, err := e.AddSection("<p>x</p>", fmt.Sprint("s", i), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if seen[name] {
			t.Fatalf("generated name %s twice", name)
		}
		seen[name] = true
	}
	if _, err := e.AddSection("<p>x</p>", "dup", "section0001.xhtml", ""); !errors.As(err, new(*FilenameAlreadyUsedError)) {
		t.Errorf("duplicate name: err = %v", err)
	}
	if _, err := e.AddSubSection("nope.xhtml", "<p>x</p>", "sub", "", ""); !errors.As(err, new(*ParentDoesNotExistError)) {
		t.Errorf("missing parent: err = %v", err)
	}
	sub, err := e.AddSubSection("section0001.xhtml", "<p>x</p>", "sub", "child.xhtml", "")
	if err != nil || sub != "child.xhtml" {
		t.Fatalf("subsection: %q, %v", sub, err)
	}
	if _, err := e.AddSubSection("child.xhtml", "<p>x</p>", "subsub", "", ""); err != nil {
		t.Errorf("subsection of a subsection: %v", err)
	}
}
