package gopdf

// Buff for pdf content
type Buff struct {
	position int
	datas    []byte
}

// Write : write []byte to buffer
//
// Fork: it grew the buffer one appended zero byte at a time and copied byte by
// byte (seconds for a 15 MB CJK font); now it grows geometrically and copies.
func (b *Buff) Write(p []byte) (int, error) {
	end := b.position + len(p)
	if old := len(b.datas); end > old {
		if end > cap(b.datas) {
			grown := make([]byte, old, max(end, 2*cap(b.datas)))
			copy(grown, b.datas)
			b.datas = grown
		}
		b.datas = b.datas[:end]
		if b.position > old {
			clear(b.datas[old:b.position])
		}
	}
	copy(b.datas[b.position:], p)
	b.position = end
	return len(p), nil
}

// Len : len of buffer
func (b *Buff) Len() int {
	return len(b.datas)
}

// Bytes : get bytes
func (b *Buff) Bytes() []byte {
	return b.datas
}

// Position : get current position
func (b *Buff) Position() int {
	return b.position
}

// SetPosition : set current position
func (b *Buff) SetPosition(pos int) {
	b.position = pos
}
