package preview

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watcher waits for a burst of file events (an editor's
// write-rename-chmod on save, a git checkout) to end before it reports one change.
const DefaultDebounce = 150 * time.Millisecond

// watchedExt are the extensions whose changes trigger a rebuild: manuscripts, book.toml,
// images and fonts. Everything else (the books themselves, editor swap and backup files)
// is ignored.
var watchedExt = map[string]bool{
	".md": true, ".markdown": true, ".txt": true, ".toml": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true,
	".ttf": true, ".otf": true, ".ttc": true,
}

// WatchOptions say what a Watcher watches.
type WatchOptions struct {
	// Src is the manuscript: a folder (watched with its subfolders) or one file (its folder
	// is watched, so editors that save by renaming are seen).
	Src string
	// Ignore lists folders whose contents never trigger a rebuild, such as the output folder.
	Ignore []string
	// Debounce is the quiet time that ends a burst of events; 0 means DefaultDebounce.
	Debounce time.Duration
}

// Watcher reports changes to a manuscript's files, one report per burst of events.
type Watcher struct {
	o      WatchOptions
	root   string
	file   string // the manuscript when it is one file: other texts beside it are not the book
	ignore []string
	fsw    *fsnotify.Watcher
}

// NewWatcher starts watching o.Src and its subfolders; changes made after it returns are
// reported by Run. Close it when done.
func NewWatcher(o WatchOptions) (*Watcher, error) {
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	abs, err := filepath.Abs(o.Src)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", o.Src, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", o.Src, err)
	}
	w := &Watcher{o: o, root: abs}
	if !st.IsDir() {
		w.root, w.file = filepath.Dir(abs), abs
	}
	for _, d := range o.Ignore {
		if a, err := filepath.Abs(d); err == nil {
			w.ignore = append(w.ignore, a)
		}
	}
	w.fsw, err = fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", o.Src, err)
	}
	if st.IsDir() {
		err = w.addTree(w.root)
	} else {
		err = w.fsw.Add(w.root)
	}
	if err != nil {
		_ = w.fsw.Close() // the watch error is the one to report
		return nil, fmt.Errorf("watch %s: %w", o.Src, err)
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// addTree watches dir and every subfolder that is not hidden or ignored.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // a folder that vanished or is unreadable is simply not watched
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && w.skipDir(p) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

// skipDir reports whether a folder's contents are never manuscript (hidden, or ignored).
func (w *Watcher) skipDir(p string) bool {
	if strings.HasPrefix(filepath.Base(p), ".") {
		return true
	}
	return w.ignored(p)
}

func (w *Watcher) ignored(p string) bool {
	for _, ig := range w.ignore {
		if p == ig || strings.HasPrefix(p, ig+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Relevant reports whether a change to the file at path (absolute) should rebuild the book.
func (w *Watcher) Relevant(path string) bool {
	if w.ignored(path) {
		return false
	}
	rel, err := filepath.Rel(w.root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#") {
			return false // hidden files and folders, editor lock and autosave files
		}
	}
	ext := strings.ToLower(filepath.Ext(path))
	if w.file != "" && textExt[ext] {
		return path == w.file
	}
	return watchedExt[ext]
}

// textExt are the manuscript and settings extensions among watchedExt.
var textExt = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".toml": true}

// Run calls onChange with the sorted changed paths after each burst of relevant events,
// until ctx is done. onChange runs on Run's goroutine; a slow onChange delays, never loses,
// the next report.
func (w *Watcher) Run(ctx context.Context, onChange func(changed []string)) error {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			return fmt.Errorf("watch %s: %w", w.o.Src, err)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !w.skipDir(ev.Name) {
					_ = w.addTree(ev.Name) // a folder gone already needs no watch; files created in it right away are caught by the walk below
					_ = filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
						if err == nil && !d.IsDir() && w.Relevant(p) {
							pending[p] = true
						}
						return nil
					})
					if len(pending) > 0 {
						timer.Reset(w.o.Debounce)
					}
				}
			}
			if ev.Op == fsnotify.Chmod || !w.Relevant(ev.Name) {
				continue
			}
			pending[ev.Name] = true
			timer.Reset(w.o.Debounce)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			slices.Sort(changed)
			clear(pending)
			onChange(changed)
		}
	}
}
