package load

import (
	"strings"
	"testing"
)

func TestScanRuby(t *testing.T) {
	tests := []struct{ in, want string }{
		{"我去{银行|yín háng}取钱", "我去 [银行:yín háng] 取钱"},
		{"{行|xíng}", "[行:xíng]"},
		{"{x|x>0}", ""},    // no CJK in the base: set notation
		{`\{银行|yín}`, ""},  // escaped
		{"{银行|}", ""},      // no reading
		{"{|yín}", ""},     // no base
		{"{银\n行|yín}", ""}, // spans a line
		{"{银行|a|b}", ""},   // two bars
		{"{{银行|yín}}", "{ [银行:yín] }"},
	}
	for _, tt := range tests {
		var parts []string
		for _, sg := range scanRuby(tt.in) {
			if sg.ruby {
				parts = append(parts, "["+sg.text+":"+sg.reading+"]")
			} else {
				parts = append(parts, sg.text)
			}
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("scanRuby(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzScanRuby: the ruby scanner never panics and its pieces give back the input
// without the marks' braces and readings.
func FuzzScanRuby(f *testing.F) {
	f.Add("我去{银行|yín háng}取钱，{x|y}")
	f.Add("{{银|a}}|{")
	f.Fuzz(func(t *testing.T, s string) {
		segs := scanRuby(s)
		if segs == nil {
			return
		}
		var sb strings.Builder
		for _, sg := range segs {
			if sg.ruby {
				if sg.reading == "" || sg.text == "" {
					t.Fatalf("empty ruby piece in %q", s)
				}
				sb.WriteString("{" + sg.text + "|")
				continue
			}
			sb.WriteString(sg.text)
		}
		if len(sb.String()) > len(s) {
			t.Fatalf("pieces longer than the input %q", s)
		}
	})
}
