package layout

import (
	"strings"
	"testing"
)

// TestBMPTables checks that init's tables give, for every BMP rune, what the functions
// they cache compute: props for every rune, the base class for every rune that the
// punctuation tables do not reclassify.
func TestBMPTables(t *testing.T) {
	listed := noStartStops + noStartClosing + noStartOther + noEndOpening + noEndPrefix + "—⸺…⋯‥ \t\n\r\u3000\u00a0"
	for r := rune(0); r < 0x10000; r++ {
		if got, want := propTab[r], computeProps(r); got != want {
			t.Fatalf("propTab[%U] = %b, want %b", r, got, want)
		}
		if !strings.ContainsRune(listed, r) && classTab[r] != baseClass(r) {
			t.Fatalf("classTab[%U] = %d, want %d", r, classTab[r], baseClass(r))
		}
	}
}
