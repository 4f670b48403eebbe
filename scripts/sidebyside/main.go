// Command sidebyside joins PNG images left to right on a grey ground, for the README's
// pictures: sidebyside OUT.png IN1.png IN2.png …
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

const gap = 16 // pixels around and between the pictures

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: sidebyside OUT.png IN.png…")
	}
	var ims []image.Image
	w, h := gap, 0
	for _, p := range args[1:] {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		im, err := png.Decode(f)
		_ = f.Close() // read only: nothing is lost
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		ims = append(ims, im)
		w += im.Bounds().Dx() + gap
		h = max(h, im.Bounds().Dy())
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h+2*gap))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.Gray{Y: 0xb0}), image.Point{}, draw.Src)
	x := gap
	for _, im := range ims {
		r := im.Bounds()
		draw.Draw(out, image.Rect(x, gap, x+r.Dx(), gap+r.Dy()), im, r.Min, draw.Src)
		x += r.Dx() + gap
	}
	f, err := os.Create(args[0])
	if err != nil {
		return err
	}
	if err := png.Encode(f, out); err != nil {
		_ = f.Close() // the encoding error is the one to report
		return err
	}
	return f.Close()
}
