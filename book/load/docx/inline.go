package docx

import (
	"strconv"
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// inlineMode says what a picture becomes where it stands.
type inlineMode int

const (
	modeBody    inlineMode = iota // a block of its own, splitting the paragraph
	modeCell                      // an inline picture run (a table cell)
	modeHeading                   // its alt text (a heading)
)

// inl collects the inline content of one paragraph.
type inl struct {
	r      *reader
	mode   inlineMode
	toc    bool // a TOC-styled paragraph: its text is dropped
	runs   []book.Run
	blocks []book.Block // paragraphs and pictures finished so far (modeBody)
	after  []book.Block // text-box contents, placed after the paragraph
}

// text appends kept text.
func (in *inl) text(s string, st book.Style, href string) {
	if s == "" {
		return
	}
	in.r.lastDrop = nil
	if n := len(in.runs); n > 0 && in.runs[n-1].Joins(book.Run{Style: st, Href: href}) {
		in.runs[n-1].Text += s
		return
	}
	in.runs = append(in.runs, book.Run{Text: s, Style: st, Href: href})
}

// finish trims the collected runs (indenting spaces, full-width ones
// included, and trailing space) and returns them.
func (in *inl) finish() []book.Run {
	rs := in.runs
	in.runs = nil
	for len(rs) > 0 {
		rs[0].Text = strings.TrimLeft(rs[0].Text, spaces)
		if rs[0].Text != "" || rs[0].Style&book.NoteRef != 0 || rs[0].Image != nil {
			break
		}
		rs = rs[1:]
	}
	for len(rs) > 0 {
		last := &rs[len(rs)-1]
		last.Text = strings.TrimRight(last.Text, spaces)
		if last.Text != "" || last.Style&book.NoteRef != 0 || last.Image != nil {
			break
		}
		rs = rs[:len(rs)-1]
	}
	for i := range rs {
		rs[i].Text = strings.ReplaceAll(rs[i].Text, "\t", " ")
	}
	return mergeRuns(rs)
}

// spaces are trimmed from both ends of a paragraph: the spaces typed for an
// indent, and the line ends a paragraph's runs may carry.
const spaces = "\n" + cjk.IndentSpaces

// mergeRuns drops empty runs and joins neighbours of one style.
func mergeRuns(rs []book.Run) []book.Run {
	out := rs[:0]
	for _, r := range rs {
		if r.Text == "" && r.Style&book.NoteRef == 0 && r.Image == nil {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Joins(r) {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// flush ends the current paragraph part (modeBody).
func (in *inl) flush() {
	if runs := in.finish(); runs != nil {
		in.blocks = append(in.blocks, &book.Paragraph{Runs: runs, At: in.r.at})
	}
}

// inlines converts the inline children of n in style st (href for links).
func (r *reader) inlines(n *node, in *inl, st book.Style, href string) {
	for _, k := range n.kids {
		switch k.name {
		case "w:r":
			r.run(k, in, st, href)
		case "w:hyperlink":
			s, h := st, href
			if rl, ok := r.rels[k.attr("r:id")]; ok && rl.external {
				s, h = st|book.Link, rl.target
				if a := k.attr("w:anchor"); a != "" {
					h += "#" + a
				}
			}
			r.inlines(k, in, s, h)
		case "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:dir", "w:bdo":
			r.inlines(k, in, st, href)
		case "w:sdt":
			if isTOCBlock(k) {
				r.dropTOC(k)
				continue
			}
			r.inlines(k.child("w:sdtContent"), in, st, href)
		case "w:del", "w:moveFrom":
			r.drop(Deleted, k.allText(true))
		case "w:fldSimple":
			switch kind, target := parseField(k.attr("w:instr")); kind {
			case fieldTOC:
				r.drop(TOC, k.allText(false))
			case fieldLink:
				r.inlines(k, in, st|book.Link, target)
			default:
				r.inlines(k, in, st, href)
			}
		case "m:oMathPara", "m:oMath":
			var sb strings.Builder
			k.find("m:t", func(t *node) { sb.WriteString(t.text) })
			r.emit(in, sb.String(), st, href, false)
		case "w:commentRangeStart":
			if _, ok := r.commentAt[k.attr("w:id")]; !ok {
				r.commentAt[k.attr("w:id")] = r.at
			}
		}
	}
}

// run converts one w:r.
func (r *reader) run(k *node, in *inl, st book.Style, href string) {
	rpr := k.child("w:rPr")
	rs := r.st.run(rpr.val("w:rStyle")).over(readRunStyle(rpr))
	if rs.bold.is() {
		st |= book.Strong
	}
	if rs.italic.is() || rs.dots.is() {
		st |= book.Emphasis
	}
	if rs.sup.is() {
		st |= book.Sup
	} else if rs.sub.is() {
		st |= book.Sub
	}
	r.runKids(k, in, st, href, rs.hidden.is())
}

// runKids converts the content of a run (or of the chosen branch of an
// mc:AlternateContent inside one).
func (r *reader) runKids(k *node, in *inl, st book.Style, href string, hidden bool) {
	for _, c := range k.kids {
		switch c.name {
		case "w:t":
			r.emit(in, c.text, st, href, hidden)
		case "w:tab", "w:ptab":
			r.emit(in, "\t", st, href, hidden)
		case "w:br":
			switch c.attr("w:type") {
			case "page", "column":
				r.d.Counts.PageBreaks++
			default:
				r.emit(in, "\n", st&^(book.Link|book.Sup|book.Sub), "", hidden)
			}
		case "w:cr":
			r.emit(in, "\n", st&^book.Link, "", hidden)
		case "w:noBreakHyphen":
			r.emit(in, "-", st, href, hidden)
		case "w:fldChar":
			r.fieldChar(c)
		case "w:instrText":
			if n := len(r.fields); n > 0 && !r.fields[n-1].result {
				r.fields[n-1].instr.WriteString(c.text)
			}
		case "w:footnoteReference", "w:endnoteReference":
			if !hidden && r.mode() == fieldOther {
				r.noteRef(c, in)
			}
		case "w:commentReference":
			if _, ok := r.commentAt[c.attr("w:id")]; !ok {
				r.commentAt[c.attr("w:id")] = r.at
			}
		case "w:drawing":
			if !hidden && r.mode() == fieldOther {
				r.drawing(c, in)
			}
		case "w:pict", "w:object":
			if !hidden && r.mode() == fieldOther {
				r.vml(c, in)
			}
		case "mc:AlternateContent":
			if ch := c.child("mc:Choice"); ch != nil {
				r.runKids(ch, in, st, href, hidden)
			} else {
				r.runKids(c.child("mc:Fallback"), in, st, href, hidden)
			}
		}
	}
}

// mode returns what the open fields make of text: fieldOther (kept),
// fieldTOC (dropped), or fieldLink (a link to the innermost HYPERLINK's
// target); text inside a field's instructions is never shown.
func (r *reader) mode() fieldKind {
	for _, f := range r.fields {
		if f.result && f.kind == fieldTOC {
			return fieldTOC
		}
	}
	return fieldOther
}

// emit appends text of a run, unless hidden or in a field's instructions or TOC.
func (r *reader) emit(in *inl, s string, st book.Style, href string, hidden bool) {
	if n := len(r.fields); n > 0 && !r.fields[n-1].result {
		return // field instructions
	}
	switch {
	case hidden:
		r.drop(Hidden, s)
		return
	case in.toc || r.mode() == fieldTOC:
		r.drop(TOC, s)
		return
	}
	for i := len(r.fields) - 1; i >= 0; i-- {
		if f := r.fields[i]; f.kind == fieldLink {
			st, href = st|book.Link, f.href
			break
		}
	}
	in.text(s, st, href)
}

// maxFields bounds the nesting of complex fields.
const maxFields = 32

// fieldChar opens, separates or closes a complex field.
func (r *reader) fieldChar(c *node) {
	switch c.attr("w:fldCharType") {
	case "begin":
		if len(r.fields) < maxFields {
			r.fields = append(r.fields, &field{})
		}
	case "separate":
		if n := len(r.fields); n > 0 {
			f := r.fields[n-1]
			f.result = true
			f.kind, f.href = parseField(f.instr.String())
		}
	case "end":
		if n := len(r.fields); n > 0 {
			r.fields = r.fields[:n-1]
		}
	}
}

// noteRef places the mark of a footnote or endnote reference.
func (r *reader) noteRef(c *node, in *inl) {
	id := "fn:" + c.attr("w:id")
	if c.name == "w:endnoteReference" {
		id = "en:" + c.attr("w:id")
	}
	if r.inNote || r.notesXML[id] == nil {
		if !r.inNote {
			r.d.Warnings.Warnf(r.at, "a note reference points to no note (%s); the mark is left out", id)
		}
		return
	}
	label, ok := r.noteLabel[id]
	if !ok {
		label = strconv.Itoa(len(r.noteRefs) + 1)
		r.noteLabel[id] = label
		r.noteAt[id] = r.at
		r.noteRefs = append(r.noteRefs, id)
	}
	r.lastDrop = nil
	in.runs = append(in.runs, book.Run{Text: label, Style: book.NoteRef, Href: id})
}

// drawing converts a DrawingML object: a picture, or a shape whose text box
// holds paragraphs.
func (r *reader) drawing(c *node, in *inl) {
	for _, k := range c.kids {
		if k.name != "wp:inline" && k.name != "wp:anchor" {
			continue
		}
		docPr := k.child("wp:docPr")
		alt, title := strings.TrimSpace(docPr.attr("descr")), strings.TrimSpace(docPr.attr("title"))
		var blip *node
		k.find("a:blip", func(b *node) {
			if blip == nil {
				blip = b
			}
		})
		boxes := 0
		k.find("w:txbxContent", func(t *node) {
			boxes++
			in.after = append(in.after, r.blocks(t)...)
		})
		if blip == nil {
			if boxes == 0 {
				r.d.Warnings.Warnf(r.at, "a drawing that is not a picture (a shape or chart) is left out")
			}
			continue
		}
		cx, _ := strconv.ParseInt(k.child("wp:extent").attr("cx"), 10, 64)
		r.picture(in, blip.attr("r:embed"), blip.attr("r:link"), alt, title, cx)
	}
}

// vml converts a legacy VML picture (w:pict, w:object): its image data and
// its text boxes.
func (r *reader) vml(c *node, in *inl) {
	c.find("w:txbxContent", func(t *node) { in.after = append(in.after, r.blocks(t)...) })
	c.find("v:imagedata", func(im *node) {
		r.picture(in, im.attr("r:id"), "", strings.TrimSpace(im.attr("o:title")), "", 0)
	})
}

// picture places the picture of relationship id: a block, a picture run or
// its alt text, by mode; cx is its width in EMU (0: unknown).
func (r *reader) picture(in *inl, id, link, alt, title string, cx int64) {
	rl, ok := r.rels[id]
	switch {
	case id == "" && link != "", ok && rl.external:
		r.d.Warnings.Warnf(r.at, "a linked picture (%s) is not included; insert the picture into the document", r.rels[link].target+rl.target)
		r.emit(in, alt, 0, "", false)
		return
	case !ok:
		r.d.Warnings.Warnf(r.at, "a picture refers to a missing part (%s); left out", id)
		r.emit(in, alt, 0, "", false)
		return
	}
	if _, seen := r.d.Images[rl.target]; !seen {
		data, err := r.pk.read(rl.target, maxMedia)
		if err != nil {
			if r.err == nil {
				r.err = err
			}
			return
		}
		if data == nil {
			r.d.Warnings.Warnf(r.at, "picture %s is missing from the archive; left out", rl.target)
			r.emit(in, alt, 0, "", false)
			return
		}
		r.d.Images[rl.target] = data
	}
	img := &book.Image{Src: rl.target, Alt: alt, Title: title, At: r.at}
	if cx > 0 && r.textWidth > 0 {
		img.Width = min(float64(cx)/float64(r.textWidth), 1)
	}
	r.lastDrop = nil
	switch in.mode {
	case modeCell:
		in.runs = append(in.runs, book.Run{Image: img})
	case modeHeading:
		r.emit(in, alt, 0, "", false)
	default:
		in.flush()
		in.blocks = append(in.blocks, img)
	}
}
