package gopdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"
)

const defaultCoefLineHeight = float64(1)
const defaultCoefUnderlinePosition = float64(1)
const defaultcoefUnderlineThickness = float64(1)

// ContentTypeCell cell
const ContentTypeCell = 0

// ContentTypeText text
const ContentTypeText = 1

var ErrContentTypeNotFound = errors.New("contentType not found")

type cacheContentText struct {
	//---setup---
	rectangle      *Rect
	textColor      ICacheColorText
	grayFill       float64
	txtColorMode   string
	fontCountIndex int //Curr.FontFontCount+1
	fontSize       float64
	fontStyle      int
	charSpacing    float64
	setXCount      int //จำนวนครั้งที่ใช้ setX
	x, y           float64
	fontSubset     *SubsetFontObj
	pageheight     float64
	contentType    int
	cellOpt        CellOption
	lineWidth      float64
	text           string
	//---result---
	cellWidthPdfUnit, textWidthPdfUnit float64
	cellHeightPdfUnit                  float64
	isPlaceHolder                      bool
	// fork: drawn from where the previous text item of its text object ended
	// (TextFollowing)
	follows bool
	// fork: horizontal shear of the glyphs (SetTextSlant), written in a Tm; 0 upright
	slant float64
	// fork: turned a quarter clockwise about its origin (SetTextTurned), written in a Tm
	turned bool
	// fork: pen moves before some glyphs (TextMoved), in points, written as numbers
	// in the TJ array
	moves []TextMove
	// fork: drawn in vertical mode with the font's Identity-V resource (TextVertical)
	vertical bool
}

func (c *cacheContentText) isSame(cache cacheContentText) bool {
	if c.rectangle != nil || cache.follows || c.slant != cache.slant || c.turned || cache.turned || len(c.moves) > 0 || len(cache.moves) > 0 || c.vertical || cache.vertical { // fork: a following, differently slanted, moved or vertical text stays an item of its own
		return false
	}
	if c.rectangle != nil {
		//if rectangle != nil we assume this is not same content
		return false
	}

	// if both colors are nil we assume them equal
	if ((c.textColor == nil && cache.textColor == nil) ||
		(c.textColor != nil && c.textColor.equal(cache.textColor))) &&
		c.grayFill == cache.grayFill &&
		c.fontCountIndex == cache.fontCountIndex &&
		c.fontSize == cache.fontSize &&
		c.fontStyle == cache.fontStyle &&
		c.charSpacing == cache.charSpacing &&
		c.setXCount == cache.setXCount &&
		c.y == cache.y &&
		c.isPlaceHolder == cache.isPlaceHolder {
		return true
	}

	return false
}

func (c *cacheContentText) setPageHeight(pageheight float64) {
	c.pageheight = pageheight
}

func (c *cacheContentText) pageHeight() float64 {
	return c.pageheight //841.89
}

func convertTypoUnit(val float64, unitsPerEm uint, fontSize float64) float64 {
	val = val * 1000.00 / float64(unitsPerEm)
	return val * fontSize / 1000.0
}

func (c *cacheContentText) calTypoAscender() float64 {
	return convertTypoUnit(float64(c.fontSubset.ttfp.TypoAscender()), c.fontSubset.ttfp.UnitsPerEm(), float64(c.fontSize))
}

func (c *cacheContentText) calTypoDescender() float64 {
	return convertTypoUnit(float64(c.fontSubset.ttfp.TypoDescender()), c.fontSubset.ttfp.UnitsPerEm(), float64(c.fontSize))
}

func (c *cacheContentText) calY() (float64, error) {
	pageHeight := c.pageHeight()
	if c.contentType == ContentTypeText {
		return pageHeight - c.y, nil
	} else if c.contentType == ContentTypeCell {
		y := float64(0.0)
		if c.cellOpt.Align&Bottom == Bottom {
			y = pageHeight - c.y - c.cellHeightPdfUnit - c.calTypoDescender()
		} else if c.cellOpt.Align&Middle == Middle {
			y = pageHeight - c.y - c.cellHeightPdfUnit*0.5 - (c.calTypoDescender()+c.calTypoAscender())*0.5
		} else {
			//top
			y = pageHeight - c.y - c.calTypoAscender()
		}

		return y, nil
	}
	return 0.0, ErrContentTypeNotFound
}

func (c *cacheContentText) calX() (float64, error) {
	if c.contentType == ContentTypeText {
		return c.x, nil
	} else if c.contentType == ContentTypeCell {
		x := float64(0.0)
		if c.cellOpt.Align&Right == Right {
			x = c.x + c.cellWidthPdfUnit - c.textWidthPdfUnit
		} else if c.cellOpt.Align&Center == Center {
			x = c.x + c.cellWidthPdfUnit*0.5 - c.textWidthPdfUnit*0.5
		} else {
			x = c.x
		}
		return x, nil
	}
	return 0.0, ErrContentTypeNotFound
}

// FormatFloatTrim converts a float64 into a string, like Sprintf("%.3f")
// but with trailing zeroes (and possibly ".") removed
func FormatFloatTrim(floatval float64) (formatted string) {
	const precisionFactor = 1000.0
	roundedFontSize := math.Round(precisionFactor*floatval) / precisionFactor
	return strconv.FormatFloat(roundedFontSize, 'f', -1, 64)
}

// write writes the text object.
//
// Fork: the operators are appended to one byte slice and written with a single
// Write (it was one fmt.Fprintf per glyph, straight into the zlib writer), and
// glyph lookups go through SubsetFontObj's BMP table. The bytes are unchanged.
func (c *cacheContentText) write(w io.Writer, protection *PDFProtection) error {
	x, err := c.calX()
	if err != nil {
		return err
	}
	y, err := c.calY()
	if err != nil {
		return err
	}

	b := textBufPool.Get().(*[]byte)
	defer textBufPool.Put(b)
	buf := (*b)[:0]
	for _, extGStateIndex := range c.cellOpt.extGStateIndexes {
		buf = append(buf, "/GS"...)
		buf = strconv.AppendInt(buf, int64(extGStateIndex), 10)
		buf = append(buf, " gs\n"...)
	}
	buf = append(buf, "BT\n"...)
	if c.slant != 0 || c.turned { // fork: a slanted or turned text is placed by its text matrix
		buf = appendTextTm(buf, c.slant, c.turned)
	}
	buf = strconv.AppendFloat(buf, x, 'f', 2, 64)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, y, 'f', 2, 64)
	if c.slant != 0 || c.turned {
		buf = append(buf, " Tm\n/F"...)
	} else {
		buf = append(buf, " TD\n/F"...)
	}
	buf = strconv.AppendInt(buf, int64(c.fontCountIndex), 10)
	buf = append(buf, ' ')
	buf = append(buf, FormatFloatTrim(c.fontSize)...)
	buf = append(buf, " Tf "...)
	buf = append(buf, FormatFloatTrim(c.charSpacing)...)
	buf = append(buf, " Tc\n"...)

	if c.txtColorMode == "color" {
		if _, err := w.Write(buf); err != nil {
			return err
		}
		buf = buf[:0]
		c.textColor.write(w, protection)
	}
	buf, err = c.appendGlyphs(buf)
	if err != nil {
		return err
	}
	buf = append(buf, " TJ\nET\n"...)
	*b = buf
	if _, err := w.Write(buf); err != nil {
		return err
	}

	if c.fontStyle&Underline == Underline {
		if err := c.underline(w); err != nil {
			return err
		}
	}

	c.drawBorder(w)

	return nil
}

// appendGlyphs appends the TJ array of the text's glyph codes ("[<…>]", with kerning
// adjustments when the font uses kerning).
//
// Glyph codes stay hex: a literal string of the binary codes is half the bytes
// but has a 256-symbol alphabet, which made zlib's Huffman stage on these small
// streams slower for only 5% fewer bytes (measured).
//
// Fork: the text's moves (TextMoved) become numbers between the glyph strings
// ("[<…> -250 <…>]"). Each is rounded to a thousandth of the font size so that the
// glyph after it stands where the moves up to it and the exact character spacing put
// it (the Tc operator carries three decimals): rounding errors do not add up along
// the line. With no moves the bytes are unchanged.
func (c *cacheContentText) appendGlyphs(buf []byte) ([]byte, error) {
	if c.vertical { // fork
		return c.appendVerticalGlyphs(buf)
	}
	buf = append(buf, '[')
	open := false // a glyph string is open
	useKerning := c.fontSubset.ttfFontOption.UseKerning
	unitsPerEm := int(c.fontSubset.ttfp.UnitsPerEm())
	moves := c.moves
	var moved float64 // the X of the moves so far, in points
	var written int64 // the numbers written for them, in thousandths of the size
	tcErr := c.charSpacing - math.Round(c.charSpacing*1000)/1000
	var leftRune rune
	var leftRuneIndex uint
	k := 0 // the index of r among the text's runes
	for i, r := range c.text {
		var adj int64
		if len(moves) > 0 && moves[0].At <= k {
			for len(moves) > 0 && moves[0].At <= k {
				moved += moves[0].X
				moves = moves[1:]
			}
			want := int64(math.Round(-(moved + float64(k)*tcErr) * 1000 / c.fontSize))
			adj, written = want-written, want
		}
		k++
		glyphindex, err := c.fontSubset.CharIndex(r)
		if err == ErrCharNotFound {
			continue
		} else if err != nil {
			return buf, err
		}
		if i > 0 && useKerning { //kerning
			pairval := kern(c.fontSubset, leftRune, r, leftRuneIndex, glyphindex)
			adj -= int64(convertTTFUnit2PDFUnit(int(pairval), unitsPerEm))
		}
		if adj != 0 {
			if open {
				buf = append(buf, '>')
				open = false
			}
			buf = strconv.AppendInt(buf, adj, 10)
		}
		if !open {
			buf = append(buf, '<')
			open = true
		}
		buf = appendHex16(buf, c.fontSubset.cidOf(glyphindex))
		leftRune = r
		leftRuneIndex = glyphindex
	}
	if !open {
		buf = append(buf, '<')
	}
	return append(buf, ">]"...), nil
}

// textBufPool holds scratch buffers for cacheContentText.write.
var textBufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (c *cacheContentText) drawBorder(w io.Writer) error {

	//stream.WriteString(fmt.Sprintf("%.2f w\n", 0.1))
	lineOffset := c.lineWidth * 0.5

	if c.cellOpt.Border&Top == Top {

		startX := c.x - lineOffset
		startY := c.pageHeight() - c.y
		endX := c.x + c.cellWidthPdfUnit + lineOffset
		endY := startY
		_, err := fmt.Fprintf(w, "%0.2f %0.2f m %0.2f %0.2f l s\n", startX, startY, endX, endY)
		if err != nil {
			return err
		}
	}

	if c.cellOpt.Border&Left == Left {
		startX := c.x
		startY := c.pageHeight() - c.y
		endX := c.x
		endY := startY - c.cellHeightPdfUnit
		_, err := fmt.Fprintf(w, "%0.2f %0.2f m %0.2f %0.2f l s\n", startX, startY, endX, endY)
		if err != nil {
			return err
		}
	}

	if c.cellOpt.Border&Right == Right {
		startX := c.x + c.cellWidthPdfUnit
		startY := c.pageHeight() - c.y
		endX := c.x + c.cellWidthPdfUnit
		endY := startY - c.cellHeightPdfUnit
		_, err := fmt.Fprintf(w, "%0.2f %0.2f m %0.2f %0.2f l s\n", startX, startY, endX, endY)
		if err != nil {
			return err
		}
	}

	if c.cellOpt.Border&Bottom == Bottom {
		startX := c.x - lineOffset
		startY := c.pageHeight() - c.y - c.cellHeightPdfUnit
		endX := c.x + c.cellWidthPdfUnit + lineOffset
		endY := startY
		_, err := fmt.Fprintf(w, "%0.2f %0.2f m %0.2f %0.2f l s\n", startX, startY, endX, endY)
		if err != nil {
			return err
		}
	}

	return nil
}

func (c *cacheContentText) underline(w io.Writer) error {
	if c.fontSubset == nil {
		return errors.New("error AppendUnderline not found font")
	}

	coefLineHeight := defaultCoefLineHeight
	if c.cellOpt.CoefLineHeight != 0 {
		coefLineHeight = c.cellOpt.CoefLineHeight
	}

	coefUnderlinePosition := defaultCoefUnderlinePosition
	if c.cellOpt.CoefUnderlinePosition != 0 {
		coefUnderlinePosition = c.cellOpt.CoefUnderlinePosition
	}

	coefUnderlineThickness := defaultcoefUnderlineThickness
	if c.cellOpt.CoefUnderlineThickness != 0 {
		coefUnderlineThickness = c.cellOpt.CoefUnderlineThickness
	}

	ascenderPx := c.fontSubset.GetAscenderPx(c.fontSize)
	descenderPx := -c.fontSubset.GetDescenderPx(c.fontSize)

	contentHeight := ascenderPx + descenderPx
	virtualHeight := coefLineHeight * float64(c.fontSize)
	leading := (contentHeight - virtualHeight) / 2

	baseline := ascenderPx + leading

	underlinePositionPx := c.fontSubset.GetUnderlinePositionPx(c.fontSize) * coefUnderlinePosition
	underlineThicknessPx := c.fontSubset.GetUnderlineThicknessPx(c.fontSize) * coefUnderlineThickness

	yUnderlinePosition := c.pageHeight() - c.y + underlinePositionPx - baseline
	if _, err := fmt.Fprintf(w, "%0.2f %0.2f %0.2f %0.2f re f\n", c.x, yUnderlinePosition, c.cellWidthPdfUnit, underlineThicknessPx); err != nil {
		return err
	}

	return nil
}

func (c *cacheContentText) createContent() (float64, float64, error) {

	cellWidthPdfUnit, cellHeightPdfUnit, textWidthPdfUnit, err := createContent(c.fontSubset, c.text, c.fontSize, c.charSpacing, c.rectangle)
	if err != nil {
		return 0, 0, err
	}
	c.cellWidthPdfUnit = cellWidthPdfUnit
	c.cellHeightPdfUnit = cellHeightPdfUnit
	c.textWidthPdfUnit = textWidthPdfUnit
	return cellWidthPdfUnit, cellHeightPdfUnit, nil
}

func createContent(f *SubsetFontObj, text string, fontSize float64, charSpacing float64, rectangle *Rect) (float64, float64, float64, error) {

	unitsPerEm := int(f.ttfp.UnitsPerEm())
	// fork: loop invariants hoisted and one glyph lookup per character (it
	// looked each character up twice and recomputed the spacing per glyph);
	// the sum is the same.
	unitsPerPt := float64(unitsPerEm) / fontSize
	spaceWidthPdfUnit := convertTTFUnit2PDFUnit(int(unitsPerPt*charSpacing), unitsPerEm)
	useKerning := f.ttfFontOption.UseKerning
	var leftRune rune
	var leftRuneIndex uint
	sumWidth := int(0)
	for i, r := range text {

		glyphindex, err := f.CharIndex(r)
		if err == ErrCharNotFound {
			continue
		} else if err != nil {
			return 0, 0, 0, err
		}

		pairvalPdfUnit := 0
		if i > 0 && useKerning { //kerning
			pairval := kern(f, leftRune, r, leftRuneIndex, glyphindex)
			pairvalPdfUnit = convertTTFUnit2PDFUnit(int(pairval), unitsPerEm)
		}

		width := f.GlyphIndexToPdfWidth(glyphindex)

		sumWidth += int(width) + int(pairvalPdfUnit) + spaceWidthPdfUnit
		leftRune = r
		leftRuneIndex = glyphindex
	}

	cellWidthPdfUnit := float64(0)
	cellHeightPdfUnit := float64(0)
	if rectangle == nil {
		cellWidthPdfUnit = float64(sumWidth) * (float64(fontSize) / 1000.0)
		typoAscender := convertTypoUnit(float64(f.ttfp.TypoAscender()), f.ttfp.UnitsPerEm(), float64(fontSize))
		typoDescender := convertTypoUnit(float64(f.ttfp.TypoDescender()), f.ttfp.UnitsPerEm(), float64(fontSize))
		cellHeightPdfUnit = typoAscender - typoDescender
	} else {
		cellWidthPdfUnit = rectangle.W
		cellHeightPdfUnit = rectangle.H
	}
	textWidthPdfUnit := float64(sumWidth) * (float64(fontSize) / 1000.0)
	return cellWidthPdfUnit, cellHeightPdfUnit, textWidthPdfUnit, nil
}

func kern(f *SubsetFontObj, leftRune rune, rightRune rune, leftIndex uint, rightIndex uint) int16 {

	pairVal := int16(0)
	if haveKerning, kval := f.KernValueByLeft(leftIndex); haveKerning {
		if ok, v := kval.ValueByRight(rightIndex); ok {
			pairVal = v
		}
	}

	if f.funcKernOverride != nil {
		pairVal = f.funcKernOverride(
			leftRune,
			rightRune,
			leftIndex,
			rightIndex,
			pairVal,
		)
	}
	return pairVal
}

// CacheContent Export cacheContent
type CacheContent struct {
	cacheContentText
}

// Setup setup all information for cacheContent
func (c *CacheContent) Setup(rectangle *Rect,
	textColor ICacheColorText,
	grayFill float64,
	fontCountIndex int, //Curr.FontFontCount+1
	fontSize float64,
	fontStyle int,
	charSpacing float64,
	setXCount int, //จำนวนครั้งที่ใช้ setX
	x, y float64,
	fontSubset *SubsetFontObj,
	pageheight float64,
	contentType int,
	cellOpt CellOption,
	lineWidth float64,
) {
	c.cacheContentText = cacheContentText{
		fontSubset:     fontSubset,
		rectangle:      rectangle,
		textColor:      textColor,
		grayFill:       grayFill,
		fontCountIndex: fontCountIndex,
		fontSize:       fontSize,
		fontStyle:      fontStyle,
		charSpacing:    charSpacing,
		setXCount:      setXCount,
		x:              x,
		y:              y,
		pageheight:     pageheight,
		contentType:    ContentTypeCell,
		cellOpt:        cellOpt,
		lineWidth:      lineWidth,
	}
}

// WriteTextToContent write text to content
func (c *CacheContent) WriteTextToContent(text string) {
	c.cacheContentText.text += text
}
