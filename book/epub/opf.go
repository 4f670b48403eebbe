package epub

import (
	"bytes"
	"sort"
	"strings"

	"cjkbook/book"
)

// packageOPF writes the package document: go-epub's manifest sorted by href
// and its spine (plus the nav page when InBookTOC), with our metadata:
// Dublin Core, dcterms:modified from the options, the cover for EPUB 2
// readers, and schema.org accessibility metadata.
func packageOPF(m meta, plan *bookPlan, opf *opfDoc, coverID string) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="`)
	escape(&buf, m.lang)
	buf.WriteString(`">` + "\n" + `  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	el := func(tag, attrs, val string) {
		buf.WriteString("    <" + tag + attrs + ">")
		escape(&buf, val)
		buf.WriteString("</" + strings.Fields(tag)[0] + ">\n")
	}
	pages := len(plan.pages) > 0
	dublinCore(&buf, el, m, pages, coverID)
	accessibilityMeta(el, m, plan, pages, coverID)
	buf.WriteString("  </metadata>\n  <manifest>\n")
	manifestAndSpine(&buf, m, opf)
	buf.WriteString("  </spine>\n</package>\n")
	return buf.Bytes()
}

// dublinCore writes the publication's metadata through el: Dublin Core, the print edition
// the page-list follows, dcterms:modified and the EPUB 2 cover.
func dublinCore(buf *bytes.Buffer, el func(tag, attrs, val string), m meta, pages bool, coverID string) {
	el("dc:identifier", ` id="pub-id"`, m.identifier)
	el("dc:title", ` id="title"`, m.title)
	if m.subtitle != "" {
		el("meta", ` refines="#title" property="title-type"`, "main")
		el("dc:title", ` id="subtitle"`, m.subtitle)
		el("meta", ` refines="#subtitle" property="title-type"`, "subtitle")
	}
	el("dc:language", "", m.lang)
	if m.author != "" {
		el("dc:creator", ` id="creator"`, m.author)
		el("meta", ` refines="#creator" property="role" scheme="marc:relators"`, "aut")
	}
	if m.description != "" {
		el("dc:description", "", m.description)
	}
	if m.publisher != "" {
		el("dc:publisher", "", m.publisher)
	}
	if m.date != "" {
		el("dc:date", "", m.date)
	}
	if pages {
		// The print edition the page-list follows, as EPUB 3.3 and EPUB
		// Accessibility 1.1 identify it: dc:source refined by source-of
		// "pagination", which EPUBCheck 4.2.6 and the EPUB 3.3 checkers accept.
		// pageBreakSource, the property meant to replace it, is incubating:
		// EPUBCheck 5 accepts property="pageBreakSource" but 4.2.6 rejects it
		// (OPF-027, undefined), and both reject a11y:pageBreakSource, so it is
		// written in the name/content form, which both accept and tools that
		// look for the name can read.
		el("dc:source", ` id="page-source"`, m.pageSource)
		el("meta", ` refines="#page-source" property="source-of"`, "pagination")
		buf.WriteString(`    <meta name="pageBreakSource" content="` + escapeString(m.pageSource) + `"/>` + "\n")
	}
	el("meta", ` property="dcterms:modified"`, m.modified.Format("2006-01-02T15:04:05Z"))
	if coverID != "" {
		buf.WriteString(`    <meta name="cover" content="` + escapeString(coverID) + `"/>` + "\n")
	}
	if m.vertical { // Kindle's conversion reads the writing mode from here
		buf.WriteString(`    <meta name="primary-writing-mode" content="vertical-rl"/>` + "\n")
	}
}

// accessibilityMeta writes the accessibility metadata (EPUB Accessibility 1.1, schema.org
// vocabulary) through el.
func accessibilityMeta(el func(tag, attrs, val string), m meta, plan *bookPlan, pages bool, coverID string) {
	images, allAlt := len(plan.images) > 0, true
	for _, c := range plan.chapters {
		c.ch.Walk(func(bl book.Block) bool {
			if im, ok := bl.(*book.Image); ok && strings.TrimSpace(im.Alt) == "" {
				allAlt = false
			}
			return true
		})
	}
	if !images || allAlt {
		// Every requirement of EPUB Accessibility 1.1 that a text book can
		// miss is met by construction (language, titles, structure, reading
		// order, navigation, page source); only a picture without a
		// description would break WCAG 1.1.1.
		el("meta", ` property="dcterms:conformsTo"`, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	}
	el("meta", ` property="schema:accessMode"`, "textual")
	if images || coverID != "" {
		el("meta", ` property="schema:accessMode"`, "visual")
	}
	if !images || allAlt {
		el("meta", ` property="schema:accessModeSufficient"`, "textual")
	} else {
		el("meta", ` property="schema:accessModeSufficient"`, "textual,visual")
	}
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"} {
		el("meta", ` property="schema:accessibilityFeature"`, f)
	}
	if images && allAlt {
		el("meta", ` property="schema:accessibilityFeature"`, "alternativeText")
	}
	if pages {
		for _, f := range []string{"printPageNumbers", "pageBreakMarkers", "pageNavigation"} {
			el("meta", ` property="schema:accessibilityFeature"`, f)
		}
	}
	el("meta", ` property="schema:accessibilityHazard"`, "none")
	el("meta", ` property="schema:accessibilitySummary"`, m.words.Summary(images && allAlt, pages, m.pageSource))
}

// manifestAndSpine writes go-epub's manifest sorted by href and its spine with the nav
// document placed after the cover page, up to the closing spine tag.
func manifestAndSpine(buf *bytes.Buffer, m meta, opf *opfDoc) {
	items := append([]manifestItem(nil), opf.Items...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	for _, it := range items {
		buf.WriteString(`    <item id="` + escapeString(it.ID) + `" href="` + escapeString(it.Href) + `" media-type="` + escapeString(it.MediaType) + `"`)
		if it.Properties != "" {
			buf.WriteString(` properties="` + escapeString(it.Properties) + `"`)
		}
		buf.WriteString("/>\n")
	}
	if m.vertical {
		buf.WriteString("  </manifest>\n  <spine toc=\"ncx\" page-progression-direction=\"rtl\">\n")
	} else {
		buf.WriteString("  </manifest>\n  <spine toc=\"ncx\">\n")
	}
	navID := ""
	for _, it := range items {
		if it.Href == "nav.xhtml" {
			navID = it.ID
		}
	}
	spine := make([]string, 0, len(opf.Spine)+1)
	for _, ref := range opf.Spine {
		spine = append(spine, ref.IDRef)
	}
	// The nav document is always in the spine so that the toc landmark points
	// at a spine item; it is part of the reading order only with InBookTOC.
	if navID != "" {
		at := 0
		if len(spine) > 0 && spine[0] == coverPage {
			at = 1 // after the cover page
		}
		spine = append(spine[:at], append([]string{navID}, spine[at:]...)...)
	}
	for _, id := range spine {
		buf.WriteString(`    <itemref idref="` + escapeString(id) + `"`)
		if id == navID && !m.inBookTOC {
			buf.WriteString(` linear="no"`)
		}
		buf.WriteString("/>\n")
	}
}
