package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"cjkbook/book"
)

// object is a JSON object that keeps its fields in order.
type object []field

// field is one member of an object.
type field struct {
	key string
	val any
}

// MarshalJSON writes the fields in order, without HTML escaping.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		val, err := marshal(f.val)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.key, err)
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// has reports whether o has a field named key.
func (o object) has(key string) bool {
	for _, f := range o {
		if f.key == key {
			return true
		}
	}
	return false
}

// marshal is json.Marshal without HTML escaping (the book's text has its < and &).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

var (
	blockType = reflect.TypeFor[book.Block]()
	posType   = reflect.TypeFor[book.Pos]()
	styleType = reflect.TypeFor[book.Style]()
	bookPkg   = posType.PkgPath()
)

// modelValue turns a value of the book model into JSON by reflection, so that every field
// of every block, run and footnote is shown without a list of them to keep up to date:
// a struct becomes an object of its non-zero exported fields under snake_case keys; a
// block also shows its kind and its visible text first; a position becomes "file" and
// "line"; a style becomes the names of its bits; image bytes become their count; an error
// its message; a value of a type from outside the model shows its type.
func modelValue(v any) any {
	return value(reflect.ValueOf(v))
}

func value(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == styleType {
		return styleNames(book.Style(v.Uint()))
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if err, ok := v.Interface().(error); ok {
			return err.Error()
		}
		if v.Type().Implements(blockType) {
			bl := v.Interface().(book.Block)
			fields := structObject(reflect.Indirect(reflect.ValueOf(bl)), false)
			o := object{{"kind", bl.Kind()}}
			if t := book.Text(bl); t != "" && !fields.has("text") {
				o = append(o, field{"text", t})
			}
			return append(o, fields...)
		}
		return value(v.Elem())
	case reflect.Struct:
		if v.Type().PkgPath() != bookPkg {
			return v.Type().String()
		}
		return structObject(v, false)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return fmt.Sprintf("%d bytes", v.Len())
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = value(v.Index(i))
		}
		return out
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		o := make(object, 0, len(keys))
		for _, k := range keys {
			o = append(o, field{fmt.Sprint(k), value(v.MapIndex(k))})
		}
		return o
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	switch v.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return v.Type().String()
	}
	return v.Interface()
}

// structObject lists the exported fields of the struct v, zero ones too when all is set or
// when they have a name (a chapter's kind "body").
func structObject(v reflect.Value, all bool) object {
	var o object
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		fv := v.Field(i)
		if !sf.IsExported() {
			continue
		}
		if _, named := fv.Interface().(fmt.Stringer); !all && !named && fv.IsZero() {
			continue
		}
		if sf.Type == posType {
			p := fv.Interface().(book.Pos)
			if p.File != "" {
				o = append(o, field{"file", p.File})
			}
			if p.Line != 0 {
				o = append(o, field{"line", p.Line})
			}
			continue
		}
		o = append(o, field{snake(sf.Name), value(fv)})
	}
	return o
}

// styleBits names the bits of book.Style.
var styleBits = []struct {
	bit  book.Style
	name string
}{
	{book.Emphasis, "emphasis"},
	{book.Strong, "strong"},
	{book.Code, "code"},
	{book.Link, "link"},
	{book.NoteRef, "noteref"},
	{book.Sup, "sup"},
	{book.Sub, "sub"},
	{book.Kbd, "kbd"},
	{book.Small, "small"},
	{book.Mark, "mark"},
	{book.Underline, "underline"},
	{book.Strike, "strike"},
	{book.Inserted, "inserted"},
	{book.Abbr, "abbr"},
}

// styleNames names the bits set in s; a bit without a name shows as its value.
func styleNames(s book.Style) []string {
	var out []string
	for _, b := range styleBits {
		if s&b.bit != 0 {
			out = append(out, b.name)
			s &^= b.bit
		}
	}
	for bit := book.Style(1); s != 0 && bit != 0; bit <<= 1 {
		if s&bit != 0 {
			out = append(out, fmt.Sprintf("style-%#x", uint64(bit)))
			s &^= bit
		}
	}
	return out
}

// snake turns a Go field name into a JSON key: MediaType → media_type, ID → id.
func snake(name string) string {
	var sb strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			sb.WriteByte('_')
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}
