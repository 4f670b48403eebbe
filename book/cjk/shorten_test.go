package cjk

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestShorten checks the opening words of paragraphs (16 characters at most, a
// generated subtitle): where they end, what
// they keep, and that a cut inside a clause never splits a word, a number or a
// quotation. text is the paragraph; corpus, when set, is the rest of the book
// (the pairs it repeats mark its words).
func TestShorten(t *testing.T) {
	tests := []struct {
		name, text, corpus, want string
	}{
		{"clause", "6月11日以来，北京市新发地批发市场发生聚集性疫情，已波及市内多个区。", "", "6月11日以来"},
		{"date", "6月17日，在北京市新型冠状病毒感染疫情防控工作第123场新闻发布会上。", "", "6月17日"},
		{"short clause runs on", "五月五，庆端阳。划龙舟，挂香囊。", "", "五月五，庆端阳"},
		{"leading quotation", "“五月五，庆端阳。划龙舟，挂香囊。”端午期间，大家坚守岗位。", "", "五月五，庆端阳"},
		{"quotation runs past its close", "“好！”他说，随后转身走进了隔离病房。", "", "“好！”他说"},
		{"quotation that is the paragraph", "“秋。”", "", "秋"},
		{"closing quote ends", "强化“首都意识”，“背水一战”守牢“主阵地”。", "", "强化“首都意识”"},
		{"book title", "《背水一战》记录了北京抗击疫情的日日夜夜。", "", "《背水一战》"},
		{"stop inside a quotation", "他强调“不看广告，看疗效”是我们制定措施时必须把握的原则。", "", "他强调“不看广告，看疗效”"},
		{"question kept", "我们为什么要坚守？因为这是责任。", "", "我们为什么要坚守？"},
		{"ellipsis kept", "好吃粽子香又香……端午期间，大家坚守岗位。", "", "好吃粽子香又香……"},
		{"sentence shorter than 4", "冷。北风呼啸，社区工作者仍在门口值守。", "", "冷。北风呼啸"},
		{"short paragraph", "秋。", "", "秋"},
		{"number with unit", "3.5公里的隔离带在一夜之间建成，工人们连续奋战。", "", "3.5公里的隔离带在一夜之间建成"},
		{"thousands separator", "1,000名志愿者集结完毕，随即投入工作。", "", "1,000名志愿者集结完毕"},
		{"cut at a word boundary", "社区工作者和志愿者们在寒风中坚守在疫情防控第一线的岗位上，从不退缩。",
			"社区工作者很辛苦。志愿者们也很辛苦。寒风中他们坚守岗位。", "社区工作者和志愿者们在寒风中……"},
		{"repeated compound not cut", "北京市新发地批发市场发生了聚集性疫情并且波及多个区，引发关注。",
			"批发市场关闭。聚集性疫情。新发地批发市场。", "北京市新发地批发市场发生了……"},
		{"opening the text repeats cut where a pair is rarer than its neighbour", "北京市新发地批发市场发生聚集性疫情并波及多个区，引发关注。",
			"北京市新发地批发市场发生聚集性疫情并波及多个区。疫情发生。疫情发生。", "北京市新发地批发市场发生……"},
		{"number not cut", "在新型冠状病毒疫情防控第123场新闻发布会上，市疾控中心通报。", "", "在新型冠状病毒疫情防控……"},
		{"unit kept with its number", "在疫情防控第123场新闻发布会上市疾控中心通报了情况。", "新闻发布会。发布会。", "在疫情防控第123场……"},
		{"Latin word not cut", "新华社记者从Reuters大楼门前发回了现场报道，秩序井然。", "大楼很高。", "新华社记者从Reuters……"},
		{"cut inside a later quotation closes it", "他说：“我们一定要坚持到底绝不放弃任何一个人的生命”，全场鼓掌。", "绝不放弃。坚持到底。", "他说：“我们一定要坚持到底……”"},
		{"cut inside the leading quotation", "“我们一定要坚持到底绝不放弃任何一个人的生命”，他说。", "绝不放弃。坚持到底。任何一个人", "我们一定要坚持到底绝不放弃……"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Pairs{}
			g.Add(tt.text)
			g.Add(tt.corpus)
			if got := Shorten(tt.text, 16, g.Count); got != tt.want {
				t.Errorf("Shorten(%q, 16) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzShorten checks that Shorten never fails and keeps to its limit: at most
// limit characters, the closing marks a cut adds aside.
func FuzzShorten(f *testing.F) {
	for _, s := range []string{"“五月五，庆端阳。”端午", "他说：“我们一定要坚持到底绝不放弃任何一个人的生命”", "6月11日以来，北京", "秋。", "（（（（（（（（（（（（（（（（（（（（", "”》）"} {
		f.Add(s, 16)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit %= 64
		got := Shorten(s, limit, nil)
		if n := utf8.RuneCountInString(strings.TrimRight(got, NoStartClosing)); n > max(limit, 0) {
			t.Errorf("Shorten(%q, %d) = %q: %d characters", s, limit, got, n)
		}
	})
}
