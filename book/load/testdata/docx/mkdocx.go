//go:build ignore

// mkdocx zips a folder into a .docx, members in name order with a fixed time:
//
//	go run mkdocx.go wps wps.docx
package main

import (
	"archive/zip"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: go run mkdocx.go FOLDER OUT.docx")
	}
	dir, out := os.Args[1], os.Args[2]
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	sort.Strings(names) // [Content_Types].xml first, as Word writes it
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			log.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
