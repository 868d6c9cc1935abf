package libgen

import "io"

// NewCRLFWriter returns a writer that turns every "\n" into "\r\n".
func NewCRLFWriter(w io.Writer) io.Writer { return &crlfWriter{w: w} }

// crlfWriter turns every "\n" into "\r\n". The generator never writes "\r".
type crlfWriter struct {
	w   io.Writer
	buf []byte
}

func (c *crlfWriter) Write(p []byte) (int, error) {
	c.buf = c.buf[:0]
	for _, b := range p {
		if b == '\n' {
			c.buf = append(c.buf, '\r')
		}
		c.buf = append(c.buf, b)
	}
	if _, err := c.w.Write(c.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
