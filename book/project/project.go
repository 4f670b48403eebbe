// Package project writes the starter files of a new book for `cjkbook init`: a commented
// book.toml that lists every setting with its default, a Markdown and a plain-text sample
// chapter, a sample image and a .gitignore for out/. The files are embedded with go:embed.
package project

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

//go:embed template
var files embed.FS

// Options are the values filled into the starter book.toml.
type Options struct {
	// Title is the book's title; "" means the base name of the folder.
	Title string
	// Author is the author's name; "" means 佚名 (anonymous).
	Author string
}

// ErrExists reports that init would overwrite a file; nothing was written.
var ErrExists = errors.New("project: file already exists")

// renames maps template names to the names written (go:embed skips dot files).
var renames = map[string]string{"gitignore": ".gitignore"}

// Files returns the relative slash-separated paths Init writes, sorted.
func Files() []string {
	var out []string
	_ = fs.WalkDir(files, "template", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, target(p))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func target(embedded string) string {
	rel := strings.TrimPrefix(embedded, "template/")
	if r, ok := renames[rel]; ok {
		return r
	}
	return rel
}

// Init writes a new book into dir (created when missing) and returns the paths it wrote.
// It refuses, before writing anything, when any of the files already exists.
func Init(dir string, o Options) ([]string, error) {
	if o.Title == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("init %s: %w", dir, err)
		}
		o.Title = filepath.Base(abs)
	}
	if o.Author == "" {
		o.Author = "佚名"
	}
	names := Files()
	var exist []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			exist = append(exist, filepath.Join(dir, filepath.FromSlash(n)))
		}
	}
	if len(exist) > 0 {
		return nil, fmt.Errorf("init %s: %w: %s (remove it or choose another folder)", dir, ErrExists, strings.Join(exist, ", "))
	}
	var written []string
	err := fs.WalkDir(files, "template", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		if path.Base(p) == "book.toml" {
			if data, err = fill(data, o); err != nil {
				return err
			}
		}
		dst := filepath.Join(dir, filepath.FromSlash(target(p)))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := writeNew(dst, data); err != nil {
			return err
		}
		written = append(written, dst)
		return nil
	})
	if err != nil {
		return written, fmt.Errorf("init %s: %w", dir, err)
	}
	return written, nil
}

// writeNew creates path with data, failing if it appeared meanwhile (O_EXCL).
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%w: %s", ErrExists, path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// fill puts the title and author, as TOML strings, into the book.toml template.
func fill(tmpl []byte, o Options) ([]byte, error) {
	t, err := template.New("book.toml").Parse(string(tmpl))
	if err != nil {
		return nil, fmt.Errorf("book.toml template: %w", err)
	}
	var b bytes.Buffer
	err = t.Execute(&b, map[string]string{"Title": tomlString(o.Title), "Author": tomlString(o.Author)})
	if err != nil {
		return nil, fmt.Errorf("book.toml template: %w", err)
	}
	return b.Bytes(), nil
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
