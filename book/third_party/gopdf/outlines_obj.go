package gopdf

import (
	"fmt"
	"io"
)

// OutlinesObj : outlines dictionary
type OutlinesObj struct { //impl IObj
	getRoot func() *GoPdf

	index   int
	first   int
	last    int
	count   int
	lastObj *OutlineObj
}

func (o *OutlinesObj) init(funcGetRoot func() *GoPdf) {
	o.getRoot = funcGetRoot
	o.first = -1
	o.last = -1
}

func (o *OutlinesObj) getType() string {
	return "Outlines"
}

func (o *OutlinesObj) write(w io.Writer, objID int) error {
	content := "<<\n"
	content += fmt.Sprintf("\t/Type /%s\n", o.getType())
	content += fmt.Sprintf("\t/Count %d\n", o.count)

	if o.first >= 0 {
		content += fmt.Sprintf("\t/First %d 0 R\n", o.first)
	}

	if o.last >= 0 {
		content += fmt.Sprintf("\t/Last %d 0 R\n", o.last)
	}

	content += ">>\n"

	if _, err := io.WriteString(w, content); err != nil {
		return err
	}

	return nil
}

func (o *OutlinesObj) SetIndexObjOutlines(index int) {
	o.index = index
}

// objID is the PDF object number of the Outlines dictionary (fork: items pointed
// their /Parent at index, which is the Pages object).
func (o *OutlinesObj) objID() int { return o.index + 1 }

func (o *OutlinesObj) AddOutline(dest int, title string) {
	oo := &OutlineObj{title: title, dest: dest, page: -1, parent: o.objID(), prev: o.last, next: -1, root: o}
	o.last = o.getRoot().addObj(oo) + 1
	if o.first <= 0 {
		o.first = o.last
	}
	if o.lastObj != nil {
		o.lastObj.next = o.last
	}
	o.lastObj = oo
	o.count++
	oo.index = o.last
}

// AddOutlinesWithPosition add outlines with position
func (o *OutlinesObj) AddOutlinesWithPosition(dest int, title string, y float64) *OutlineObj {
	oo := &OutlineObj{title: title, dest: dest, page: -1, parent: o.objID(), prev: o.last, next: -1, height: y, root: o}
	o.last = o.getRoot().addObj(oo) + 1
	if o.first <= 0 {
		o.first = o.last
	}
	if o.lastObj != nil {
		o.lastObj.next = o.last
	}
	o.lastObj = oo
	o.count++
	oo.index = o.last
	return oo
}

// addOutlineAtPage adds an outline item whose destination is the 0-based page
// number page (resolved to its page object when the file is written, so the page
// may be added later) at height y (PDF user space, from the bottom).
func (o *OutlinesObj) addOutlineAtPage(page int, title string, y float64) *OutlineObj {
	oo := o.AddOutlinesWithPosition(0, title, y)
	oo.page = page
	return oo
}

func (o *OutlinesObj) Count() int {
	return o.count
}

// OutlineObj include attribute of outline
type OutlineObj struct { //impl IObj
	title  string
	index  int
	dest   int
	page   int // fork: 0-based page number resolved at write time, or -1 to use dest
	parent int
	prev   int
	next   int
	first  int
	last   int
	kids   int // fork: number of direct children (written as a negative /Count: closed)
	height float64
	root   *OutlinesObj
}

func (o *OutlineObj) init(funcGetRoot func() *GoPdf) {
}

func (o *OutlineObj) SetFirst(first int) {
	o.first = first
}

func (o *OutlineObj) SetLast(last int) {
	o.last = last
}

func (o *OutlineObj) SetPrev(prev int) {
	o.prev = prev
}

func (o *OutlineObj) SetNext(next int) {
	o.next = next
}

func (o *OutlineObj) SetParent(parent int) {
	o.parent = parent
}

func (o *OutlineObj) GetIndex() int {
	return o.index
}

func (o *OutlineObj) getType() string {
	return "Outline"
}

func (o *OutlineObj) write(w io.Writer, objID int) error {
	dest := o.dest
	if o.page >= 0 {
		gp := o.root.getRoot()
		if o.page >= len(gp.pageObjIndexes) {
			return fmt.Errorf("gopdf: outline %q points at page %d of %d", o.title, o.page+1, len(gp.pageObjIndexes))
		}
		dest = gp.pageObjIndexes[o.page] + 1
	}
	b := make([]byte, 0, 128+4*len(o.title))
	b = append(b, "<<\n"...)
	b = fmt.Appendf(b, "  /Parent %d 0 R\n", o.parent)
	if o.prev >= 0 {
		b = fmt.Appendf(b, "  /Prev %d 0 R\n", o.prev)
	}
	if o.next >= 0 {
		b = fmt.Appendf(b, "  /Next %d 0 R\n", o.next)
	}
	if o.first > 0 {
		b = fmt.Appendf(b, "  /First %d 0 R\n", o.first)
	}
	if o.last > 0 {
		b = fmt.Appendf(b, "  /Last %d 0 R\n", o.last)
	}
	if o.kids > 0 {
		b = fmt.Appendf(b, "  /Count %d\n", -o.kids)
	}
	if o.page >= 0 {
		b = fmt.Appendf(b, "  /Dest [ %d 0 R /XYZ 0 %s null ]\n", dest, FormatFloatTrim(o.height))
	} else {
		b = fmt.Appendf(b, "  /Dest [ %d 0 R /XYZ 90 %f 0 ]\n", dest, o.height)
	}
	b = append(b, "  /Title <FEFF"...)
	b = appendUTF16Hex(b, o.title)
	b = append(b, ">\n>>\n"...)
	_, err := w.Write(b)
	return err
}

// OutlineNode is a node of outline
type OutlineNode struct {
	Obj      *OutlineObj
	Children []*OutlineNode
}

// OutlineNodes are all nodes of outline
type OutlineNodes []*OutlineNode

// Parse links the top-level nodes into one chain under the document's Outlines
// dictionary and each node's children under it.
//
// Fork fixes: the top-level /Prev was never set (SetNext was called instead); the
// top-level /Parent pointed at the Pages object; the root /First, /Last and /Count
// described the order of creation, not the tree (mutool: "Bad or missing last
// pointer").
func (objs OutlineNodes) Parse() {
	for i, obj := range objs {
		if i == 0 {
			obj.Obj.SetPrev(-1)
		} else {
			obj.Obj.SetPrev(objs[i-1].Obj.GetIndex())
		}
		if i == len(objs)-1 {
			obj.Obj.SetNext(-1)
		} else {
			obj.Obj.SetNext(objs[i+1].Obj.GetIndex())
		}
		if root := obj.Obj.root; root != nil {
			obj.Obj.SetParent(root.objID())
		}
		obj.Parse()
	}
	if len(objs) > 0 {
		if root := objs[0].Obj.root; root != nil {
			root.first = objs[0].Obj.GetIndex()
			root.last = objs[len(objs)-1].Obj.GetIndex()
			// Children start closed, so only the top level is visible.
			root.count = len(objs)
		}
	}
}

// Parse parse outline
func (obj OutlineNode) Parse() {
	obj.Obj.kids = len(obj.Children)
	if len(obj.Children) == 0 {
		return
	}
	for i, children := range obj.Children {
		if i == 0 {
			obj.Obj.SetFirst(children.Obj.GetIndex())
			children.Obj.SetPrev(-1)
		}
		if i == len(obj.Children)-1 {
			obj.Obj.SetLast(children.Obj.GetIndex())
			children.Obj.SetNext(-1)
		}
		if i != 0 {
			children.Obj.SetPrev(obj.Children[i-1].Obj.GetIndex())
		}
		if i != len(obj.Children)-1 {
			children.Obj.SetNext(obj.Children[i+1].Obj.GetIndex())
		}
		children.Obj.SetParent(obj.Obj.GetIndex())
		children.Parse()
	}
}
