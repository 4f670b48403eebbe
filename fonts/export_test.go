package fonts

import (
	"os/exec"
	"testing"
)

// Sanitize runs ots-sanitize on font for the package's external tests (fonts_test): it
// must pass without a warning. It skips under -short, and when the tool is missing
// (fails under CJKBOOK_REQUIRE_TOOLS=1).
func Sanitize(t *testing.T, font []byte) {
	t.Helper()
	external(t, "ots-sanitize")
	ots, err := exec.LookPath("ots-sanitize")
	if err != nil {
		missing(t, "ots-sanitize (apt-get install opentype-sanitizer)")
	}
	sanitize(t, ots, font)
}
