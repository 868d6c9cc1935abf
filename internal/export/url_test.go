package export

import "testing"

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in   string
		safe bool
	}{
		{"https://doi.org/10.1088/1361-6420/aa9a90", true},
		{"http://example.org/~user/a_b#frag", true},
		{"HTTPS://EXAMPLE.ORG/x", true},
		{"https://ü.de/pfad", true},
		{"http://[::1]:8080/x", true},
		{"mailto:someone@example.org", true},
		{"/talks/2021.pdf", true},
		{"slides.pdf", true},
		{"//cdn.example.org/x.js", true},
		{"https://example.org/a%20b?q=1&r=2", true},
		{"", false},
		{"javascript:alert(1)", false},
		{" JaVaScRiPt:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"vbscript:msgbox(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"file:///etc/passwd", false},
		{"https://example.org/\"><script>", false},
		{"https://example.org/a b", false},
		{"https:///nohost", false},
		{"//'", false},
		{"http://a'b/", false},
		{"x:y/z", false},
		{"ftp://example.org/x", false},
		{"https://example.org/\\x", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.in) == tt.in && tt.in != ""; got != tt.safe {
			t.Errorf("SafeURL(%q) = %q; safe %v, want %v", tt.in, SafeURL(tt.in), got, tt.safe)
		}
	}
}
