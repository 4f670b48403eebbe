package load_test

import (
	"fmt"
	"os"
	"path/filepath"

	"cjkbook/book/load"
)

// A scraped essay page: the title repeats before each essay, the introduction
// ends with an editor's aside, and ASCII punctuation sits between Chinese text.
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "load-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() { _ = os.RemoveAll(dir) }()
	src := "观后感范文\n观后感范文\n疫情是一次大考。下面是小编整理的范文,希望大家喜欢!\n观后感范文\n第一篇的正文,很短。\n观后感范文\n第二篇的正文:也很短!\n"
	path := filepath.Join(dir, "essays.txt")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	b, stats, diags, err := load.LoadWithStats(path, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Meta.Title, b.Meta.Language, b.Meta.Encoding)
	for _, c := range b.Chapters {
		fmt.Printf("%s %s %s（%s）: %d paragraph(s)\n", c.ID, c.Kind, c.Title, c.Subtitle, len(c.Blocks))
	}
	fmt.Println(len(diags), "warnings;", stats.Punct.Total(), "marks normalised;", stats.Boilerplate, "boilerplate sentence removed")
	// Output:
	// 观后感范文 zh-CN utf-8
	// ch001 front 引言（）: 1 paragraph(s)
	// ch002 body 第一篇（第一篇的正文）: 1 paragraph(s)
	// ch003 body 第二篇（第二篇的正文）: 1 paragraph(s)
	// 4 warnings; 3 marks normalised; 1 boilerplate sentence removed
}
