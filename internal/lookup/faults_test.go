package lookup

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// The network faults of issue 7, against lookuptest.Fake (no recordings
// needed). Each lookup must end with a clear error, within bounded time:
// hang detectors (watch) have generous limits, never timing assertions.

const (
	faultDOI  = "10.9999/fault"
	faultPath = "/crossref/works/" + faultDOI
)

// fake starts a fake service and a client for it with millisecond
// backoffs; opt's zero fields get test defaults.
func fake(t *testing.T, opt Options) (*lookuptest.Fake, *Client) {
	t.Helper()
	srv := lookuptest.NewFake(nil)
	t.Cleanup(srv.Close)
	opt.Endpoints = Endpoints(srv.Endpoints())
	if opt.Timeout == 0 {
		opt.Timeout = 10 * time.Second
	}
	if opt.Backoff == 0 {
		opt.Backoff, opt.MaxBackoff = time.Millisecond, 5*time.Millisecond
	}
	opt.NoSpacing = true
	c, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// watch runs the lookup of id and fails the test if it has not returned
// after limit (a hang detector: the limits are far above what the lookup
// needs).
func watch(t *testing.T, c *Client, id string, limit time.Duration) (*Work, error) {
	t.Helper()
	pid, err := ParseID(id)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		w   *Work
		err error
	}
	done := make(chan result, 1)
	go func() {
		w, err := c.Lookup(context.Background(), pid)
		done <- result{w, err}
	}()
	select {
	case r := <-done:
		return r.w, r.err
	case <-time.After(limit):
		t.Fatalf("lookup of %s still running after %s: a hang", id, limit)
		return nil, nil
	}
}

// wantErr fails unless err is an error whose text holds every part.
func wantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	t.Logf("%s: %v", what, err)
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q lacks %q", what, err, p)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ln.Close() // nobody listens there any more
	c, err := New(Options{
		Endpoints: Endpoints{DOI: base + "/doi", Crossref: base + "/crossref", DataCite: base + "/datacite", ArXiv: base + "/arxiv"},
		Timeout:   10 * time.Second, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, NoSpacing: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	// The agency lookup fails, content negotiation at doi.org too.
	_, err = watch(t, c, faultDOI, 30*time.Second)
	wantErr(t, "DOI", err, "doi.org", "giving up after 4 tries", "connection refused")
	_, err = watch(t, c, "arXiv:1605.08386", 30*time.Second)
	wantErr(t, "arXiv", err, "arXiv", "giving up after 4 tries", "connection refused")
}

// hijack answers with raw bytes on the connection, then closes it; with
// reset, the close sends a TCP RST instead of a FIN.
func hijack(t *testing.T, raw string, reset bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		buf.WriteString(raw)
		buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok && reset {
			tc.SetLinger(0)
		}
		conn.Close()
	}
}

func TestResetMidBody(t *testing.T) {
	body, _ := json.Marshal(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork(faultDOI)})
	half := string(body[:len(body)/2])
	head := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	for _, tc := range []struct {
		name, raw string
		reset     bool
		want      []string
		tries     int32 // requests expected (0: at least one)
	}{
		// The connection closes after half the body that Content-Length
		// announced: a transport error, retried, then given up.
		{"content-length", head + "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + half, false,
			[]string{"giving up after 4 tries", "reading the answer from Crossref", "unexpected EOF"}, 4},
		// The same with a chunked body cut inside a chunk.
		{"chunked", head + "Transfer-Encoding: chunked\r\n\r\n" + fmt.Sprintf("%x\r\n", len(body)) + half, false,
			[]string{"giving up after 4 tries", "reading the answer from Crossref", "unexpected EOF"}, 4},
		// A TCP reset after part of the body.
		{"reset", head + "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + half, true,
			[]string{"giving up after 4 tries", "Crossref"}, 0},
		// A reset before any answer.
		{"reset before the answer", "", true, []string{"giving up after 4 tries", "Crossref"}, 0},
		// A body delimited by the close (no length, no chunks) ends early:
		// nothing tells it from a complete one but the JSON, which is cut.
		{"close-delimited", head + "Connection: close\r\n\r\n" + half, false, []string{"malformed answer from Crossref", "truncated JSON"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := fake(t, Options{})
			var n atomic.Int32
			h := hijack(t, tc.raw, tc.reset)
			srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				h(w, r)
			})
			_, err := watch(t, c, faultDOI, 30*time.Second)
			wantErr(t, tc.name, err, tc.want...)
			if tc.tries != 0 && n.Load() != tc.tries {
				t.Errorf("%d requests, want %d", n.Load(), tc.tries)
			}
		})
	}
}

func TestRedirectLoops(t *testing.T) {
	srv, c := fake(t, Options{})
	var n atomic.Int32
	// Two paths that redirect to each other, with each redirect status.
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		n.Store(0)
		srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			http.Redirect(w, r, "/elsewhere", code)
		})
		srv.Handle("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			http.Redirect(w, r, faultPath, code)
		})
		_, err := watch(t, c, faultDOI, 30*time.Second)
		wantErr(t, fmt.Sprint(code), err, "Crossref", "more than 5 redirects")
		// Not retried: the first request and 5 redirects followed.
		if n.Load() != 6 {
			t.Errorf("%d: %d requests, want 6", code, n.Load())
		}
	}
	// Five redirects are followed; the record at the end is read.
	hops := func(k int) {
		for i := range k {
			srv.Handle(fmt.Sprintf("/hop/%d", i), func(w http.ResponseWriter, r *http.Request) {
				next := fmt.Sprintf("/hop/%d", i+1)
				if i+1 == k {
					next = "/crossref/works/10.9999/target"
				}
				http.Redirect(w, r, next, http.StatusFound)
			})
		}
		srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/hop/0", http.StatusFound) })
	}
	hops(4)
	if w, err := watch(t, c, faultDOI, 30*time.Second); err != nil || w.DOI != "10.9999/target" {
		t.Errorf("5 redirects: %v, %v", w, err)
	}
	hops(5)
	_, err := watch(t, c, faultDOI, 30*time.Second)
	wantErr(t, "6 redirects", err, "more than 5 redirects")
	// A redirect to another scheme is refused, not retried.
	n.Store(0)
	srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	_, err = watch(t, c, faultDOI, 30*time.Second)
	wantErr(t, "file: redirect", err, "a redirect to a file: URL")
	if n.Load() != 1 {
		t.Errorf("file: redirect: %d requests, want 1", n.Load())
	}
}

func TestRateLimitStorm(t *testing.T) {
	// Every answer is 429: given up after MaxAttempts, with "try again
	// later".
	srv, c := fake(t, Options{})
	var n atomic.Int32
	srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "0")
		http.Error(w, "Rate exceeded", http.StatusTooManyRequests)
	})
	_, err := watch(t, c, faultDOI, 30*time.Second)
	wantErr(t, "storm", err, "rate limited by Crossref after 4 tries; try again later", "429")
	if n.Load() != 4 {
		t.Errorf("storm: %d requests, want 4", n.Load())
	}

	// A client with the default limits (MaxRetryAfter = a minute, 1 s
	// backoff) gives up at once, without sleeping, when asked to wait
	// longer than the cap, however the wait is written. The values
	// include seconds that overflow a time.Duration when multiplied
	// (18446744074 s wrapped around to 290 ms before this was fixed) or
	// an int64.
	srv, c = fake(t, Options{Backoff: -1})
	if c.opt.MaxRetryAfter != DefaultMaxRetryAfter || c.opt.Backoff != time.Second || c.opt.Timeout != 10*time.Second {
		t.Fatalf("defaults: %+v", c.opt)
	}
	for _, v := range []string{"61", "3600", "86400000", "9223372037", "18446744074", "99999999999999999999999999",
		time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat), "Fri, 31 Dec 9999 23:59:59 GMT"} {
		n.Store(0)
		for _, code := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
			srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				w.Header().Set("Retry-After", v)
				http.Error(w, "slow down", code)
			})
			_, err := watch(t, c, faultDOI, 5*time.Second) // a sleep would be a minute at least
			wantErr(t, "Retry-After: "+v, err, "Crossref asks to wait", "pubs waits at most 1m0s", "try again later", strconv.Itoa(code))
		}
		if n.Load() != 2 {
			t.Errorf("Retry-After: %s: %d requests, want 1 per status", v, n.Load())
		}
	}
	// A wait within the cap but longer than what is left of the timeout
	// gives up at once too.
	srv, c = fake(t, Options{Timeout: 2 * time.Second})
	n.Store(0)
	srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	_, err = watch(t, c, faultDOI, 5*time.Second)
	wantErr(t, "Retry-After beyond the timeout", err, "no time left to retry within the timeout of 2s")
	if n.Load() != 1 {
		t.Errorf("Retry-After beyond the timeout: %d requests, want 1", n.Load())
	}
}

func TestRetryAfterParse(t *testing.T) {
	const huge = time.Duration(1<<63 - 1)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"1", time.Second}, {" 120 ", 2 * time.Minute}, {"-5", 0}, {"1.5", 0}, {"soon", 0},
		{"9223372036", 9223372036 * time.Second}, {"9223372037", huge}, {"18446744074", huge},
		{"99999999999999999999999999", huge}, {"Wed, 21 Oct 2015 07:28:00 GMT", 0},
	} {
		if got := retryAfter(tc.in); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if d := retryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); d < 58*time.Minute || d > time.Hour {
		t.Errorf("an HTTP date an hour ahead: %v", d)
	}
}

func TestStalls(t *testing.T) {
	body, _ := json.Marshal(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork(faultDOI)})
	stall := func(r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
	}{
		// No answer at all for 5 s.
		{"headers", func(w http.ResponseWriter, r *http.Request) { stall(r) }},
		// The headers and half the body, then 5 s of silence.
		{"body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body[:len(body)/2])
			w.(http.Flusher).Flush()
			stall(r)
		}},
		// One byte every 100 ms: each read makes progress, only the total
		// deadline ends it.
		{"trickle", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for i := 0; i < 50 && r.Context().Err() == nil; i++ {
				w.Write([]byte(" "))
				w.(http.Flusher).Flush()
				time.Sleep(100 * time.Millisecond)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := fake(t, Options{Timeout: 300 * time.Millisecond})
			srv.Handle(faultPath, tc.h)
			_, err := watch(t, c, faultDOI, 20*time.Second)
			wantErr(t, tc.name, err, "Crossref", "within the timeout of 300ms")
		})
	}
}

// deadlineTransport records the deadline of each request's context.
type deadlineTransport struct {
	mu        sync.Mutex
	deadlines []time.Duration // from the request's start; -1 for none
}

func (d *deadlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	left := time.Duration(-1)
	if dl, ok := r.Context().Deadline(); ok {
		left = time.Until(dl)
	}
	d.mu.Lock()
	d.deadlines = append(d.deadlines, left)
	d.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// TestDefaultTimeoutBounded proves that a client built with the zero
// Options (as 'pubs add' builds it without [add] timeout) bounds every
// request by DefaultTimeout, and that the client New builds has a
// connect timeout and a header limit.
func TestDefaultTimeoutBounded(t *testing.T) {
	srv := lookuptest.NewFake(nil)
	defer srv.Close()
	tr := &deadlineTransport{}
	c, err := New(Options{Endpoints: Endpoints(srv.Endpoints()), HTTPClient: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeout() != DefaultTimeout || DefaultTimeout > time.Minute {
		t.Errorf("default timeout %v", c.Timeout())
	}
	if _, err := watch(t, c, faultDOI, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if len(tr.deadlines) < 2 {
		t.Fatalf("%d requests", len(tr.deadlines))
	}
	for i, d := range tr.deadlines {
		if d < 0 || d > DefaultTimeout {
			t.Errorf("request %d: deadline %v ahead, want at most %v", i, d, DefaultTimeout)
		}
	}
	c, err = New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, ok := c.hc.Transport.(*http.Transport)
	if !ok || h.TLSHandshakeTimeout != ConnectTimeout || h.MaxResponseHeaderBytes != MaxHeaderBytes || h.DialContext == nil || h.DisableCompression {
		t.Errorf("transport %+v", c.hc.Transport)
	}
	if c.hc.CheckRedirect == nil {
		t.Error("no redirect limit")
	}
}

// gzipped compresses n bytes: a JSON start, then spaces.
func gzipped(t *testing.T, n int) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	bw := bufio.NewWriterSize(zw, 1<<16)
	bw.WriteString(`{"status":"ok","message":{`)
	spaces := bytes.Repeat([]byte(" "), 1<<16)
	for left := n - 26; left > 0; left -= len(spaces) {
		bw.Write(spaces[:min(left, len(spaces))])
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return b.Bytes()
}

// TestGzip: the client asks for gzip (the transport adds Accept-Encoding
// and decompresses), so the size cap counts decompressed bytes: a small
// compressed body that inflates past the cap (a gzip bomb) is an error,
// with or without a Content-Length, and is not retried; a compressed
// record within the cap is read.
func TestGzip(t *testing.T) {
	srv, c := fake(t, Options{MaxBody: 1 << 20})
	bomb := gzipped(t, 64<<20) // 64 MiB of JSON and spaces, about 64 kB compressed
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes compressed, not under the cap", len(bomb))
	}
	for _, withLength := range []bool{false, true} {
		var n atomic.Int32
		srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Errorf("Accept-Encoding %q", r.Header.Get("Accept-Encoding"))
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			if withLength {
				w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
			}
			w.Write(bomb)
		})
		_, err := watch(t, c, faultDOI, 30*time.Second)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than the limit of 1048576 bytes") {
			t.Errorf("gzip bomb (Content-Length %v): got %v", withLength, err)
		}
		if n.Load() != 1 {
			t.Errorf("gzip bomb: %d requests, want 1", n.Load())
		}
	}
	// A compressed record within the cap.
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	json.NewEncoder(zw).Encode(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork(faultDOI)})
	zw.Close()
	srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	})
	if w, err := watch(t, c, faultDOI, 30*time.Second); err != nil || w.Title != "Work "+faultDOI {
		t.Errorf("gzip record: %v, %v", w, err)
	}
}

// TestSizeCap: a body of exactly the cap is read, one byte more is an
// error, with and without a Content-Length.
func TestSizeCap(t *testing.T) {
	const limit = 64 << 10
	srv, c := fake(t, Options{MaxBody: limit})
	record, _ := json.Marshal(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork(faultDOI)})
	for _, size := range []int{limit, limit + 1, 10 * limit} {
		body := append(append([]byte(nil), record...), bytes.Repeat([]byte(" "), size-len(record))...)
		for _, withLength := range []bool{true, false} {
			var n atomic.Int32
			srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				w.Header().Set("Content-Type", "application/json")
				if withLength {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
					w.Write(body)
					return
				}
				for b := body; len(b) > 0; b = b[min(len(b), 1000):] { // chunked
					w.Write(b[:min(len(b), 1000)])
					w.(http.Flusher).Flush()
				}
			})
			w, err := watch(t, c, faultDOI, 30*time.Second)
			what := fmt.Sprintf("%d bytes (Content-Length %v)", size, withLength)
			switch {
			case size <= limit && (err != nil || w.Title == ""):
				t.Errorf("%s: %v", what, err)
			case size > limit && !errors.Is(err, ErrTooLarge):
				t.Errorf("%s: got %v, want ErrTooLarge", what, err)
			}
			if n.Load() != 1 {
				t.Errorf("%s: %d requests, want 1", what, n.Load())
			}
		}
	}
}

func TestWrongContentType(t *testing.T) {
	record, _ := json.Marshal(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork(faultDOI)})
	atom := `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1605.08386v1</id><title>T</title></entry></feed>`
	srv, c := fake(t, Options{})
	for _, tc := range []struct {
		id, path, ct, body string
		want               string // "" for success
	}{
		// JSON services.
		{faultDOI, faultPath, "application/xml", `<?xml version="1.0"?><work/>`, "Crossref answered with application/xml, not JSON"},
		{faultDOI, faultPath, "text/xml", string(record), "Crossref answered with text/xml, not JSON"},
		{faultDOI, faultPath, "image/png", "\x89PNG\r\n\x1a\n", "Crossref answered with image/png, not JSON"},
		{faultDOI, faultPath, "application/pdf", "%PDF-1.4", "answered with application/pdf"},
		{faultDOI, faultPath, "text/html; charset=utf-8", "<p>hi</p>", "a web page, not metadata, came back from Crossref"},
		{faultDOI, faultPath, "application/json", "<!DOCTYPE html><html></html>", "a web page"},
		// Loosely labelled JSON is read, when it is JSON.
		{faultDOI, faultPath, "text/plain; charset=utf-8", string(record), ""},
		{faultDOI, faultPath, "", string(record), ""},
		{faultDOI, faultPath, "application/vnd.api+json", string(record), ""},
		{faultDOI, faultPath, "text/plain", "Resource not found.", "malformed answer from Crossref"},
		// Truncated and empty answers.
		{faultDOI, faultPath, "application/json", string(record[:len(record)-3]), "truncated JSON"},
		{faultDOI, faultPath, "application/json", "", "truncated JSON"},
		// arXiv.
		{"arXiv:1605.08386", "/arxiv", "application/json", string(record), "arXiv answered with application/json, not an Atom feed"},
		{"arXiv:1605.08386", "/arxiv", "text/html", "<html></html>", "a web page, not metadata, came back from arXiv"},
		{"arXiv:1605.08386", "/arxiv", "application/atom+xml", atom, ""},
		{"arXiv:1605.08386", "/arxiv", "text/xml", atom, ""},
		{"arXiv:1605.08386", "/arxiv", "application/atom+xml", atom[:len(atom)/2], "malformed answer from arXiv"},
		{"arXiv:1605.08386", "/arxiv", "application/atom+xml", "", "malformed answer from arXiv"},
	} {
		srv.Handle(tc.path, func(w http.ResponseWriter, r *http.Request) {
			if tc.ct != "" {
				w.Header().Set("Content-Type", tc.ct)
			} else {
				w.Header()["Content-Type"] = nil // no sniffing
			}
			w.Write([]byte(tc.body))
		})
		_, err := watch(t, c, tc.id, 30*time.Second)
		what := fmt.Sprintf("%s %q", tc.ct, tc.body[:min(len(tc.body), 20)])
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", what, err)
			}
			continue
		}
		wantErr(t, what, err, tc.want)
	}
	// Content negotiation (an agency without an API of its own) wants
	// CSL-JSON too. (A prefix of its own: agencies are cached per prefix.)
	const medra = "10.8888/medra"
	srv.Handle("/doi/ra/"+medra, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `[{"DOI":%q,"RA":"mEDRA"}]`, medra)
	})
	srv.Handle("/doi/"+medra, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-bibtex")
		w.Write([]byte("@article{x, title={\\input{/etc/passwd}}}"))
	})
	_, err := watch(t, c, medra, 30*time.Second)
	wantErr(t, "negotiation", err, "answered with application/x-bibtex, not CSL-JSON")
}

// TestTimeoutKeepsCause: when the deadline ends the retries, the error
// still says what the service did, not only that time ran out.
func TestTimeoutKeepsCause(t *testing.T) {
	srv, c := fake(t, Options{Timeout: 300 * time.Millisecond, Backoff: 200 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, MaxAttempts: 100})
	srv.Handle(faultPath, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream down", http.StatusServiceUnavailable)
	})
	_, err := watch(t, c, faultDOI, 20*time.Second)
	wantErr(t, "503 until the deadline", err, "Crossref: no time left to retry within the timeout of 300ms", "503 Service Unavailable")
}
