package cjk

import (
	"strings"
	"testing"
)

// TestClosingOf checks that every opening mark of the prohibition tables pairs
// with a closing mark of them, and that nothing else pairs.
func TestClosingOf(t *testing.T) {
	for _, r := range NoEndOpening {
		c := ClosingOf(r)
		if c == 0 || !strings.ContainsRune(NoStartClosing, c) {
			t.Errorf("ClosingOf(%q) = %q, want a mark of NoStartClosing", r, c)
		}
	}
	for _, r := range "”》）a，。" {
		if c := ClosingOf(r); c != 0 {
			t.Errorf("ClosingOf(%q) = %q, want 0", r, c)
		}
	}
	for _, r := range OpeningQuotes {
		if ClassOf(r) != Open {
			t.Errorf("opening quote %q is not of class Open", r)
		}
	}
}

// TestStops checks that the clause and sentence stops are stop marks of the
// prohibition tables and leave out 、.
func TestStops(t *testing.T) {
	for _, r := range SentenceStops + ClauseStops {
		if !strings.ContainsRune(NoStartStops, r) {
			t.Errorf("%q is not among NoStartStops", r)
		}
	}
	if IsClauseStop('、') || IsSentenceStop('、') || !IsSentenceStop('。') || !IsClauseStop('，') {
		t.Error("stop classes wrong for 、。，")
	}
}
