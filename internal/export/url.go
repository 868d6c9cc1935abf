package export

import (
	"net/url"
	"strings"
	"unicode"
)

// SafeURL returns u when it may become a link: an absolute http, https or
// mailto URL, or a relative URL (a path, with no scheme). Anything else
// (javascript:, data:, vbscript:, file:, a URL with control characters or
// white space inside) returns "". Browsers ignore tabs and line breaks in
// a scheme ("java\tscript:"), so any control character disqualifies.
func SafeURL(u string) string {
	if u == "" || len(u) > 8192 {
		return ""
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == '`' {
			return ""
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if p.Host != "" && !validHost(p.Host) {
		return "" // "//'" or "http://a'b/": no host, and unstable once escaped
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host == "" {
			return ""
		}
		return u
	case "mailto":
		return u
	case "":
		// A relative reference; the first path segment must not look like
		// a scheme to a browser ("javascript%3a" is not one, but a colon
		// before the first slash would be).
		first, _, _ := strings.Cut(u, "/")
		if strings.Contains(first, ":") {
			return ""
		}
		return u
	}
	return ""
}

// validHost accepts a host name (letters of any script, digits, '-', '.',
// '_'), an IPv6 literal in brackets, and a port.
func validHost(h string) bool {
	for _, r := range h {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-._:[]", r)) {
			return false
		}
	}
	return true
}
