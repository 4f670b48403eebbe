package gopdf

import "io"

type listCacheContent struct {
	caches []ICacheContent
}

func (l *listCacheContent) last() ICacheContent {
	max := len(l.caches)
	if max > 0 {
		return l.caches[max-1]
	}
	return nil
}

// onlyText reports whether the caches from index i up to the next marked-content
// operator are plain text items (fork).
func (l *listCacheContent) onlyText(i int) bool {
	for ; i < len(l.caches); i++ {
		switch c := l.caches[i].(type) {
		case *cacheContentMarked:
			return true
		case *cacheContentText:
			if !c.plain() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func (l *listCacheContent) append(cache ICacheContent) {
	l.caches = append(l.caches, cache)
}

func (l *listCacheContent) appendContentText(cache cacheContentText, text string) (float64, float64, error) {

	x := cache.x
	y := cache.y

	mustMakeNewCache := true
	var cacheFont *cacheContentText
	var ok bool
	last := l.last()
	if cacheFont, ok = last.(*cacheContentText); ok {
		if cacheFont != nil {
			if cacheFont.isSame(cache) {
				mustMakeNewCache = false
			}
		}
	}

	if mustMakeNewCache { //make new cell
		l.caches = append(l.caches, &cache)
		cacheFont = &cache
	}

	//start add text
	cacheFont.text += text

	//re-create content
	textWidthPdfUnit, textHeightPdfUnit, err := cacheFont.createContent()
	if err != nil {
		return x, y, err
	}

	if cacheFont.cellOpt.Float == 0 || cacheFont.cellOpt.Float&Right == Right || cacheFont.contentType == ContentTypeText {
		x = cacheFont.x + textWidthPdfUnit
	}
	if cacheFont.cellOpt.Float&Bottom == Bottom {
		y = cacheFont.y + textHeightPdfUnit
	}

	return x, y, nil
}

// write writes the content stream.
//
// Fork: consecutive plain text items (see cacheContentText.plain) share one text
// object: each is placed with a relative Td computed from the same rounded
// positions that TD used, and Tf and Tc are written only when they change. Every
// other item ends the text object and is written as before. This takes about a
// quarter of the bytes out of a page of text before compression.
func (l *listCacheContent) write(w io.Writer, protection *PDFProtection) error {
	var run textObject
	inText := false // the open marked-content sequence began inside the text object
	for i, cache := range l.caches {
		if t, ok := cache.(*cacheContentText); ok && t.plain() {
			if err := run.add(w, t); err != nil {
				return err
			}
			continue
		}
		if m, ok := cache.(*cacheContentMarked); ok {
			// fork: a marked-content sequence that holds only plain text goes
			// inside the text object; any other ends the text object first, so
			// that BDC/EMC and BT/ET nest. Neither touches the text state.
			switch {
			case m.isEnd() && inText:
				inText = false
			case !m.isEnd() && l.onlyText(i+1):
				inText = true
				run.begin(w)
			default:
				inText = false
				if err := run.end(w); err != nil {
					return err
				}
			}
			if err := m.write(w, protection); err != nil {
				return err
			}
			continue
		}
		if err := run.end(w); err != nil {
			return err
		}
		// The item may save and restore the graphics state, which holds the
		// text state: assume nothing about the font and spacing after it.
		run.haveFont, run.haveTc = false, false
		if err := cache.write(w, protection); err != nil {
			return err
		}
	}
	return run.end(w)
}
