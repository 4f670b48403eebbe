package epubfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/internal/golden"
)

// dump formats what Read found, for the golden files.
func dump(b *Book) string {
	var sb strings.Builder
	m := b.Meta
	fmt.Fprintf(&sb, "version %s\nopf %s\ntitle %q\ncreators %q\nlanguage %q\ndescription %q\nidentifier %q\npublisher %q\n",
		b.Version, b.OPF, m.Title, m.Creators, m.Language, m.Description, m.Identifier, m.Publisher)
	fmt.Fprintf(&sb, "cover %s\ncover page %s\ntoc from %s\n", b.Cover, b.CoverPage, b.TOCFrom)
	for _, it := range b.Spine {
		fmt.Fprintf(&sb, "spine %s %s linear=%v\n", it.Path, it.MediaType, it.Linear)
	}
	for _, e := range b.TOC {
		fmt.Fprintf(&sb, "toc %d %q %s#%s\n", e.Level, e.Title, e.Path, e.Fragment)
	}
	for _, w := range b.Warnings {
		fmt.Fprintf(&sb, "warning %s: %s\n", w.File, w.Msg)
	}
	return sb.String()
}

// TestGolden reads each fixture made by make.sh (pandoc, Calibre) and compares
// its structure with testdata/NAME.golden.
func TestGolden(t *testing.T) {
	g := golden.Open(t, "testdata", ".golden")
	files, _ := filepath.Glob("testdata/*.epub")
	if len(files) == 0 {
		t.Fatal("no testdata/*.epub fixtures; run testdata/make.sh")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".epub")
		t.Run(name, func(t *testing.T) {
			b, err := Open(f)
			if err != nil {
				t.Fatal(err)
			}
			g.Check(t, name+".golden", []byte(dump(b)))
			for _, it := range b.Spine {
				if _, err := b.ReadXML(it.Path); err != nil {
					t.Errorf("spine document: %v", err)
				}
			}
		})
	}
}

// member is one file of a test archive.
type member struct {
	name, body string
	store      bool // uncompressed
}

// makeZip builds an archive in memory.
func makeZip(t testing.TB, ms ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range ms {
		method := zip.Deflate
		if m.store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	containerXML = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">` +
		`<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`
	opfXML = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">` +
		`<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>书</dc:title><dc:identifier id="id">x</dc:identifier></metadata>` +
		`<manifest><item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`
	chapterXHTML = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">` +
		`<html xmlns="http://www.w3.org/1999/xhtml"><body><p>正文</p></body></html>`
)

// minimal returns the members of a small valid EPUB 2, with extra members appended.
func minimal(extra ...member) []member {
	return append([]member{{name: "mimetype", body: "application/epub+zip", store: true},
		{name: "META-INF/container.xml", body: containerXML},
		{name: "OEBPS/content.opf", body: opfXML},
		{name: "OEBPS/ch1.xhtml", body: chapterXHTML}}, extra...)
}

// TestBadInput checks that hostile or broken archives are refused with the
// right error, and that a minimal valid one (XHTML 1.1 DOCTYPE included) loads.
func TestBadInput(t *testing.T) {
	small := Limits{MaxMembers: 50, MaxMember: 1 << 20, MaxTotal: 2 << 20}
	bomb := strings.Repeat("0", 3<<20)
	many := minimal()
	for i := range 60 {
		many = append(many, member{name: fmt.Sprintf("x/%d", i)})
	}
	encryption := func(alg string) member {
		return member{name: "META-INF/encryption.xml", body: `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">` +
			`<enc:EncryptedData><enc:EncryptionMethod Algorithm="` + alg + `"/><enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`}
	}
	for _, tc := range []struct {
		name string
		data []byte
		want error // nil: loads
	}{
		{"valid", makeZip(t, minimal()...), nil},
		{"font obfuscation", makeZip(t, minimal(encryption("http://www.idpf.org/2008/embedding"))...), nil},
		{"drm", makeZip(t, minimal(encryption("http://www.w3.org/2001/04/xmlenc#aes128-cbc"))...), ErrDRM},
		{"adobe rights", makeZip(t, minimal(member{name: "META-INF/rights.xml", body: "<rights/>"})...), ErrDRM},
		{"zip slip", makeZip(t, minimal(member{name: "../../etc/evil", body: "x"})...), ErrUnsafe},
		{"absolute", makeZip(t, minimal(member{name: "/etc/evil", body: "x"})...), ErrUnsafe},
		{"backslash", makeZip(t, minimal(member{name: `..\evil`, body: "x"})...), ErrUnsafe},
		{"bomb", makeZip(t, minimal(member{name: "OEBPS/big.txt", body: bomb})...), ErrTooLarge},
		{"members", makeZip(t, many...), ErrTooLarge},
		{"corrupt", []byte("PK\x03\x04 this is not a zip archive at all"), ErrCorrupt},
		{"truncated", makeZip(t, minimal()...)[:200], ErrCorrupt},
		{"missing opf", makeZip(t, minimal()[:2]...), ErrNotEPUB},
		{"no container no opf", makeZip(t, member{name: "mimetype", body: "application/epub+zip"}), ErrNotEPUB},
		{"entities", makeZip(t, append(minimal()[:2], member{name: "OEBPS/content.opf",
			body: `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>` + opfXML[21:]})...), ErrEntity},
		{"external entity", makeZip(t, append(minimal()[:2], member{name: "OEBPS/content.opf",
			body: `<?xml version="1.0"?><!DOCTYPE p SYSTEM "file:///etc/passwd"><!ENTITY x SYSTEM "file:///etc/passwd">` + opfXML[21:]})...), ErrEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Read(bytes.NewReader(tc.data), int64(len(tc.data)), small)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				if _, err := b.ReadXML(b.Spine[0].Path); err != nil {
					t.Fatalf("chapter: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("want %v, got %v", tc.want, err)
			}
			t.Logf("%v", err)
		})
	}
}

// FuzzRead feeds Read arbitrary archives (seeded with the fixtures and the
// minimal book): it must never panic, and the limits bound its memory.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.epub")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add(makeZip(f, minimal()...))
	lim := Limits{MaxMembers: 200, MaxMember: 4 << 20, MaxTotal: 16 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			return
		}
		for _, it := range b.Spine {
			_, _ = b.ReadXML(it.Path) // errors are fine; panics and unbounded reads are not
		}
		if n := b.zip.Inflated(); n > lim.MaxTotal {
			t.Fatalf("read %d bytes, more than the %d allowed", n, lim.MaxTotal)
		}
	})
}
