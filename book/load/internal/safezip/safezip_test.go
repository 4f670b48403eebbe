package safezip

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"cjkbook/book/internal/testzip"
)

// understated rewrites the central directory of a one-member archive so that
// its header claims one uncompressed byte (archive/zip checks the size as it reads).
func understated(data []byte) []byte {
	data = bytes.Clone(data)
	cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
	copy(data[cd+24:], []byte{1, 0, 0, 0})
	return data
}

var lim = Limits{MaxMembers: 4, MaxMember: 1 << 20, MaxTotal: 1536 << 10}

func TestOpen(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"archive", testzip.Of(t, "a", "x"), nil},
		{"not a zip", []byte("这不是压缩包"), ErrCorrupt},
		{"truncated", testzip.Of(t, "a", "x")[:20], ErrCorrupt},
		{"too many members", testzip.Of(t, "a", "", "b", "", "c", "", "d", "", "e", ""), ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(bytes.NewReader(c.data), int64(len(c.data)), lim)
			if !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
				t.Fatalf("Open: %v; want %v", err, c.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	big := strings.Repeat("a", 1<<20+1)
	cases := []struct {
		name  string
		data  []byte
		limit int64
		want  error
		msg   string
	}{
		{"small", testzip.Of(t, "a.xml", "<a/>"), 1 << 20, nil, ""},
		{"over the caller's limit", testzip.Of(t, "a.xml", "<a/>"), 3, ErrTooLarge, "a.xml: 4 bytes uncompressed is more than the 3 bytes allowed"},
		{"over MaxMember", testzip.Of(t, "a.xml", big), 8 << 20, ErrTooLarge, "more than the 1 MB allowed"},
		{"header understates", understated(testzip.Of(t, "a.xml", big)), 8 << 20, ErrCorrupt, "a.xml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Open(bytes.NewReader(c.data), int64(len(c.data)), lim)
			if err != nil {
				t.Fatal(err)
			}
			data, err := a.Read(a.Files[0], c.limit)
			if c.want == nil {
				if err != nil || string(data) != "<a/>" {
					t.Fatalf("Read = %q, %v", data, err)
				}
				return
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("Read: %v; want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

// TestReadTotal checks that the members read together stay within MaxTotal even
// when each is within MaxMember.
func TestReadTotal(t *testing.T) {
	part := strings.Repeat("a", 600<<10)
	data := testzip.Of(t, "a", part, "b", part, "c", part)
	a, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range a.Files {
		_, err := a.Read(f, lim.MaxMember)
		if want := i < 2; (err == nil) != want || (err != nil && !errors.Is(err, ErrTooLarge)) {
			t.Fatalf("member %d: %v", i, err)
		}
	}
}
