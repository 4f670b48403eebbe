#!/usr/bin/python3
"""Checks a tagged PDF from outside, with pikepdf (Debian's python3-pikepdf).

Usage: tagcheck.py FILE.pdf [--standards]

Prints one JSON object: "errors" (what is wrong, at most 50), "counts" (structure
elements by type), "mcids" (marked-content sequences in the tree), "artifacts",
"headings" (levels in reading order), "text" (the tree's text in reading order: the
glyphs of its marked-content sequences through the fonts' ToUnicode maps, an /ActualText
of a span or an element in place of what it covers) and, with --standards, what the XMP claims.
The Matterhorn Protocol checks this covers are listed in docs/pdf-accessibility.md.
"""
import json
import sys

import pikepdf

# The standard structure types of PDF 32000-1 §14.8.4 (Matterhorn 02-001 needs the others role-mapped).
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6
L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())
# Where the grouping elements may stand (Matterhorn 09-004 … 09-007): child -> allowed parents.
PARENTS = {"LI": {"L"}, "Lbl": {"LI", "P", "Note", "TOCI", "BibEntry"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
           "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}, "TOCI": {"TOC"}}

PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}


def main():
    path = sys.argv[1]
    standards = "--standards" in sys.argv[2:]
    pdf = pikepdf.open(path)
    errors = []
    err = errors.append
    root = pdf.Root
    out = {"pages": len(pdf.pages)}

    # Document level: Marked, StructTreeRoot, Lang (Matterhorn 01-002, 06-002? 11-001).
    mi = root.get("/MarkInfo")
    if mi is None or not bool(mi.get("/Marked", False)):
        err("catalog: /MarkInfo /Marked is not true")
    lang = str(root.get("/Lang", ""))
    out["lang"] = lang
    if not lang:
        err("catalog: no /Lang")
    tr = root.get("/StructTreeRoot")
    if tr is None:
        err("catalog: no /StructTreeRoot")
        finish(out, errors)
        return
    parent_tree = {}
    nums = tr.ParentTree.get("/Nums")
    if nums is None:
        err("ParentTree: no /Nums (kids trees are not read by this check)")
        nums = []
    for i in range(0, len(nums), 2):
        parent_tree[int(nums[i])] = nums[i + 1]

    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    role_map = {str(k)[1:] for k in tr.get("/RoleMap", {}).keys()}
    note_ids = set()
    if mi is not None and bool(mi.get("/Suspects", False)):
        err("catalog: /MarkInfo /Suspects true (Matterhorn 01-007)")
    counts = {}
    headings = []
    tree_mcids = {}  # (page, mcid) -> element objgen
    annot_elem = {}  # annotation objgen -> element objgen

    def walk(e, parent, depth):
        if depth > 200:
            err("structure tree deeper than 200")
            return
        s = str(e.get("/S", ""))[1:]
        counts[s] = counts.get(s, 0) + 1
        if s not in STANDARD and s not in role_map:
            err(f"{s} {e.objgen}: not a standard structure type and not role-mapped (Matterhorn 02-001)")
        ps = str(parent.get("/S", ""))[1:] if parent is not None else ""
        if s in PARENTS and ps not in PARENTS[s]:
            err(f"{s} {e.objgen} inside {ps} (Matterhorn 09-004..09-007)")
        if s == "Note":
            nid = str(e.get("/ID", ""))
            if not nid:
                err(f"Note {e.objgen}: no /ID (Matterhorn 19-003)")
            elif nid in note_ids:
                err(f"Note {e.objgen}: /ID {nid} not unique (Matterhorn 19-004)")
            note_ids.add(nid)
        if parent is not None and e.get("/P") is not None and e.P.objgen != parent.objgen:
            err(f"{s} {e.objgen}: /P is not its parent")
        if len(s) == 2 and s[0] == "H" and s[1].isdigit():
            headings.append(int(s[1]))
        if s == "Figure":
            if not str(e.get("/Alt", "")).strip():
                err(f"Figure {e.objgen}: no /Alt (Matterhorn 13-004)")
            a = e.get("/A")
            if a is None or "/BBox" not in a:
                err(f"Figure {e.objgen}: no /BBox")
        if s == "TH":
            a = e.get("/A")
            if a is None or "/Scope" not in a:
                err(f"TH {e.objgen}: no /Scope")
        pg = e.get("/Pg")
        kids = e.get("/K")
        if kids is None:
            err(f"{s} {e.objgen}: no kids")
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for k in kids:
            if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
                if pg is None:
                    err(f"{s} {e.objgen}: MCID {int(k)} without /Pg")
                    continue
                tree_mcids[(page_index[pg.objgen], int(k))] = e.objgen
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                p = k.get("/Pg", pg)
                tree_mcids[(page_index[p.objgen], int(k.MCID))] = e.objgen
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                annot_elem[k.Obj.objgen] = e.objgen
                if s not in ("Link", "Annot"):
                    err(f"{s} {e.objgen}: holds an annotation (Matterhorn 28-011)")
            elif isinstance(k, pikepdf.Dictionary):
                walk(k, e, depth + 1)
            else:
                err(f"{s} {e.objgen}: odd kid {k!r}")

    top = tr.K
    for e in (top if isinstance(top, pikepdf.Array) else [top]):
        walk(e, None, 0)
    out["counts"] = counts
    out["headings"] = headings
    out["mcids"] = len(tree_mcids)

    # Headings nest without skipped levels (Matterhorn 14-003), starting at H1 (14-002).
    prev = 0
    for h in headings:
        if h > prev + 1:
            err(f"heading H{h} after H{prev}: a level is skipped (Matterhorn 14-003)")
            break
        prev = h
    if counts.get("Table", 0) and not counts.get("TH", 0):
        err("a Table without TH cells")

    # Every page: content is marked content in the tree or an artifact (Matterhorn 01-001..01-005).
    # The text of each marked-content sequence is read on the way (mcid_text), with the
    # /ActualText of an enclosing span in place of the glyphs it covers.
    artifacts = 0
    seen = set()
    mcid_text = {}  # (page, mcid) -> text
    fonts = {}  # font objgen -> (code length, code -> text)
    for pi, page in enumerate(pdf.pages):
        sp = page.obj.get("/StructParents")
        ptree = parent_tree.get(int(sp)) if sp is not None else None
        stack = []  # [tag, mcid, actual text or None, first MCID opened inside]
        font = None
        page_unmapped = False
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name == "Tf":
                font = page_font(page, operands[0], fonts)
            elif name in ("Tj", "TJ", "'", '"') and not any(s[2] is not None for s in stack):
                inner = [s[1] for s in stack if s[1] is not None]
                if inner and font is not None:
                    key = (pi, inner[-1])
                    text, unmapped = shown_text(operands[-1], font)
                    mcid_text[key] = mcid_text.get(key, "") + text
                    if unmapped and not page_unmapped:
                        err(f"page {pi + 1}: a glyph code without a Unicode mapping in tagged text (Matterhorn 10-001)")
                    page_unmapped = page_unmapped or unmapped
            if name in ("BDC", "BMC"):
                tag = str(operands[0])[1:]
                mcid = None
                props = operands[1] if name == "BDC" else None
                if isinstance(props, pikepdf.Name):
                    props = page.obj.get("/Resources", {}).get("/Properties", {}).get(props)
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                actual = str(props.ActualText) if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props else None
                if mcid is not None:
                    for s in stack:
                        if s[2] is not None and s[3] is None:
                            s[3] = mcid
                stack.append([tag, mcid, actual, None])
                if tag == "Artifact":
                    artifacts += 1
                    if any(s[1] is not None for s in stack):
                        err(f"page {pi + 1}: an artifact inside tagged content")
                elif mcid is not None:
                    if any(s[0] == "Artifact" for s in stack):
                        err(f"page {pi + 1}: MCID {mcid} inside an artifact (Matterhorn 01-001)")
                    if (pi, mcid) not in tree_mcids:
                        err(f"page {pi + 1}: MCID {mcid} ({tag}) is not in the structure tree (Matterhorn 01-004)")
                    elif ptree is None or mcid >= len(ptree) or ptree[mcid].objgen != tree_mcids[(pi, mcid)]:
                        err(f"page {pi + 1}: MCID {mcid}: the parent tree does not point at its element")
                    seen.add((pi, mcid))
            elif name == "EMC":
                if not stack:
                    err(f"page {pi + 1}: EMC without BDC")
                    continue
                tag, mcid, actual, first = stack.pop()
                inner = [s[1] for s in stack if s[1] is not None]
                target = first if first is not None else (mcid if mcid is not None else (inner[-1] if inner else None))
                if actual is not None and target is not None and not any(s[2] is not None for s in stack):
                    mcid_text[(pi, target)] = mcid_text.get((pi, target), "") + actual
            elif name in PAINT or name == "INLINE IMAGE":
                if not stack:
                    err(f"page {pi + 1}: {name} outside marked content: neither tagged nor an artifact (Matterhorn 01-005)")
                    break
        if stack:
            err(f"page {pi + 1}: unclosed marked content")
        # Link annotations: in the tree, with /Contents (Matterhorn 28-002, 28-004, 28-011).
        for a in page.obj.get("/Annots", []):
            if a.get("/Subtype") != "/Link":
                continue
            if a.objgen not in annot_elem:
                err(f"page {pi + 1}: a link annotation not in the structure tree (Matterhorn 28-011)")
            k = a.get("/StructParent")
            if k is None or int(k) not in parent_tree or parent_tree[int(k)].objgen != annot_elem.get(a.objgen):
                err(f"page {pi + 1}: a link annotation whose /StructParent does not lead to its Link")
            if not str(a.get("/Contents", "")).strip():
                err(f"page {pi + 1}: a link annotation without /Contents (Matterhorn 28-004)")
            d = a.get("/Dest")
            if d is not None and d[0].objgen not in page_index:
                err(f"page {pi + 1}: a link to no page")
        if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S":
            err(f"page {pi + 1}: annotations but no /Tabs /S (Matterhorn 28-001? 29-...)")
    # Fonts: every font program embedded (Matterhorn 31-001), with a ToUnicode map (31-027, PDF/A u and a levels).
    seen_fonts = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for name, f in fonts.items():
            if f.objgen in seen_fonts:
                continue
            seen_fonts.add(f.objgen)
            for d in f.get("/DescendantFonts", [f]):
                fd = d.get("/FontDescriptor")
                if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    err(f"font {name}: not embedded (Matterhorn 31-001)")
            if "/ToUnicode" not in f:
                err(f"font {name}: no ToUnicode map")
    out["text"] = "".join(elem_text(e, mcid_text, page_index) for e in (top if isinstance(top, pikepdf.Array) else [top]))
    missing = set(tree_mcids) - seen
    if missing:
        err(f"{len(missing)} MCIDs in the tree are not on their pages, e.g. {sorted(missing)[:3]}")
    out["artifacts"] = artifacts

    # TOC entries link to their pages.
    toc_links = 0
    for a_og, e_og in annot_elem.items():
        e = pdf.get_object(e_og)
        if e.get("/P") is not None and str(e.P.get("/S")) == "/TOCI":
            toc_links += 1
    out["toc_links"] = toc_links

    if standards:
        vp = root.get("/ViewerPreferences")
        if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
            err("no /ViewerPreferences /DisplayDocTitle true (Matterhorn 07-001)")
        import re
        raw = root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in root else ""
        out["xmp"] = {}
        for k in ("pdfuaid:part", "pdfaid:part", "pdfaid:conformance", "pdf:Producer", "xmp:CreateDate"):
            m = re.search("<" + k + ">([^<]*)</" + k + ">", raw)
            out["xmp"][k] = m.group(1) if m else ""
        m = re.search(r'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)<', raw)
        out["xmp"]["dc:title"] = m.group(1) if m else ""
        if not out["xmp"]["dc:title"]:
            err("XMP: no dc:title (Matterhorn 06-003)")
        ois = root.get("/OutputIntents")
        out["output_intent"] = bool(ois) and "/DestOutputProfile" in ois[0]
        if pdf.trailer.get("/ID") is None:
            err("trailer: no /ID (PDF/A)")
        if pdf.is_encrypted:
            err("encrypted")
    finish(out, errors)


def page_font(page, name, fonts):
    """The (code length, code -> text) map of the font resource name on page, from its ToUnicode CMap."""
    f = page.obj.get("/Resources", {}).get("/Font", {}).get(name)
    if f is None:
        return None
    if f.objgen not in fonts:
        fonts[f.objgen] = to_unicode(f)
    return fonts[f.objgen]


def to_unicode(f):
    """Reads a font's ToUnicode CMap (bfchar and bfrange sections)."""
    import re
    codes, width = {}, 2 if f.get("/Subtype") == "/Type0" else 1
    if "/ToUnicode" not in f:
        return width, codes
    cmap = f.ToUnicode.read_bytes().decode("latin-1")
    hexs = lambda h: bytes.fromhex(h).decode("utf-16-be", "replace")
    for sec in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", sec):
            codes[int(src, 16)] = hexs(dst)
            width = len(src) // 2
    for sec in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", sec):
            width = len(lo) // 2
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                for i, d in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    codes[lo + i] = hexs(d)
            else:
                base = bytes.fromhex(dst[1:-1])
                for c in range(lo, hi + 1):
                    b = base[:-1] + bytes([base[-1] + c - lo]) if base else b""
                    codes[c] = b.decode("utf-16-be", "replace")
    return width, codes


def shown_text(arg, font):
    """The text a Tj string or TJ array shows in font (numbers in a TJ array show nothing),
    and whether a code has no Unicode mapping (it reads as U+FFFD)."""
    width, codes = font
    parts = arg if isinstance(arg, pikepdf.Array) else [arg]
    out, unmapped = [], False
    for p in parts:
        if isinstance(p, pikepdf.String):
            b = bytes(p)
            for i in range(0, len(b) - width + 1, width):
                c = codes.get(int.from_bytes(b[i:i + width], "big"))
                unmapped = unmapped or not c
                out.append(c or "\ufffd")
    return "".join(out), unmapped


def elem_text(e, mcid_text, page_index, depth=0):
    """The text of a structure element in reading order: its /ActualText, else its kids'."""
    if depth > 200 or not isinstance(e, pikepdf.Dictionary):
        return ""
    if "/ActualText" in e:
        return str(e.ActualText)
    pg = e.get("/Pg")
    kids = e.get("/K")
    if kids is None:
        return ""
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    out = []
    for k in kids:
        if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
            if pg is not None:
                out.append(mcid_text.get((page_index[pg.objgen], int(k)), ""))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
            p = k.get("/Pg", pg)
            out.append(mcid_text.get((page_index[p.objgen], int(k.MCID)), ""))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/OBJR":
            out.append(elem_text(k, mcid_text, page_index, depth + 1))
    return "".join(out)


def finish(out, errors):
    out["errors"] = errors[:50]
    out["error_count"] = len(errors)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
