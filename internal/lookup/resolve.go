package lookup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/pubs-dev/pubs/internal/ids"
)

// IDKind tells what an [ID] names.
type IDKind uint8

// The kinds of identifier.
const (
	KindDOI IDKind = iota + 1
	KindArXiv
)

// ID is a parsed identifier: a DOI or an arXiv identifier.
type ID struct {
	Kind  IDKind
	DOI   string      // bare DOI, case kept (KindDOI)
	ArXiv ids.ArXivID // (KindArXiv)
}

// String renders the identifier as the messages name it: the bare DOI, or
// "arXiv:2103.14726".
func (id ID) String() string {
	if id.Kind == KindArXiv {
		return "arXiv:" + id.ArXiv.String()
	}
	return id.DOI
}

// ParseID reads a DOI in any common spelling (bare, doi:, a doi.org or
// dx.doi.org URL, a publisher URL holding a DOI) or an arXiv identifier
// (2103.14726, arXiv:2103.14726v2, math/0211159, an arxiv.org abs or pdf
// URL). arXiv's own DOIs (10.48550/arXiv.…) are read as arXiv identifiers,
// since the arXiv API has the fuller record.
func ParseID(s string) (ID, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ID{}, errors.New("empty identifier")
	}
	if strings.ContainsAny(s, " \t") && !strings.HasPrefix(strings.ToLower(s), "doi") && !strings.HasPrefix(strings.ToLower(s), "arxiv") {
		return ID{}, fmt.Errorf("%q is not a DOI or an arXiv identifier", s)
	}
	if a, ok := ids.ParseArXiv(s); ok {
		return ID{Kind: KindArXiv, ArXiv: a}, nil
	}
	if d, ok := ids.ParseDOI(s); ok {
		return ID{Kind: KindDOI, DOI: d}, nil
	}
	return ID{}, fmt.Errorf("%q is not a DOI or an arXiv identifier", s)
}

// ErrNotFound is wrapped by the errors for an identifier that no service
// knows.
var ErrNotFound = errors.New("not found")

// NotFoundError says which identifier is unknown.
type NotFoundError struct {
	ID  ID
	Msg string
}

func (e *NotFoundError) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

func notRegistered(doi string) error {
	return &NotFoundError{ID: ID{Kind: KindDOI, DOI: doi}, Msg: fmt.Sprintf("DOI %s is not registered", doi)}
}

// Lookup fetches the record of id within the client's timeout.
func (c *Client) Lookup(ctx context.Context, id ID) (*Work, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	switch id.Kind {
	case KindDOI:
		return c.lookupDOI(ctx, id.DOI)
	case KindArXiv:
		return c.lookupArXiv(ctx, id.ArXiv)
	}
	return nil, errors.New("lookup: empty identifier")
}

// doiPath returns the DOI encoded for a URL path, as the DOI Handbook
// asks ('/' kept).
func doiPath(doi string) string {
	return strings.TrimPrefix(ids.DOIURL(doi), "https://doi.org/")
}

// doiPrefix returns "10.1371" of "10.1371/journal.pone.0033693".
func doiPrefix(doi string) string {
	if i := strings.IndexByte(doi, '/'); i > 0 {
		return doi[:i]
	}
	return doi
}

// The registration agencies pubs has an API for.
const (
	raCrossref = "crossref"
	raDataCite = "datacite"
)

func (c *Client) lookupDOI(ctx context.Context, doi string) (*Work, error) {
	ra, raErr, err := c.agency(ctx, doi)
	if err != nil {
		return nil, err
	}
	var first error
	switch ra {
	case raCrossref:
		w, err := c.crossrefWork(ctx, doi)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return w, err
		}
		first = err
	case raDataCite:
		w, err := c.dataciteWork(ctx, doi)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return w, err
		}
		first = err
	}
	w, err := c.negotiate(ctx, doi)
	if err != nil && raErr != nil && ctx.Err() != nil {
		// The agency lookup failed, and content negotiation ran out of
		// time: the first failure is the one to report.
		return nil, raErr
	}
	if err != nil && first != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%w (and %s did not know it either)", err, ra)
	}
	return w, err
}

// agency returns the lowercased name of the registration agency of doi, or
// "" when doi.org could not say (the caller then tries content
// negotiation; soft is why, when the request failed). A DOI that doi.org
// says does not exist gives ErrNotFound.
func (c *Client) agency(ctx context.Context, doi string) (ra string, soft, err error) {
	prefix := strings.ToLower(doiPrefix(doi))
	c.mu.Lock()
	ra, ok := c.ras[prefix]
	c.mu.Unlock()
	if ok {
		return ra, nil, nil
	}
	u := c.opt.Endpoints.DOI + "/ra/" + doiPath(doi)
	resp, err := c.get(ctx, c.doi, u, "application/json")
	if err != nil {
		if ctx.Err() != nil {
			return "", nil, err
		}
		return "", err, nil // content negotiation may still work
	}
	if resp.status != http.StatusOK {
		return "", nil, nil
	}
	var answer []struct {
		DOI    string `json:"DOI"`
		RA     string `json:"RA"`
		Status string `json:"status"`
	}
	if json.Unmarshal(resp.body, &answer) != nil || len(answer) == 0 {
		return "", nil, nil
	}
	a := answer[0]
	if a.RA == "" {
		switch strings.ToLower(a.Status) {
		case "doi does not exist":
			return "", nil, notRegistered(doi)
		case "invalid doi":
			return "", nil, fmt.Errorf("%s is not a valid DOI (doi.org)", doi)
		}
		return "", nil, nil
	}
	ra = strings.ToLower(strings.TrimSpace(a.RA))
	c.mu.Lock()
	c.ras[prefix] = ra
	c.mu.Unlock()
	return ra, nil, nil
}

// crossrefWork reads a DOI from Crossref's REST API.
func (c *Client) crossrefWork(ctx context.Context, doi string) (*Work, error) {
	u := c.opt.Endpoints.Crossref + "/works/" + doiPath(doi)
	if c.opt.Mailto != "" {
		u += "?mailto=" + url.QueryEscape(c.opt.Mailto)
	}
	return c.agencyWork(ctx, c.crossref, u, "application/json", doi, ParseCrossref)
}

// dataciteWork reads a DOI from DataCite's REST API (which matches DOIs
// case-sensitively, in lower case).
func (c *Client) dataciteWork(ctx context.Context, doi string) (*Work, error) {
	u := c.opt.Endpoints.DataCite + "/dois/" + doiPath(strings.ToLower(doi))
	return c.agencyWork(ctx, c.datacite, u, "application/vnd.api+json, application/json", doi, ParseDataCite)
}

// agencyWork reads a DOI's record from a registration agency's own API at
// u and maps it with parse: 404 means the DOI is not registered there.
func (c *Client) agencyWork(ctx context.Context, s *service, u, accept, doi string, parse func([]byte) (*Work, error)) (*Work, error) {
	resp, err := c.get(ctx, s, u, accept)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.status == http.StatusNotFound:
		return nil, notRegistered(doi)
	case resp.status != http.StatusOK:
		return nil, &HTTPError{Service: s.name, URL: u, Status: resp.status, Body: snippet(resp.body)}
	case isHTML(resp):
		return nil, fmt.Errorf("a web page, not metadata, came back from %s for %s", s.name, u)
	case !isType(resp, "json"):
		return nil, wrongType(s.name, u, resp, "JSON")
	}
	w, err := parse(resp.body)
	if err != nil {
		return nil, fmt.Errorf("malformed answer from %s for %s: %w", s.name, doi, err)
	}
	return w, nil
}

// cslAccept asks for CSL-JSON, the one format Crossref, DataCite and
// mEDRA all serve through doi.org.
const cslAccept = "application/vnd.citationstyles.csl+json, application/citeproc+json;q=0.9"

// negotiate reads a DOI through content negotiation at doi.org.
func (c *Client) negotiate(ctx context.Context, doi string) (*Work, error) {
	u := c.opt.Endpoints.DOI + "/" + doiPath(doi)
	resp, err := c.get(ctx, c.doi, u, cslAccept)
	if err != nil {
		return nil, err
	}
	switch resp.status {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, notRegistered(doi)
	case http.StatusBadRequest:
		return nil, fmt.Errorf("doi.org says %s is not a DOI", doi)
	case http.StatusNotAcceptable:
		return nil, fmt.Errorf("the registration agency of %s offers no CSL-JSON metadata (406 from %s)", doi, resp.url.Host)
	default:
		return nil, &HTTPError{Service: "doi.org", URL: u, Status: resp.status, Body: snippet(resp.body)}
	}
	if isHTML(resp) {
		return nil, fmt.Errorf("content negotiation for %s gave a web page (%s), not metadata: the publisher's DOI configuration is broken", doi, resp.url.Host)
	}
	if !isType(resp, "json") {
		return nil, wrongType(resp.url.Host, u, resp, "CSL-JSON")
	}
	w, err := ParseCSL(resp.body)
	if err != nil {
		return nil, fmt.Errorf("malformed answer from %s for %s: %w", resp.url.Host, doi, err)
	}
	if w.DOI == "" {
		w.DOI = doi
	}
	return w, nil
}

// isHTML reports an answer that is a web page.
func isHTML(r *response) bool {
	if r.contentType == "text/html" || r.contentType == "application/xhtml+xml" {
		return true
	}
	s := strings.TrimSpace(string(r.body[:min(len(r.body), 512)]))
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "<!doctype html") || strings.HasPrefix(s, "<html")
}

// isType reports whether an answer's declared media type may hold the
// syntax wanted, "json" or "xml": a type naming it (application/json,
// application/vnd.api+json, application/atom+xml, text/xml), and, since
// some services label their answers loosely, text/plain or no type at
// all; the parser then decides. Anything else (an image, a PDF, XML where
// JSON is wanted) is refused without being parsed.
func isType(r *response, syntax string) bool {
	ct := r.contentType
	return ct == "" || ct == "text/plain" || ct == "application/"+syntax || ct == "text/"+syntax || strings.HasSuffix(ct, "+"+syntax)
}

func wrongType(service, u string, r *response, want string) error {
	return fmt.Errorf("%s answered with %s, not %s, for %s", service, r.contentType, want, u)
}

// lookupArXiv reads an arXiv record, then the published version's record
// when arXiv names its DOI.
func (c *Client) lookupArXiv(ctx context.Context, a ids.ArXivID) (*Work, error) {
	u := c.opt.Endpoints.ArXiv + "?id_list=" + url.QueryEscape(a.String())
	resp, err := c.get(ctx, c.arxiv, u, "application/atom+xml")
	if err != nil {
		return nil, err
	}
	if resp.status != http.StatusOK && resp.status != http.StatusBadRequest {
		return nil, &HTTPError{Service: "arXiv", URL: u, Status: resp.status, Body: snippet(resp.body)}
	}
	if isHTML(resp) {
		return nil, fmt.Errorf("a web page, not metadata, came back from arXiv for %s", u)
	}
	if !isType(resp, "xml") {
		return nil, wrongType("arXiv", u, resp, "an Atom feed")
	}
	w, err := ParseArXivAtom(resp.body, a)
	if err != nil {
		return nil, err
	}
	if w.DOI == "" {
		return w, nil
	}
	pub, err := c.lookupDOI(ctx, w.DOI)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			w.Warnings = append(w.Warnings, fmt.Sprintf("arXiv names the published version's DOI %s, but it is not registered; using arXiv's record without it", w.DOI))
			w.DOI = ""
		} else {
			w.Warnings = append(w.Warnings, fmt.Sprintf("could not read the published version %s (%v); using arXiv's record", w.DOI, err))
		}
		return w, nil
	}
	pub.EPrint, pub.PrimaryClass = w.EPrint, w.PrimaryClass
	pub.Warnings = append(pub.Warnings, w.Warnings...)
	return pub, nil
}
