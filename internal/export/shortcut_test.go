package export

import (
	"fmt"
	"testing"
)

// TestAppendZeroPadded checks isoDate's number formatting against fmt.
func TestAppendZeroPadded(t *testing.T) {
	for _, width := range []int{2, 4} {
		for n := 0; n <= 12000; n++ {
			if got, want := string(appendZeroPadded(nil, n, width)), fmt.Sprintf("%0*d", width, n); got != want {
				t.Fatalf("appendZeroPadded(%d, %d) = %q, want %q", n, width, got, want)
			}
		}
	}
}
