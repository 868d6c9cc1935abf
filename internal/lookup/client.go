package lookup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The real services' base URLs.
const (
	DefaultDOIURL      = "https://doi.org"
	DefaultCrossrefURL = "https://api.crossref.org"
	DefaultDataCiteURL = "https://api.datacite.org"
	DefaultArXivURL    = "https://export.arxiv.org/api/query"
)

// ProjectURL is the address sent in the User-Agent.
const ProjectURL = "https://github.com/pubs-dev/pubs"

// Limits that apply to every request.
const (
	// MaxRedirects is how many redirects a request follows.
	MaxRedirects = 5
	// DefaultMaxBody is the default cap on a response body.
	DefaultMaxBody = 8 << 20
	// DefaultTimeout is the default total time for one lookup.
	DefaultTimeout = 30 * time.Second
	// ConnectTimeout bounds establishing a connection.
	ConnectTimeout = 10 * time.Second
	// DefaultMaxRetryAfter is the longest Retry-After honoured by
	// default: a server asking for a longer wait gets an error at once
	// ("try again later"), never a sleep. A wait is also never longer
	// than what is left of the timeout.
	DefaultMaxRetryAfter = time.Minute
	// MaxHeaderBytes caps the size of a response's headers.
	MaxHeaderBytes = 1 << 20
)

// Endpoints are the base URLs of the services; empty means the default.
type Endpoints struct {
	DOI, Crossref, DataCite, ArXiv string
}

// EndpointsFromEnv returns e with each URL replaced by its environment
// variable when set: PUBS_DOI_URL, PUBS_CROSSREF_URL, PUBS_DATACITE_URL,
// PUBS_ARXIV_URL. getenv is os.Getenv when nil.
func EndpointsFromEnv(e Endpoints, getenv func(string) string) Endpoints {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, v := range []struct {
		name string
		to   *string
	}{
		{"PUBS_DOI_URL", &e.DOI}, {"PUBS_CROSSREF_URL", &e.Crossref},
		{"PUBS_DATACITE_URL", &e.DataCite}, {"PUBS_ARXIV_URL", &e.ArXiv},
	} {
		if s := strings.TrimSpace(getenv(v.name)); s != "" {
			*v.to = s
		}
	}
	return e
}

// Options configure a [Client]. The zero value talks to the real services
// with the default limits.
type Options struct {
	Endpoints Endpoints
	// Version is pubs's version, for the User-Agent.
	Version string
	// Mailto is the contact address sent to Crossref (polite pool) and in
	// the User-Agent; empty sends none.
	Mailto string
	// Timeout is the total time allowed for one lookup, retries and
	// redirects included (default DefaultTimeout).
	Timeout time.Duration
	// MaxBody caps the size of a response body (default DefaultMaxBody).
	MaxBody int64
	// MaxAttempts is how often a request is tried (default 4).
	MaxAttempts int
	// Backoff is the first wait before a retry, doubled each time up to
	// MaxBackoff (defaults 1s and 8s); the wait is jittered.
	Backoff, MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured (default
	// DefaultMaxRetryAfter); a server asking for more gives an error at
	// once, and one asking for more than what is left of Timeout too.
	MaxRetryAfter time.Duration
	// NoSpacing turns off the spacing of requests (for tests); the
	// concurrency bounds stay.
	NoSpacing bool
	// HTTPClient, when set, is used as is (tests); otherwise the client
	// builds one with the connect timeout and redirect limit.
	HTTPClient *http.Client
}

// Client looks up DOIs and arXiv identifiers. It is safe for concurrent
// use; requests to one service are bounded and spaced.
type Client struct {
	opt       Options
	hc        *http.Client
	userAgent string

	doi, crossref, datacite, arxiv *service

	mu  sync.Mutex
	ras map[string]string // DOI prefix -> registration agency
}

// New returns a client.
func New(opt Options) (*Client, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 4
	}
	if opt.Backoff <= 0 {
		opt.Backoff = time.Second
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 8 * time.Second
	}
	if opt.MaxRetryAfter <= 0 {
		opt.MaxRetryAfter = DefaultMaxRetryAfter
	}
	e := &opt.Endpoints
	for _, v := range []struct {
		name string
		to   *string
		def  string
	}{
		{"doi", &e.DOI, DefaultDOIURL}, {"crossref", &e.Crossref, DefaultCrossrefURL},
		{"datacite", &e.DataCite, DefaultDataCiteURL}, {"arxiv", &e.ArXiv, DefaultArXivURL},
	} {
		if *v.to == "" {
			*v.to = v.def
		}
		u, err := url.Parse(*v.to)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			return nil, fmt.Errorf("the %s endpoint %q is not an http(s) base URL", v.name, *v.to)
		}
		*v.to = strings.TrimRight(*v.to, "/")
	}
	opt.Mailto = strings.TrimSpace(opt.Mailto)
	if strings.ContainsAny(opt.Mailto, " \t\r\n;()") {
		return nil, fmt.Errorf("mailto address %q: want a plain address such as you@example.org", opt.Mailto)
	}
	c := &Client{opt: opt, hc: opt.HTTPClient, ras: map[string]string{}}
	if c.hc == nil {
		dialer := &net.Dialer{Timeout: ConnectTimeout, KeepAlive: 30 * time.Second}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DialContext = dialer.DialContext
		tr.TLSHandshakeTimeout = ConnectTimeout
		tr.MaxResponseHeaderBytes = MaxHeaderBytes
		c.hc = &http.Client{Transport: tr}
	}
	if c.hc.CheckRedirect == nil {
		hc := *c.hc
		hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return &redirectError{fmt.Sprintf("more than %d redirects (a redirect loop?)", MaxRedirects)}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return &redirectError{fmt.Sprintf("a redirect to a %s: URL", req.URL.Scheme)}
			}
			return nil
		}
		c.hc = &hc
	}
	v := opt.Version
	if v == "" {
		v = "devel"
	}
	c.userAgent = "pubs/" + v + " (" + ProjectURL
	if opt.Mailto != "" {
		c.userAgent += "; mailto:" + opt.Mailto
	}
	c.userAgent += ")"
	spacing := func(d time.Duration) time.Duration {
		if opt.NoSpacing {
			return 0
		}
		return d
	}
	// Crossref's published limits (December 2025): public pool 5 requests
	// per second and one at a time; polite pool 10 per second, three at
	// a time. Crossref content negotiation is served by the same API, so
	// doi.org requests share its pace.
	crossrefN, crossrefEvery := 1, 200*time.Millisecond
	if opt.Mailto != "" {
		crossrefN, crossrefEvery = 3, 100*time.Millisecond
	}
	c.crossref = newService("Crossref", crossrefN, spacing(crossrefEvery))
	c.doi = newService("doi.org", crossrefN, spacing(crossrefEvery))
	// DataCite: about 1000 requests per 5 minutes when identified; stay
	// well below.
	c.datacite = newService("DataCite", 2, spacing(300*time.Millisecond))
	// arXiv's terms of use: one request every three seconds, one
	// connection at a time.
	c.arxiv = newService("arXiv", 1, spacing(3*time.Second))
	for _, s := range []*service{c.crossref, c.doi, c.datacite, c.arxiv} {
		s.fixed = opt.NoSpacing
	}
	return c, nil
}

// UserAgent returns the User-Agent header the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// Timeout returns the total time allowed for one lookup.
func (c *Client) Timeout() time.Duration { return c.opt.Timeout }

// service bounds and spaces the requests to one service.
type service struct {
	name  string
	slots chan struct{}

	mu    sync.Mutex
	every time.Duration
	next  time.Time
	fixed bool // no spacing at all (Options.NoSpacing)
}

func newService(name string, n int, every time.Duration) *service {
	return &service{name: name, slots: make(chan struct{}, n), every: every}
}

// acquire waits for a free slot and for the service's pace; release frees
// the slot.
func (s *service) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	now := time.Now()
	at := s.next
	if at.Before(now) {
		at = now
	}
	s.next = at.Add(s.every)
	s.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-s.slots
			return nil, ctx.Err()
		}
	}
	return func() { <-s.slots }, nil
}

// slowDown follows a server's X-Rate-Limit-Limit and
// X-Rate-Limit-Interval headers when they ask for a slower pace.
func (s *service) slowDown(h http.Header) {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get("X-Rate-Limit-Limit")))
	if err != nil || n <= 0 {
		return
	}
	d, err := time.ParseDuration(strings.TrimSpace(h.Get("X-Rate-Limit-Interval")))
	if err != nil || d <= 0 {
		return
	}
	every := d / time.Duration(n)
	s.mu.Lock()
	if !s.fixed && every > s.every && every <= 10*time.Second {
		s.every = every
	}
	s.mu.Unlock()
}

// response is a fetched answer.
type response struct {
	status      int
	contentType string // media type, lowercased, without parameters
	header      http.Header
	body        []byte
	url         *url.URL // after redirects
}

// HTTPError is an answer with an unexpected status.
type HTTPError struct {
	Service string
	URL     string
	Status  int
	Body    string // the start of the body, for the message
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s answered %d %s for %s", e.Service, e.Status, http.StatusText(e.Status), e.URL)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// ErrTooLarge is returned for a response over the size cap.
var ErrTooLarge = errors.New("response too large")

// get fetches u with the Accept header given, retrying 429, 5xx and
// transport errors. Any status is returned as a response: the caller
// decides what 404 means.
func (c *Client) get(ctx context.Context, s *service, u, accept string) (*response, error) {
	var lastErr error
	for attempt := 1; ; attempt++ {
		resp, retryAfter, err := c.getOnce(ctx, s, u, accept)
		if err == nil && !retryable(resp.status) {
			return resp, nil
		}
		if err != nil {
			var redir *redirectError
			if errors.As(err, &redir) && ctx.Err() == nil {
				return nil, fmt.Errorf("%s: %s, starting at %s", s.name, redir.msg, u)
			}
			if errors.Is(ctx.Err(), context.DeadlineExceeded) && lastErr != nil {
				return nil, fmt.Errorf("%s: no time left to retry within the timeout of %s: %w", s.name, c.opt.Timeout, lastErr)
			}
			if ctx.Err() != nil || errors.Is(err, ErrTooLarge) {
				return nil, c.wrapCtx(ctx, s, u, err)
			}
			lastErr = err
		} else {
			lastErr = &HTTPError{Service: s.name, URL: u, Status: resp.status, Body: snippet(resp.body)}
		}
		if attempt >= c.opt.MaxAttempts {
			if err == nil && resp.status == http.StatusTooManyRequests {
				return nil, fmt.Errorf("rate limited by %s after %d tries; try again later: %w", s.name, attempt, lastErr)
			}
			return nil, fmt.Errorf("%s: giving up after %d tries: %w", s.name, attempt, lastErr)
		}
		wait := c.backoff(attempt)
		if retryAfter > 0 {
			if retryAfter > c.opt.MaxRetryAfter {
				return nil, fmt.Errorf("%s asks to wait %s before retrying (pubs waits at most %s); try again later: %w", s.name, waitText(retryAfter), c.opt.MaxRetryAfter, lastErr)
			}
			wait = retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, fmt.Errorf("%s: no time left to retry within the timeout of %s: %w", s.name, c.opt.Timeout, lastErr)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				// Say what went wrong, not only that time ran out.
				return nil, fmt.Errorf("%s: no time left to retry within the timeout of %s: %w", s.name, c.opt.Timeout, lastErr)
			}
			return nil, c.wrapCtx(ctx, s, u, ctx.Err())
		}
	}
}

// waitText writes a Retry-After wait for a message.
func waitText(d time.Duration) string {
	if d > 24*time.Hour {
		return "more than a day"
	}
	return d.Round(time.Second).String()
}

func (c *Client) wrapCtx(ctx context.Context, s *service, u string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: no complete answer from %s within the timeout of %s", s.name, u, c.opt.Timeout)
	}
	return fmt.Errorf("%s: %w", s.name, err)
}

// redirectError is a redirect that is not followed; it is not retried.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff returns the jittered wait before retry n (1-based): between half
// and all of Backoff*2^(n-1), capped at MaxBackoff.
func (c *Client) backoff(n int) time.Duration {
	d := c.opt.Backoff << (n - 1)
	if d > c.opt.MaxBackoff || d <= 0 {
		d = c.opt.MaxBackoff
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func (c *Client) getOnce(ctx context.Context, s *service, u, accept string) (*response, time.Duration, error) {
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", accept)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	s.slowDown(resp.Header)
	if resp.ContentLength > c.opt.MaxBody {
		return nil, 0, fmt.Errorf("%w: %d bytes, more than the limit of %d", ErrTooLarge, resp.ContentLength, c.opt.MaxBody)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBody+1))
	if err != nil {
		return nil, 0, fmt.Errorf("reading the answer from %s: %w", s.name, err)
	}
	if int64(len(body)) > c.opt.MaxBody {
		return nil, 0, fmt.Errorf("%w: more than the limit of %d bytes (after decompression)", ErrTooLarge, c.opt.MaxBody)
	}
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	r := &response{status: resp.StatusCode, contentType: strings.ToLower(ct), header: resp.Header, body: body, url: resp.Request.URL}
	return r, retryAfter(resp.Header.Get("Retry-After")), nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date. A
// number of seconds too large for a time.Duration (which a plain
// multiplication would wrap around to a short or negative wait) gives
// the longest duration.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > int64(math.MaxInt64/time.Second) {
			return math.MaxInt64
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// snippet returns the start of a body as one line of printable text, for
// error messages; HTML pages give nothing.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "<") {
		return ""
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\uFFFD' {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "..."
	}
	return s
}
