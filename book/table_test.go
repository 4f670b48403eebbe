package book

import (
	"reflect"
	"testing"
)

func TestTableSquare(t *testing.T) {
	c := Cell{Runs: []Run{{Text: "格"}}}
	cases := []struct {
		name      string
		in        Table
		cols      int
		want      Table
		wantAlign []string
	}{
		{"pads rows and header", Table{Header: []Cell{c}, Rows: [][]Cell{{c, c}, {}}}, 2,
			Table{Header: []Cell{c, {}}, Rows: [][]Cell{{c, c}, {{}, {}}}}, []string{"", ""}},
		{"no header stays none", Table{Rows: [][]Cell{{c}}}, 2,
			Table{Rows: [][]Cell{{c, {}}}}, []string{"", ""}},
		{"extra alignments dropped", Table{Rows: [][]Cell{{c}}, Align: []string{"left", "right"}}, 1,
			Table{Rows: [][]Cell{{c}}}, []string{"left"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := tc.in
			tb.Square(tc.cols)
			if !reflect.DeepEqual(tb.Header, tc.want.Header) || !reflect.DeepEqual(tb.Rows, tc.want.Rows) {
				t.Errorf("cells = %v / %v; want %v / %v", tb.Header, tb.Rows, tc.want.Header, tc.want.Rows)
			}
			if !reflect.DeepEqual(tb.Align, tc.wantAlign) {
				t.Errorf("Align = %q; want %q", tb.Align, tc.wantAlign)
			}
		})
	}
}
