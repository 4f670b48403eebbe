package epub

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"cjkbook/book"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"纯文本", "纯文本"},
		{`<script>alert("x")</script>`, `&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;`},
		{"&amp;", "&#38;amp;"},
		{"it's", "it&#39;s"},
		{"a\x00b\x1bc", "a\uFFFDb\uFFFDc"},
		{"tab\tnew\nline\rcr", "tab\tnew\nline&#13;cr"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"\uFFFE\uFFFF", "\uFFFD\uFFFD"},
		{"𠮷野家", "𠮷野家"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		escape(&buf, tt.in)
		if got := buf.String(); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeHref(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2", true},
		{"HTTP://example.com", "http://example.com", true},
		{" https://example.com ", "https://example.com", true},
		{"mailto:a@example.com", "mailto:a@example.com", true},
		{"javascript:alert(1)", "", false},
		{" JaVaScRiPt:alert(1)", "", false},
		{"java\tscript:alert(1)", "", false},
		{"data:text/html,<script>", "", false},
		{"file:///etc/passwd", "", false},
		{"vbscript:msgbox", "", false},
		{"../../etc/passwd", "", false},
		{"#top", "", false},
		{"https://", "", false},
		{"https://user:pw@example.com", "", false},
		{"mailto:", "", false},
		{"https://exa mple.com", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := safeHref(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("safeHref(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIDSet(t *testing.T) {
	s := newIDSet()
	tests := []struct{ want, fallback, got string }{
		{"ch1", "x", "ch1"},
		{"ch1", "x", "ch1-2"},
		{"第一章", "sec", "sec"},
		{"第一章", "sec", "sec-2"},
		{"3rd", "x", "x3rd"},
		{"../../etc/passwd", "x", "etcpasswd"},
		{`a"b<c>`, "x", "abc"},
	}
	for _, tt := range tests {
		if got := s.take(tt.want, tt.fallback); got != tt.got {
			t.Errorf("take(%q, %q) = %q, want %q", tt.want, tt.fallback, got, tt.got)
		}
	}
}

func TestW3CDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024", "2024"},
		{"2024-03", "2024-03"},
		{"2024-03-05", "2024-03-05"},
		{"2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"},
		{"2024年3月5日", "2024-03-05"},
		{"2024年2月30日", ""},
		{"去年春天", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := w3cDate(tt.in); got != tt.want {
			t.Errorf("w3cDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidLang(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"zh-CN", true}, {"zh-Hant-TW", true}, {"en", true},
		{"", false}, {"z", false}, {"zh_CN", false}, {`zh"><script>`, false}, {"zh--CN", false},
	}
	for _, tt := range tests {
		if got := validLang(tt.in); got != tt.want {
			t.Errorf("validLang(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDeriveIdentifier(t *testing.T) {
	a := DeriveIdentifier("红楼梦", "曹雪芹")
	if a != DeriveIdentifier("红楼梦", "曹雪芹") {
		t.Fatal("identifier is not stable")
	}
	if a == DeriveIdentifier("红楼梦", "高鹗") || a == DeriveIdentifier("红楼", "梦曹雪芹") {
		t.Fatal("different books share an identifier")
	}
	// urn:uuid:xxxxxxxx-xxxx-5xxx-[89ab]xxx-xxxxxxxxxxxx
	if len(a) != 45 || a[:9] != "urn:uuid:" || a[23] != '5' || !bytes.ContainsRune([]byte("89ab"), rune(a[28])) {
		t.Fatalf("not a version 5 urn:uuid: %s", a)
	}
}

func TestResolveModified(t *testing.T) {
	tests := []struct {
		in, want time.Time
	}{
		{time.Time{}, DefaultModified},
		{time.Unix(1700000000, 999), time.Unix(1700000000, 0).UTC()},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), DefaultModified},
	}
	for _, tt := range tests {
		m := resolve(seedLikeMeta(), Options{Modified: tt.in})
		if !m.modified.Equal(tt.want) {
			t.Errorf("resolve(Modified=%v).modified = %v, want %v", tt.in, m.modified, tt.want)
		}
	}
}

func TestTOCTree(t *testing.T) {
	h := func(title, id string) *book.Heading {
		return &book.Heading{Level: 2, Runs: []book.Run{{Text: title}}, ID: id}
	}
	b := &book.Book{Meta: book.Metadata{Title: "书"}, Chapters: []*book.Chapter{
		{Title: "第一卷", Kind: book.Part, ID: "p", Blocks: []book.Block{h("卷首语", "")}},
		{Title: "第一章", ID: "c", Blocks: []book.Block{h("甲", "x"), h("乙", "x"), h(" ", "y"), h("丙", "z")}},
		{Title: "后记", Kind: book.Back, ID: "b"},
	}}
	got := tocTree(planBook(b, resolve(b, Options{}), nil))
	var sb strings.Builder
	var dump func(es []tocItem, indent string)
	dump = func(es []tocItem, indent string) {
		for _, e := range es {
			sb.WriteString(indent + e.label + " " + e.href + "\n")
			dump(e.children, indent+"  ")
		}
	}
	dump(got, "")
	want := `第一卷 xhtml/p.xhtml
  卷首语 xhtml/p.xhtml#sec
  第一章 xhtml/c.xhtml
    甲 xhtml/c.xhtml#x
    乙 xhtml/c.xhtml#x-2
    丙 xhtml/c.xhtml#z
后记 xhtml/b.xhtml
`
	if sb.String() != want {
		t.Errorf("toc tree:\n%s\nwant:\n%s", sb.String(), want)
	}
}

func TestPruneCSS(t *testing.T) {
	css := "/* c */\nbody {\n  x: 1;\n}\n\nh1.part-title, h1.chapter-title {\n  y: 2;\n}\n\n.align-left { a: b; }\n.align-right { a: c; }\n"
	tests := []struct {
		used map[string]bool
		want string
	}{
		{map[string]bool{}, "/* c */\nbody {\n  x: 1;\n}\n\n"},
		{map[string]bool{"chapter-title": true, "align-right": true}, "/* c */\nbody {\n  x: 1;\n}\n\nh1.chapter-title {\n  y: 2;\n}\n\n.align-right { a: c; }\n"},
	}
	for _, tt := range tests {
		if got := pruneCSS(css, tt.used); got != tt.want {
			t.Errorf("pruneCSS(%v):\n%q\nwant\n%q", tt.used, got, tt.want)
		}
	}
}
