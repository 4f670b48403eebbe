// Package safezip reads the members of a zip archive from an untrusted file (a
// .docx, an .epub) within limits, so that a crafted archive — a zip bomb, a member
// whose header understates what it inflates to, a million empty members — is
// refused with a clear error instead of filling memory.
//
// It only reads: member names are not checked for paths that leave the archive,
// since nothing here writes them to disk (a reader that does must check them).
package safezip

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Errors the archive's functions wrap, for callers that tell the cases apart.
var (
	// ErrCorrupt: the archive or one of its members cannot be read.
	ErrCorrupt = errors.New("corrupt archive")
	// ErrTooLarge: the archive lists too many members or inflates past the limits.
	ErrTooLarge = errors.New("archive too large")
)

// Limits bound what an Archive reads.
type Limits struct {
	// MaxMembers is the most members the archive may list.
	MaxMembers int
	// MaxMember is the most uncompressed bytes one member may hold.
	MaxMember int64
	// MaxTotal is the most uncompressed bytes all the members read may hold together.
	MaxTotal int64
}

// Archive is an opened zip archive that counts the bytes its members inflate to.
type Archive struct {
	// Files are the archive's members as the central directory lists them.
	Files []*zip.File

	lim  Limits
	read int64 // uncompressed bytes read so far
}

// Open opens the zip archive of size bytes held by r. It fails with ErrCorrupt
// when r is not a readable archive and with ErrTooLarge when it lists more than
// lim.MaxMembers members. Names that archive/zip calls insecure are let through:
// the caller decides about them.
func Open(r io.ReaderAt, size int64, lim Limits) (*Archive, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if len(zr.File) > lim.MaxMembers {
		return nil, fmt.Errorf("the archive has %d members, more than the %d allowed: %w", len(zr.File), lim.MaxMembers, ErrTooLarge)
	}
	return &Archive{Files: zr.File, lim: lim}, nil
}

// Read returns the uncompressed bytes of member f, which must be one of a.Files.
// A member larger than limit, than Limits.MaxMember or than what is left of
// Limits.MaxTotal is refused with ErrTooLarge — by its header's size, before
// anything is inflated. A member that cannot be inflated, or inflates to more
// than its header says, fails with ErrCorrupt. Errors name the member.
func (a *Archive) Read(f *zip.File, limit int64) ([]byte, error) {
	limit = max(0, min(limit, a.lim.MaxMember, a.lim.MaxTotal-a.read))
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: %s uncompressed is more than the %s allowed: %w", f.Name, size(int64(min(f.UncompressedSize64, 1<<62))), size(limit), ErrTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", f.Name, ErrCorrupt, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(f.UncompressedSize64))
	n, err := io.Copy(&buf, io.LimitReader(rc, limit+1))
	a.read += n
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", f.Name, ErrCorrupt, err)
	}
	if n > limit {
		// archive/zip refuses content longer than the header first; this guards
		// the limit should it ever not.
		return nil, fmt.Errorf("%s: inflates past the %s allowed: %w", f.Name, size(limit), ErrTooLarge)
	}
	return buf.Bytes(), nil
}

// Inflated returns the uncompressed bytes read from the archive so far.
func (a *Archive) Inflated() int64 { return a.read }

// size writes n bytes for a message: in MB from 1 MB up, else in bytes.
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
