package epubfile

import (
	"archive/zip"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"cjkbook/book/load/internal/safezip"
)

// Limits bound what Read accepts, so that a hostile archive (a zip bomb, an
// archive of a million empty members) is refused instead of filling memory.
type Limits = safezip.Limits

// DefaultLimits are generous for books (a 1,000-chapter web novel with
// pictures fits many times over) and small for memory.
var DefaultLimits = Limits{MaxMembers: 20000, MaxMember: 64 << 20, MaxTotal: 512 << 20}

// member returns the archive member at p (a clean path inside the archive).
func (b *Book) member(p string) (*zip.File, bool) {
	f, ok := b.files[p]
	if !ok {
		// Some tools write names in another case than the manifest uses.
		f, ok = b.folded[strings.ToLower(p)]
	}
	return f, ok
}

// Has reports whether the archive holds a member at p.
func (b *Book) Has(p string) bool {
	_, ok := b.member(p)
	return ok
}

// ReadFile returns the uncompressed bytes of the member at p, counting them
// against the limits: a member that inflates past its stated size or past the
// limits is refused with ErrTooLarge.
func (b *Book) ReadFile(p string) ([]byte, error) {
	f, ok := b.member(p)
	if !ok {
		return nil, fmt.Errorf("%s: %w", p, errMissing)
	}
	if f.Flags&0x1 != 0 {
		return nil, fmt.Errorf("%s: the member is password-protected: %w", p, ErrDRM)
	}
	data, err := b.zip.Read(f, b.lim.MaxMember)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// errMissing is wrapped when a member the book names is not in the archive.
var errMissing = errors.New("not in the archive")

// index checks every member name and indexes the members by name. A name that
// leads outside the archive (absolute, "..", a drive letter, a backslash) is
// refused with ErrUnsafe: a reader that extracts it would write anywhere.
func (b *Book) index() error {
	b.files = make(map[string]*zip.File, len(b.zip.Files))
	b.folded = make(map[string]*zip.File, len(b.zip.Files))
	var total uint64
	for _, f := range b.zip.Files {
		if err := safeName(f.Name); err != nil {
			return fmt.Errorf("member %q: %w", f.Name, err)
		}
		total += f.UncompressedSize64
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		b.files[f.Name] = f
		b.folded[strings.ToLower(f.Name)] = f
	}
	if total > uint64(b.lim.MaxTotal) {
		return fmt.Errorf("the members inflate to %d MB, more than the %d MB allowed: %w", total>>20, b.lim.MaxTotal>>20, ErrTooLarge)
	}
	return nil
}

// safeName refuses member names that escape the archive's root.
func safeName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty name: %w", ErrUnsafe)
	case strings.ContainsRune(name, '\\'), strings.ContainsRune(name, 0):
		return fmt.Errorf("backslash or NUL in the name: %w", ErrUnsafe)
	case strings.HasPrefix(name, "/"), len(name) > 1 && name[1] == ':':
		return fmt.Errorf("absolute path: %w", ErrUnsafe)
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return fmt.Errorf("path leads outside the archive: %w", ErrUnsafe)
		}
	}
	return nil
}

// resolve turns an href of the document at base into a clean archive path,
// dropping the fragment (returned apart). ok is false for remote targets and
// for paths that leave the archive.
func resolve(base, href string) (p, frag string, ok bool) {
	href = strings.TrimSpace(href)
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href, frag = href[:i], href[i+1:]
	}
	if i := strings.IndexByte(href, '?'); i >= 0 {
		href = href[:i]
	}
	if strings.Contains(href, ":") { // a scheme: http:, mailto:, data:
		return "", frag, false
	}
	href, frag = unescape(href), unescape(frag)
	if href == "" {
		return base, frag, true // a fragment within the same document
	}
	if strings.HasPrefix(href, "/") {
		p = path.Clean(strings.TrimPrefix(href, "/"))
	} else {
		p = path.Clean(path.Join(path.Dir(base), href))
	}
	if p == ".." || strings.HasPrefix(p, "../") || p == "." {
		return "", frag, false
	}
	return p, frag, true
}

// Resolve turns an href found in the document at base (an archive path) into
// the archive path it names and its fragment; ok is false for remote targets
// and for paths outside the archive.
func Resolve(base, href string) (p, frag string, ok bool) { return resolve(base, href) }

// unescape decodes %XX escapes; a malformed escape leaves s as it is.
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
