package book

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in the manuscript: a file and a 1-based line (0 when unknown).
type Pos struct {
	File string
	Line int
	// Para says that Line counts paragraphs, not lines (a Word document has no
	// lines): the position prints as file:¶N.
	Para bool
}

// String formats the position as file:line (file:¶N for a paragraph), or just
// file when the line is unknown.
func (p Pos) String() string {
	if p.Line <= 0 {
		return p.File
	}
	if p.Para {
		return fmt.Sprintf("%s:¶%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Severity ranks a diagnostic.
type Severity int

const (
	// Warning is reported but does not stop the build.
	Warning Severity = iota
	// Error stops the build.
	Error
)

// Diagnostic is one message about the manuscript, with its position.
type Diagnostic struct {
	At       Pos
	Severity Severity
	Msg      string
}

// String formats the diagnostic as "file:line: message".
func (d Diagnostic) String() string {
	if d.At.File == "" {
		return d.Msg
	}
	return d.At.String() + ": " + d.Msg
}

// Diagnostics is a list of diagnostics; it implements error when it holds errors.
type Diagnostics []Diagnostic

// Warnf appends a warning at pos.
func (ds *Diagnostics) Warnf(at Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{At: at, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Errorf appends an error at pos.
func (ds *Diagnostics) Errorf(at Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{At: at, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the diagnostics as an error when any is an error, else nil.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return ds
}

// Error lists the error diagnostics, one per line.
func (ds Diagnostics) Error() string {
	var lines []string
	for _, d := range ds {
		if d.Severity == Error {
			lines = append(lines, d.String())
		}
	}
	return strings.Join(lines, "\n")
}

// Sort orders diagnostics by file and line, keeping the order of equal positions.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].At.File != ds[j].At.File {
			return ds[i].At.File < ds[j].At.File
		}
		return ds[i].At.Line < ds[j].At.Line
	})
}
