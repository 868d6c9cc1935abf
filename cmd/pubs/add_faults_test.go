package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// TestAddNetworkFaults runs 'pubs add' as a separate program against
// services that misbehave in every way of issue 7. pubs.toml sets
// [add] timeout = "1s", so the cases run fast; the retries keep their
// default backoff (1 s, doubled, jittered), bounded by the timeout. Each
// must exit 1 with a clear message, in bounded time (a hang detector of a
// minute), and leave the library byte for byte as it was, with no
// temporary file.
func TestAddNetworkFaults(t *testing.T) {
	srv := lookuptest.NewFake(nil)
	t.Cleanup(srv.Close) // after the parallel subtests
	record, _ := json.Marshal(map[string]any{"status": "ok", "message-type": "work", "message": lookuptest.DefaultWork("10.9999/x")})

	// A listener closed at once: its port refuses connections.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()

	var bomb bytes.Buffer // 64 MiB of JSON and spaces, about 64 kB gzipped
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zw.Write(record[:len(record)-1])
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 {
		zw.Write(spaces)
	}
	zw.Close()
	big := append(append([]byte(nil), record[:len(record)-1]...), bytes.Repeat([]byte(" "), 9<<20)...)
	big = append(big, '}')

	for _, tc := range []struct {
		name    string
		h       http.HandlerFunc
		env     []string // replaces the endpoints
		want    []string
		timeout string // [add] timeout, default 1s
	}{
		{name: "connection refused",
			env:  []string{"PUBS_DOI_URL=" + refused + "/doi", "PUBS_CROSSREF_URL=" + refused + "/crossref"},
			want: []string{"connection refused"}},
		{name: "reset mid-body", h: func(w http.ResponseWriter, r *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(record)) + "\r\n\r\n")
			buf.Write(record[:len(record)/2])
			buf.Flush()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}, want: []string{"Crossref", "reset by peer"}},
		{name: "redirect loop", h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}, want: []string{"more than 5 redirects"}},
		// Retry-After: 1 is honoured: with a timeout of 1 s there is no
		// time for a second try; with 10 s, four tries in about 3 s.
		{name: "429 storm", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Rate exceeded", http.StatusTooManyRequests)
		}, want: []string{"Crossref: no time left to retry within the timeout of 1s", "429 Too Many Requests"}},
		{name: "429 storm, longer timeout", timeout: "10s", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Rate exceeded", http.StatusTooManyRequests)
		}, want: []string{"rate limited by Crossref after 4 tries; try again later", "429 Too Many Requests"}},
		{name: "Retry-After an hour", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "Rate exceeded", http.StatusTooManyRequests)
		}, want: []string{"Crossref asks to wait 1h0m0s before retrying (pubs waits at most 1m0s); try again later"}},
		{name: "5 s stall", h: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}, want: []string{"within the timeout of 1s"}},
		{name: "gzip bomb", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		}, want: []string{"Crossref: response too large: more than the limit of 8388608 bytes (after decompression)"}},
		{name: "over the cap with Content-Length", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			w.Write(big)
		}, want: []string{"response too large"}},
		{name: "over the cap without Content-Length", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for b := big; len(b) > 0; b = b[min(len(b), 1<<16):] {
				w.Write(b[:min(len(b), 1<<16)])
				w.(http.Flusher).Flush()
			}
		}, want: []string{"response too large"}},
		{name: "HTML", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!DOCTYPE html><title>Maintenance</title>"))
		}, want: []string{"a web page, not metadata"}},
		{name: "XML", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(`<?xml version="1.0"?><work/>`))
		}, want: []string{"answered with application/xml, not JSON"}},
		{name: "truncated JSON", h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(record[:len(record)-10])
		}, want: []string{"truncated JSON"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doi := "10.9999/" + strings.NewReplacer(" ", "-", ",", "").Replace(tc.name)
			if tc.h != nil {
				srv.Handle("/crossref/works/"+doi, tc.h)
			}
			orig := smallLibrary(20)
			dir := writeLib(t, orig, 0o644)
			if tc.timeout == "" {
				tc.timeout = "1s"
			}
			cfg := "bib = [\"lib.bib\"]\n\n[add]\ntimeout = \"" + tc.timeout + "\"\n"
			if err := os.WriteFile(filepath.Join(dir, "pubs.toml"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			env := append(fakeEnv(srv.Endpoints()), tc.env...)
			r := runPubs(t, dir, env, time.Minute, "add", doi)
			if r.code != 1 {
				t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "pubs: "+doi+": ") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("stderr is not one line naming the DOI:\n%s", r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			t.Log(strings.TrimSpace(r.stderr))
			if got, _ := os.ReadFile(filepath.Join(dir, "lib.bib")); !bytes.Equal(got, orig) {
				t.Errorf("the library changed")
			}
			noTempFiles(t, dir)
		})
	}
}
