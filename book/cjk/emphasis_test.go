package cjk

import (
	"reflect"
	"testing"
)

func TestEmphasisSegments(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Segment
	}{
		{"", []Segment{{}}},
		{"中文强调", []Segment{{Text: "中文强调"}}},
		{"——", []Segment{{Text: "——"}}},
		{"Latin words", []Segment{{Text: "Latin words", Latin: true}}},
		{"中文 and English", []Segment{{Text: "中文 "}, {Text: "and English", Latin: true}}},
		{"Rust 的所有权", []Segment{{Text: "Rust ", Latin: true}, {Text: "的所有权"}}},
		{"（注意）x", []Segment{{Text: "（注意）"}, {Text: "x", Latin: true}}},
		{"“Go”，好", []Segment{{Text: "“Go”", Latin: true}, {Text: "，好"}}},
		{"２０年 20 years", []Segment{{Text: "２０年 "}, {Text: "20 years", Latin: true}}},
	} {
		if got := EmphasisSegments(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("EmphasisSegments(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
