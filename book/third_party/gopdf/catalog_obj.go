package gopdf

import (
	"fmt"
	"io"
)

// CatalogObj : catalog dictionary
type CatalogObj struct { //impl IObj
	outlinesObjID int
	lang          string // fork: /Lang, the document's natural language (BCP 47)
	r2l           bool   // fork: /ViewerPreferences /Direction /R2L (vertical books)
	getRoot       func() *GoPdf
}

func (c *CatalogObj) init(funcGetRoot func() *GoPdf) {
	c.outlinesObjID = -1
	c.getRoot = funcGetRoot

}

func (c *CatalogObj) getType() string {
	return "Catalog"
}

func (c *CatalogObj) write(w io.Writer, objID int) error {
	io.WriteString(w, "<<\n")
	fmt.Fprintf(w, "  /Type /%s\n", c.getType())
	io.WriteString(w, "  /Pages 2 0 R\n")
	if c.outlinesObjID >= 0 {
		io.WriteString(w, "  /PageMode /UseOutlines\n")
		fmt.Fprintf(w, "  /Outlines %d 0 R\n", c.outlinesObjID)
	}
	gp := c.getRoot()
	switch {
	case c.r2l && gp.displayDocTitle:
		io.WriteString(w, "  /ViewerPreferences << /Direction /R2L /DisplayDocTitle true >>\n")
	case c.r2l:
		io.WriteString(w, "  /ViewerPreferences << /Direction /R2L >>\n")
	case gp.displayDocTitle:
		io.WriteString(w, "  /ViewerPreferences << /DisplayDocTitle true >>\n")
	}
	// fork: tagged PDF and PDF/A (fork_tags.go).
	if gp.tree != nil {
		fmt.Fprintf(w, "  /MarkInfo << /Marked true >>\n  /StructTreeRoot %d 0 R\n", gp.tree.rootObj)
	}
	if gp.xmpObj > 0 {
		fmt.Fprintf(w, "  /Metadata %d 0 R\n", gp.xmpObj)
	}
	if gp.outputIntentObj > 0 {
		fmt.Fprintf(w, "  /OutputIntents [%d 0 R]\n", gp.outputIntentObj)
	}
	if c.lang != "" {
		fmt.Fprintf(w, "  /Lang %s\n", pdfTextString(c.lang))
	}
	io.WriteString(w, ">>\n")
	return nil
}

func (c *CatalogObj) SetIndexObjOutlines(index int) {
	c.outlinesObjID = index + 1
}
