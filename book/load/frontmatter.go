package load

import (
	"strings"

	"cjkbook/book"
)

// frontMatter splits a YAML front matter block (--- … --- or …) off a Markdown
// file, records its metadata and returns the body and the number of lines
// before it. Only the YAML subset front matter uses is read: `key: value`
// scalars (plain, 'single' or "double" quoted) and lists of scalars (`- item`
// lines or [a, b]); anything else is reported and ignored.
func (l *loader) frontMatter(f srcFile, txt string) (string, int) {
	l.fmTitle = ""
	if !strings.HasPrefix(txt, "---\n") {
		return txt, 0
	}
	rest := txt[len("---\n"):]
	end, after := -1, 0
	for off := 0; off <= len(rest); {
		i := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if i >= 0 {
			line = rest[off : off+i]
		}
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			end = off
			after = off + len(line)
			if i >= 0 {
				after++
			}
			break
		}
		if i < 0 {
			break
		}
		off += i + 1
	}
	if end < 0 {
		// No closing line: not front matter (a thematic break starts the file).
		return txt, 0
	}
	block := rest[:end]
	lines := strings.Split(block, "\n")
	var m book.Metadata
	var key string
	var list []string
	flush := func(lineNo int) {
		if key == "" {
			return
		}
		l.setMeta(&m, f, key, list, lineNo)
		key, list = "", nil
	}
	for i, ln := range lines {
		lineNo := i + 2
		t := strings.TrimSpace(ln)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "#") {
			l.markup = append(l.markup, t) // a YAML comment is not text
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" {
			if key == "" {
				l.drop(book.Pos{File: f.name, Line: lineNo}, "front matter: list item outside a key", t)
				continue
			}
			list = append(list, l.yamlValue(strings.TrimSpace(strings.TrimPrefix(t, "-"))))
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok || strings.ContainsAny(k, " \t\"'") || (ln != strings.TrimLeft(ln, " \t")) {
			l.drop(book.Pos{File: f.name, Line: lineNo}, "front matter: not a `key: value` line", t)
			continue
		}
		flush(lineNo)
		key = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			for _, it := range splitFlow(v[1 : len(v)-1]) {
				list = append(list, l.yamlValue(it))
			}
		} else if v != "" {
			list = append(list, l.yamlValue(v))
		}
		if len(list) == 0 && v == "" {
			// value on following "- " lines, or empty
			continue
		}
		l.setMeta(&m, f, key, list, lineNo)
		key, list = "", nil
	}
	flush(len(lines) + 1)
	l.fmTitle = m.Title
	merge := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	merge(&l.fm.Title, m.Title)
	merge(&l.fm.Subtitle, m.Subtitle)
	merge(&l.fm.Author, m.Author)
	merge(&l.fm.Language, m.Language)
	merge(&l.fm.Publisher, m.Publisher)
	merge(&l.fm.Date, m.Date)
	merge(&l.fm.Description, m.Description)
	merge(&l.fm.Identifier, m.Identifier)
	merge(&l.fm.Cover, m.Cover)
	return rest[after:], 1 + strings.Count(rest[:after], "\n")
}

// setMeta stores one front matter key.
func (l *loader) setMeta(m *book.Metadata, f srcFile, key string, vals []string, lineNo int) {
	v := strings.Join(vals, "、")
	at := book.Pos{File: f.name, Line: lineNo}
	switch key {
	case "title":
		m.Title = v
	case "subtitle":
		m.Subtitle = v
	case "author", "authors", "creator":
		m.Author = v
	case "language", "lang":
		m.Language = v
	case "publisher":
		m.Publisher = v
	case "date":
		m.Date = v
	case "description", "summary", "abstract":
		m.Description = v
	case "identifier", "id", "isbn", "uuid":
		m.Identifier = v
	case "cover", "cover-image", "cover_image":
		if v != "" {
			if k, ok := l.readImage(f, v, at); ok {
				m.Cover = k
			}
		}
	default:
		l.drop(at, "front matter: unknown key "+key+" (known: title, subtitle, author, language, publisher, date, description, identifier, cover)", key+": "+v)
	}
}

// yamlValue unquotes a scalar, recording a trailing # comment as markup.
func (l *loader) yamlValue(s string) string {
	v := yamlScalar(s)
	if t := strings.TrimSpace(s); t != "" && t[0] != '"' && t[0] != '\'' {
		if i := strings.Index(t, " #"); i >= 0 {
			l.markup = append(l.markup, t[i:])
		}
	}
	return v
}

// yamlScalar unquotes a YAML scalar.
func yamlScalar(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"') {
		inner := s[1 : len(s)-1]
		r := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t")
		return r.Replace(inner)
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// splitFlow splits a YAML flow sequence body on commas outside quotes.
func splitFlow(s string) []string {
	var out []string
	var q byte
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == ',':
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}
