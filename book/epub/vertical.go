package epub

// verticalCSS is appended to the stylesheet of a vertical book (Options.Vertical):
// columns top to bottom, right to left (CSS Writing Modes 3 vertical-rl, with the
// -epub- prefix of EPUB 3.0 readers and -webkit- for older WebKit ones), 縱中橫 for
// short digit runs where the reader supports text-combine-upright.
const verticalCSS = `
/* Vertical writing (writing-mode = "vertical"). */
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
}

body {
  margin: 0.5em 0;
  text-combine-upright: digits 3;
}
`
