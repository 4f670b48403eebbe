package convert

import (
	"testing"

	"cjkbook/book"
)

func TestConvertStrings(t *testing.T) {
	tests := []struct{ conv, in, want string }{
		{"s2t", "北京抗疫纪录片《背水一战》观后感范文", "北京抗疫紀錄片《背水一戰》觀後感範文"},
		{"s2t", "头发", "頭髮"},
		{"s2t", "发展", "發展"},
		{"s2t", "干燥的树干", "乾燥的樹幹"},
		{"s2t", "English 123 不变？", "English 123 不變？"},
		{"s2twp", "鼠标和软件", "滑鼠和軟體"},
		{"s2twp", "信息", "資訊"},
		{"t2s", "北京抗疫紀錄片《背水一戰》觀後感範文", "北京抗疫纪录片《背水一战》观后感范文"},
		{"t2s", "頭髮", "头发"},
		{"tw2sp", "滑鼠和軟體", "鼠标和软件"},
		{"s2t", "", ""},
	}
	for _, tt := range tests {
		c, err := New(tt.conv)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.String(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.conv, tt.in, got, tt.want)
		}
	}
	if _, err := New("x2y"); err == nil {
		t.Error("New(x2y): want an error")
	}
}

func TestFor(t *testing.T) {
	tests := []struct {
		s              Script
		lang, conv, to string
	}{
		{Traditional, "zh-CN", "s2t", "zh-Hant"},
		{Traditional, "", "s2t", "zh-Hant"},
		{Traditional, "zh-TW", "s2twp", "zh-TW"},
		{Traditional, "zh-HK", "s2t", "zh-HK"},
		{Simplified, "zh-TW", "tw2sp", "zh-CN"},
		{Simplified, "zh-Hant", "t2s", "zh-CN"},
		{Simplified, "zh-CN", "t2s", "zh-CN"},
	}
	for _, tt := range tests {
		conv, to := For(tt.s, tt.lang)
		if conv != tt.conv || to != tt.to {
			t.Errorf("For(%v, %q) = %q, %q; want %q, %q", tt.s, tt.lang, conv, to, tt.conv, tt.to)
		}
	}
	for in, want := range map[string]Script{"": Keep, "traditional": Traditional, "Simplified": Simplified} {
		if got, err := ParseScript(in); err != nil || got != want {
			t.Errorf("ParseScript(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseScript("klingon"); err == nil {
		t.Error("ParseScript(klingon): want an error")
	}
}

func TestBook(t *testing.T) {
	b := &book.Book{
		Meta: book.Metadata{Title: "观后感", Author: "鲁迅", Language: "zh-CN", Description: "简介"},
		Chapters: []*book.Chapter{{
			Title: "第一章 头发", ID: "ch001",
			Blocks: []book.Block{
				&book.Paragraph{Runs: []book.Run{{Text: "背水"}, {Text: "一战", Style: book.Emphasis}, {Text: "发展", Style: book.Code}}},
				&book.Heading{Level: 2, Runs: []book.Run{{Text: "后记"}}, ID: "h-后记"},
				&book.Quote{Blocks: []book.Block{&book.List{Items: [][]book.Block{{&book.Paragraph{Runs: []book.Run{{Text: "软件"}}}}}}}},
				&book.Table{Header: []book.Cell{{Runs: []book.Run{{Text: "国家"}}}}, Rows: [][]book.Cell{{{Runs: []book.Run{{Text: "东风"}}}}}},
				&book.Image{Src: "图.png", Alt: "图画"},
				&book.CodeBlock{Text: "// 简体"},
			},
			Notes: []*book.Footnote{{ID: "fn1", Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: "注释"}}}}}},
		}},
	}
	if err := Book(b, Traditional); err != nil {
		t.Fatal(err)
	}
	c := b.Chapters[0]
	p := c.Blocks[0].(*book.Paragraph)
	got := []string{b.Meta.Title, b.Meta.Author, b.Meta.Description, b.Meta.Language, c.Title, p.Runs[0].Text, p.Runs[1].Text, p.Runs[2].Text,
		book.Text(c.Blocks[1]), c.Blocks[1].(*book.Heading).ID, book.Text(c.Blocks[2]), book.Text(c.Blocks[3]),
		c.Blocks[4].(*book.Image).Src, c.Blocks[4].(*book.Image).Alt, book.Text(c.Blocks[5]), book.Text(c.Notes[0].Blocks[0])}
	want := []string{"觀後感", "魯迅", "簡介", "zh-Hant", "第一章 頭髮", "背水", "一戰", "发展",
		"後記", "h-后记", "軟件", "國家\n東風", "图.png", "圖畫", "// 简体", "註釋"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, got[i], want[i])
		}
	}
	if err := Book(b, Keep); err != nil || b.Meta.Title != "觀後感" {
		t.Errorf("Keep changed the book: %v %q", err, b.Meta.Title)
	}
}

func TestVerticalQuotes(t *testing.T) {
	b := &book.Book{Chapters: []*book.Chapter{{Title: "“题”", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "他说：“她说‘好’。”"}, {Text: "“x”", Style: book.Code}}},
		&book.Quote{Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: "“引”"}}}}},
	}}}}
	VerticalQuotes(b)
	c := b.Chapters[0]
	got := []string{c.Title, c.Blocks[0].(*book.Paragraph).Runs[0].Text, c.Blocks[0].(*book.Paragraph).Runs[1].Text, book.Text(c.Blocks[1])}
	want := []string{"「题」", "他说：「她说『好』。」", "“x”", "「引」"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %q, want %q", i, got[i], want[i])
		}
	}
}
