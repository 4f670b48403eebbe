package cover

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cjkbook/fonts"
)

var outDir = flag.String("cover.out", "", "write the generated covers as PNG files into this folder, to look at them")

func faces(tb testing.TB) (bold, regular *fonts.Face) {
	tb.Helper()
	reg, b, err := fonts.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return b, reg
}

func TestGenerate(t *testing.T) {
	bold, reg := faces(t)
	for _, tc := range []struct {
		name                    string
		title, subtitle, author string
	}{
		{"seed", "北京抗疫纪录片《背水一战》观后感范文", "", "佚名"},
		{"hongloumeng", "红楼梦", "", "曹雪芹"},
		{"subtitle", "朝花夕拾", "鲁迅回忆性散文集，一九二八年北京未名社初版", "鲁迅"},
		{"latin", "Rust 程序设计语言", "The Rust Programming Language 简体中文版", "Steve Klabnik, Carol Nichols 著；KaiserY 等译"},
		{"long", strings.Repeat("很长的书名", 12), strings.Repeat("副标题", 30), strings.Repeat("作者", 30)},
		{"empty", "", "", ""},
		{"missing glyphs", "𪚥\U0001F600书", "", "?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, mt, err := Generate(tc.title, tc.subtitle, tc.author, bold, reg)
			if err != nil {
				t.Fatal(err)
			}
			if mt != "image/png" {
				t.Errorf("media type %q", mt)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
				t.Errorf("size %v, want %dx%d", b, Width, Height)
			}
			if v := variance(img); v < 100 {
				t.Errorf("pixel variance %.1f: the cover is blank", v)
			}
			if v := titleInk(img); tc.title != "" && v < 2000 {
				t.Errorf("only %d ink pixels in the title area: title not drawn", v)
			}
			if len(data) > 400<<10 {
				t.Errorf("cover is %d bytes, want at most 400 KiB", len(data))
			}
			again, _, err := Generate(tc.title, tc.subtitle, tc.author, bold, reg)
			if err != nil || !bytes.Equal(data, again) {
				t.Errorf("second run gives different bytes (err %v)", err)
			}
			if *outDir != "" {
				if err := os.WriteFile(filepath.Join(*outDir, tc.name+".png"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// variance is the variance of the pixels' luminance (0–255).
func variance(img image.Image) float64 {
	var sum, sq float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			l := float64(r+g+bl) / 3 / 257
			sum += l
			sq += l * l
		}
	}
	n := float64(b.Dx() / 2 * b.Dy() / 2)
	m := sum / n
	return sq/n - m*m
}

// titleInk counts dark pixels in the title area (between the frame and the band).
func titleInk(img image.Image) int {
	n := 0
	for y := frameInner + 10; y < int(bandTopFrac*float64(img.Bounds().Dy()))-30; y++ {
		for x := frameInner + 10; x < img.Bounds().Dx()-frameInner-10; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b < 3*0x6000 {
				n++
			}
		}
	}
	return n
}

func TestGenerateSize(t *testing.T) {
	bold, reg := faces(t)
	for _, tc := range []struct {
		name string
		w, h int
	}{{"a5-150dpi", 874, 1240}, {"a5-300dpi", 1748, 2480}, {"small", 400, 640}, {"square", 1000, 1000}} {
		t.Run(tc.name, func(t *testing.T) {
			data, _, err := GenerateSize("北京抗疫纪录片《背水一战》观后感范文", "观后感", "佚名", bold, reg, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("size %v, want %dx%d", b, tc.w, tc.h)
			}
			if v := titleInk(img); v < 200 {
				t.Errorf("only %d ink pixels in the title area", v)
			}
			if *outDir != "" {
				if err := os.WriteFile(filepath.Join(*outDir, "size-"+tc.name+".png"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	for _, bad := range [][2]int{{0, 100}, {100, 2560}, {9000, 9000}, {-1, -1}} {
		if _, _, err := GenerateSize("书", "", "", bold, reg, bad[0], bad[1]); err == nil {
			t.Errorf("size %v: no error", bad)
		}
	}
}

func TestTitleLayout(t *testing.T) {
	bold, _ := faces(t)
	for _, tc := range []struct {
		title string
		size  float64
		lines []string
	}{
		{"红楼梦", 260, []string{"红楼梦"}},
		{"朝花夕拾", 220, []string{"朝花夕拾"}},
		{"北京抗疫纪录片《背水一战》观后感范文", 164, []string{"北京抗疫纪录片", "《背水一战》", "观后感范文"}},
		{"Rust 程序设计语言", 220, []string{"Rust 程序", "设计语言"}},
	} {
		lines, size, _ := titleLayout(tc.title, bold, 1)
		var got []string
		for _, l := range lines {
			got = append(got, l.text)
		}
		if size != tc.size || !slices.Equal(got, tc.lines) {
			t.Errorf("%s: size %v lines %q, want %v %q", tc.title, size, got, tc.size, tc.lines)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	bold, reg := faces(t)
	if _, _, err := Generate("书", "", "", nil, reg); err == nil {
		t.Error("nil bold face: no error")
	}
	if _, _, err := Generate("书", "", "", bold, nil); err == nil {
		t.Error("nil regular face: no error")
	}
}

func BenchmarkGenerate(b *testing.B) {
	bold, reg := faces(b)
	for _, bc := range []struct{ name, title, subtitle, author string }{
		{"seed", "北京抗疫纪录片《背水一战》观后感范文", "", "佚名"},
		{"long", strings.Repeat("很长的书名", 80), strings.Repeat("副标题", 100), strings.Repeat("作者", 100)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Generate(bc.title, bc.subtitle, bc.author, bold, reg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
