// Package testzip builds small zip archives in memory for the tests of the readers
// that take archives (.docx, .epub) and of their zip-safety checks, and reads members
// of the archives the tests build.
package testzip

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// Read returns the contents of one member of an open archive. It fails t on error.
func Read(t testing.TB, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rc.Close() }() // read only
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return data
}

// Of returns a zip archive of the members given as name, body pairs, in that order
// and deflated; a trailing name without a body is ignored. It fails t on error.
func Of(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
