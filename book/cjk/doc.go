// Package cjk holds the rules of Chinese text that every stage of cjkbook shares: East
// Asian widths, the line-breaking classes with the prohibition (禁则) tables, the
// characters that are never drawn, the predicates that tell Chinese text from Latin
// text, the punctuation and quotation styles, and the strings a book adds itself (the
// contents title, the scene-break ornament).
//
// The loader, the PDF layout, the cover, the EPUB's font subsets and the missing-glyph
// check all ask this package, so the two books and the check never disagree. The rules
// and their sources (GB/T 15834-2011, W3C clreq, JLReq, UAX #11, #14 and #44) are
// described in docs/typesetting.md; each declaration cites the part it follows.
//
// The per-rune lookups (ClassOf, PropsOf) read tables built once for the Basic
// Multilingual Plane, so the layout can ask for every character of a novel.
//
// The package imports nothing of cjkbook.
package cjk
