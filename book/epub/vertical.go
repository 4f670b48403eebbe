package epub

// verticalCSS is appended to the stylesheet of a vertical book (Options.Vertical):
// columns top to bottom, right to left (CSS Writing Modes 3 vertical-rl, with the
// -epub- prefix of EPUB 3.0 readers and -webkit- for older WebKit ones).
//
// The rules of style.css that space blocks are restated for vertical text with physical
// sides (in vertical-rl the block starts at the right and ends at the left, a line starts
// at the top): engines that set vertical text but not the logical properties
// (margin-block and the like), such as older Kindle and Kobo ones, space them right too.
// 縱中橫 (span.tcy, inline.go) uses text-combine-upright: all; "digits 3" would need no
// markup, but no engine implements it.
const verticalCSS = `
/* Vertical writing (writing-mode = "vertical"). */
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
}

body {
  margin: 0.5em 0;
  /* The PDF trims no corner quote at a column start: compress adjacent marks only. */
  text-spacing-trim: normal;
}

/* A number of one to three digits stands upright in one cell. */
span.tcy {
  -epub-text-combine: horizontal;
  -webkit-text-combine: horizontal;
  text-combine-upright: all;
}

/* Block spacing of style.css, turned: right is before, left after, top the line start. */
h1 { margin: 0 2em 0 0.5em; }
h1.part-title { margin-top: 0; margin-right: 30%; }
h2 { margin: 0 1.5em 0 0.6em; }
h3 { margin: 0 1.2em 0 0.5em; }
h4, h5, h6 { margin: 0 1em 0 0.4em; }
p.subtitle { margin: 0 0 0 2em; }
blockquote { margin: 2em 1em 0 1em; }
ul, ol { margin: 2em 0.6em 0 0.6em; }
pre { margin: 0 0.8em; }
div.figure, p.break { margin: 0 1em; }
table { margin: auto 1em; }
th, td { padding: 0.5em 0.2em; }
img { max-height: 100%; }
section.footnotes {
  margin-top: 0;
  margin-right: 2em;
  padding-right: 0.5em;
  border-top: none;
  border-right: 1px solid #888;
}
aside { margin-top: 0; margin-right: 0.5em; }
span.note-label { margin-right: 0; margin-bottom: 0.5em; }
nav ol { margin: 1.5em 0 0 0; }
nav > ol { margin-top: 0; }
nav li { margin: 0 0.2em; }
`
