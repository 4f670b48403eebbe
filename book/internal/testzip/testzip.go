// Package testzip builds small zip archives in memory for the tests of the readers
// that take archives (.docx, .epub) and of their zip-safety checks.
package testzip

import (
	"archive/zip"
	"bytes"
	"testing"
)

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
