package cjk

// IndentSpaces are the characters a writer types, or a converter leaves, to indent
// a paragraph by hand: the ASCII space and tab, the ideographic space U+3000 (two of
// them make the customary two-character indent of Chinese prose), the no-break space,
// the en and em spaces and the zero-width space. The readers strip them from a
// paragraph's start: the books set the first-line indent themselves, so an indent
// typed into the text would be doubled.
const IndentSpaces = " \t\u3000\u00a0\u2002\u2003\u200b"
