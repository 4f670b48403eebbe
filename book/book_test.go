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

func TestRunJoins(t *testing.T) {
	img := &Image{Src: "a.png"}
	cases := []struct {
		name       string
		prev, next Run
		want       bool
	}{
		{"same style", Run{Text: "甲", Style: Strong}, Run{Text: "乙", Style: Strong}, true},
		{"other style", Run{Text: "甲"}, Run{Text: "乙", Style: Emphasis}, false},
		{"other link", Run{Text: "甲", Style: Link, Href: "a"}, Run{Text: "乙", Style: Link, Href: "b"}, false},
		{"other title", Run{Text: "甲", Style: Abbr, Title: "a"}, Run{Text: "乙", Style: Abbr, Title: "b"}, false},
		{"note references", Run{Style: NoteRef, Href: "n1"}, Run{Style: NoteRef, Href: "n1"}, false},
		{"picture before", Run{Image: img}, Run{Text: "乙"}, false},
		{"picture after", Run{Text: "甲"}, Run{Image: img}, false},
	}
	for _, c := range cases {
		if got := c.prev.Joins(c.next); got != c.want {
			t.Errorf("%s: Joins = %v; want %v", c.name, got, c.want)
		}
	}
}
