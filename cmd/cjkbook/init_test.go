package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitThenBuild: `cjkbook init DIR` gives a book that `cjkbook build DIR` builds without
// a warning, and a second init refuses to overwrite it.
func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "新书")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		noStderr bool
	}{
		{name: "init", args: []string{"init", "--author", "某人", dir}, stdout: "book.toml", noStderr: true},
		{name: "build", args: []string{"build", "-o", filepath.Join(dir, "out"), dir}, stdout: "2 chapters", noStderr: true},
		{name: "init again refuses", args: []string{"init", dir}, code: 1, stderr: "already exists"},
		{name: "two folders", args: []string{"init", dir, dir}, code: 2, stderr: "one DIR expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stdout %q (want %q), stderr %q (want %q)", out.String(), tt.stdout, errb.String(), tt.stderr)
			}
			if tt.noStderr && errb.Len() > 0 {
				t.Errorf("stderr: %s", errb.String())
			}
		})
	}
	for _, name := range []string{"新书.epub", "新书.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err != nil {
			t.Error(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(b), "out/") {
		t.Errorf(".gitignore = %q, want out/", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "book.toml")); !strings.Contains(string(b), `author = "某人"`) {
		t.Error("--author did not reach book.toml")
	}
}

func TestHelpNamesTheWritingLoop(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, want := range []string{"cjkbook init", "cjkbook serve", "--port N", "--watch", "127.0.0.1:3000"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
