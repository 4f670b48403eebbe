package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
)

//go:embed page.html
var pageHTML []byte

// contentTypes fixes the types of EPUB members (the system's MIME table may lack them).
var contentTypes = map[string]string{
	".xhtml": "application/xhtml+xml; charset=utf-8",
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".svg":   "image/svg+xml",
	".webp":  "image/webp",
	".ncx":   "application/x-dtbncx+xml",
	".opf":   "application/oebps-package+xml",
	".xml":   "application/xml",
}

// ServeHTTP serves the preview page, its endpoints under /_/ and the files of the last good
// EPUB under /book/. Any other path, including every ".." or encoded variant, is a 404:
// the path is compared byte for byte with the archive's member names and never cleaned or
// joined to a folder.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.loopback && !loopbackHost(r.Host) {
		// A page on another site that rebinds its name to 127.0.0.1 must not read the book.
		http.Error(w, "preview: only served to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "preview: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	p := r.URL.Path
	switch {
	case p == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(pageHTML) // a client gone away is not the server's error
	case p == "/_/status.json":
		st, _, _ := s.current()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(st) // likewise
	case p == "/_/events":
		s.serveEvents(w, r)
	case p == "/_/book.pdf", p == "/_/book.epub":
		s.serveBook(w, r, p == "/_/book.pdf")
	case strings.HasPrefix(p, "/book/"):
		s.serveMember(w, r, strings.TrimPrefix(p, "/book/"))
	default:
		http.NotFound(w, r)
	}
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// serveMember serves one member of the last good EPUB, by exact name.
func (s *Server) serveMember(w http.ResponseWriter, r *http.Request, name string) {
	_, snap, _ := s.current()
	if snap == nil {
		http.NotFound(w, r)
		return
	}
	e, ok := snap.epub.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := contentTypes[strings.ToLower(path.Ext(name))]
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("ETag", e.etag)
	h.Set("Cache-Control", "no-cache") // revalidate: a rebuild changes files under the same names
	h.Set("Content-Security-Policy", "script-src 'none'; object-src 'none'")
	http.ServeContent(w, r, "", snap.modified, bytes.NewReader(e.data))
}

// serveBook serves the current PDF (inline, for the browser's viewer) or EPUB (a download).
func (s *Server) serveBook(w http.ResponseWriter, r *http.Request, pdf bool) {
	_, snap, _ := s.current()
	if snap == nil {
		http.Error(w, "preview: the book has not been built yet", http.StatusNotFound)
		return
	}
	data, name, ct, disp := snap.epubData, snap.epubName, "application/epub+zip", "attachment"
	if pdf {
		data, name, ct, disp = snap.pdf, snap.pdfName, "application/pdf", "inline"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", fmt.Sprintf("%s; filename*=UTF-8''%s", disp, url.PathEscape(name)))
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", snap.modified, bytes.NewReader(data))
}

// serveEvents streams one "build" event per status change (and one at once), until the
// page goes away or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	for {
		st, _, changed := s.current()
		fmt.Fprintf(w, "event: build\ndata: {\"gen\":%d,\"building\":%t}\n\n", st.Gen, st.Building)
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		}
	}
}
