// Package lookuptest serves the real recorded responses of doi.org,
// Crossref, DataCite and arXiv (the fixtures in ../shared/fixtures/doi,
// described by their index.json) from a local HTTP server, so that tests of
// 'pubs add' run offline against what the services really answered.
//
// One server plays the four services under the path prefixes /doi,
// /crossref, /datacite and /arxiv; [Server.Endpoints] gives the base URLs
// to configure. Recorded bodies are served byte for byte with the recorded
// headers (less Date and transfer headers). What was not recorded is
// answered the way the service answers an unknown identifier, with a
// recorded body of that kind:
//
//   - doi.org /ra/{doi}: the recorded answer for the prefix when there is
//     one; otherwise the agency that index.json gives for a recording of
//     the same prefix, in the recorded JSON shape ([{"DOI":…,"RA":…}]);
//     otherwise [{"DOI":…,"status":"DOI does not exist"}], the recorded
//     answer for an unknown prefix (doiorg-ra_10.99999.json). These
//     answers are synthesized from the index.
//   - doi.org /{doi} (content negotiation): the recorded CSL-JSON for the
//     DOI; for 10.1126/science.169.3946.635 the recorded 302 to Crossref
//     (its Location pointed at this server) and then the recorded
//     CSL-JSON. The CSL-JSON recordings kept no Content-Type; they are
//     served as application/vnd.citationstyles.csl+json, as the services
//     send it. Any other DOI gets the recorded 404 "DOI Not Found" page (the
//     page recorded for that DOI when there is one), and a path that is
//     not a DOI the recorded 400 "Not a DOI" page.
//   - Crossref /works/{doi}: the recording, else the recorded 404
//     "Resource not found.".
//   - DataCite /dois/{doi}: the recording, else the recorded 404.
//   - arXiv ?id_list={id}: the recording (200, or 400 for the malformed
//     ids abc and INVALIDID), else the recorded empty feed (the answer
//     for a well-formed unknown id).
//
// [Server.Handle] overrides a path for fault injection (429, slow or
// truncated answers). For tests in other processes, a base URL whose first
// path segment ends in "-slow" (e.g. the DOI endpoint plus "-slow") never
// answers: the request hangs until the client goes away (at most a
// minute).
package lookuptest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// FixtureDir finds the folder of recorded responses: $PUBS_FIXTURES_DOI,
// else shared/fixtures/doi next to (or in) the module root or one of the
// current folder's ancestors. ok is false when there is none.
func FixtureDir() (string, bool) {
	if d := os.Getenv("PUBS_FIXTURES_DOI"); d != "" {
		if isFixtureDir(d) {
			return d, true
		}
		return "", false
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		for _, c := range []string{filepath.Join(dir, "shared", "fixtures", "doi"), filepath.Join(dir, "..", "shared", "fixtures", "doi")} {
			if isFixtureDir(c) {
				return filepath.Clean(c), true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isFixtureDir(d string) bool {
	fi, err := os.Stat(filepath.Join(d, "index.json"))
	return err == nil && fi.Mode().IsRegular()
}

// Record is one entry of index.json.
type Record struct {
	File    string            `json:"file"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Accept  string            `json:"accept"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Agency  string            `json:"agency"`
	Format  string            `json:"format"`
}

// LoadIndex reads index.json of a fixture folder.
func LoadIndex(dir string) ([]Record, error) {
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, err
	}
	var recs []Record
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "index.json"), err)
	}
	return recs, nil
}

// Request is a request the server received.
type Request struct {
	Method, Path, RawQuery string
	Header                 http.Header
}

// Server replays the recordings.
type Server struct {
	*httptest.Server
	dir string

	crossref  map[string]Record // lower DOI ->
	datacite  map[string]Record
	csl       map[string]Record
	redirect  map[string]Record // lower DOI -> doi.org 302
	doi404    map[string]Record
	ra        map[string]Record // prefix ->
	agency    map[string]string // lower prefix -> agency
	arxiv     map[string]Record // id_list ->
	named     map[string]Record // file ->
	overrides sync.Map          // path -> http.HandlerFunc

	mu       sync.Mutex
	requests []Request
}

// Start starts a replay server over the fixture folder dir.
func Start(dir string) (*Server, error) {
	recs, err := LoadIndex(dir)
	if err != nil {
		return nil, err
	}
	s := &Server{
		dir: dir, crossref: map[string]Record{}, datacite: map[string]Record{}, csl: map[string]Record{},
		redirect: map[string]Record{}, doi404: map[string]Record{}, ra: map[string]Record{},
		agency: map[string]string{}, arxiv: map[string]Record{}, named: map[string]Record{},
	}
	for _, r := range recs {
		s.named[r.File] = r
		u, err := url.Parse(r.URL)
		if err != nil {
			continue
		}
		path := u.Path
		if doi := doiIn(path); doi != "" {
			if ag := recordAgency(dir, r); ag != "" {
				s.agency[strings.ToLower(prefix(doi))] = ag
			}
		}
		switch {
		case strings.HasPrefix(r.File, "doiorg-ra_"):
			s.ra[strings.TrimPrefix(path, "/ra/")] = r
		case strings.HasSuffix(r.File, ".crossref.json") && u.Host == "api.crossref.org" && strings.HasPrefix(path, "/works/") && r.Status == 200 && !strings.HasSuffix(path, "/agency"):
			s.crossref[strings.ToLower(strings.TrimPrefix(path, "/works/"))] = r
		case strings.HasSuffix(r.File, ".datacite.json") && r.Status == 200:
			s.datacite[strings.ToLower(strings.TrimPrefix(path, "/dois/"))] = r
		case strings.HasSuffix(r.File, ".csl.json"):
			doi := strings.TrimPrefix(path, "/")
			if i := strings.Index(doi, "/transform"); i >= 0 {
				doi = doi[:i]
			}
			doi = strings.TrimPrefix(doi, "works/")
			s.csl[strings.ToLower(doi)] = r
		case strings.HasPrefix(r.File, "doiorg_302_"):
			s.redirect[strings.ToLower(strings.TrimPrefix(path, "/"))] = r
		case strings.HasPrefix(r.File, "doiorg_404_"):
			s.doi404[strings.ToLower(strings.TrimPrefix(path, "/"))] = r
		case strings.HasPrefix(r.File, "arxiv_"):
			s.arxiv[u.Query().Get("id_list")] = r
		}
	}
	for _, f := range []string{"crossref_404_10.1371_notarealdoi.txt", "datacite_404_10.4124_05f6c379.json", "doiorg_404_10.1126_foo.html", "doiorg_400_foo.html", "arxiv_0000.0000.empty.atom.xml"} {
		if _, ok := s.named[f]; !ok {
			return nil, fmt.Errorf("%s: index.json lacks %s", dir, f)
		}
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s, nil
}

// Endpoints are the base URLs of the four services played; the struct
// converts to lookup.Endpoints.
type Endpoints struct {
	DOI, Crossref, DataCite, ArXiv string
}

// Endpoints returns the base URLs of the four services played.
func (s *Server) Endpoints() Endpoints {
	return Endpoints{DOI: s.URL + "/doi", Crossref: s.URL + "/crossref", DataCite: s.URL + "/datacite", ArXiv: s.URL + "/arxiv"}
}

// Handle makes path (as the server sees it, e.g.
// "/crossref/works/10.1371/journal.pone.0033693") answer with h.
func (s *Server) Handle(path string, h http.HandlerFunc) { s.overrides.Store(path, h) }

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Body returns the recorded body of a fixture file.
func (s *Server) Body(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.dir, file))
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone()})
	s.mu.Unlock()
	if first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); strings.HasSuffix(first, "-slow") {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
		return
	}
	if h, ok := s.overrides.Load(r.URL.Path); ok {
		h.(http.HandlerFunc)(w, r)
		return
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/doi/ra/"):
		s.serveRA(w, strings.TrimPrefix(p, "/doi/ra/"))
	case strings.HasPrefix(p, "/doi/"):
		s.serveCN(w, r, strings.TrimPrefix(p, "/doi/"))
	case strings.HasPrefix(p, "/crossref/works/"):
		doi := strings.ToLower(strings.TrimPrefix(p, "/crossref/works/"))
		if rec, ok := s.crossref[doi]; ok {
			s.replay(w, rec, "application/json")
			return
		}
		s.replay(w, s.named["crossref_404_10.1371_notarealdoi.txt"], "text/plain")
	case strings.HasPrefix(p, "/crossref/v1/works/") && strings.HasSuffix(p, "/transform"):
		doi := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(p, "/crossref/v1/works/"), "/transform"))
		if rec, ok := s.csl[doi]; ok && strings.Contains(r.Header.Get("Accept"), "csl+json") {
			s.replay(w, rec, "application/vnd.citationstyles.csl+json")
			return
		}
		s.replay(w, s.named["crossref_404_10.1371_notarealdoi.txt"], "text/plain")
	case strings.HasPrefix(p, "/datacite/dois/"):
		doi := strings.ToLower(strings.TrimPrefix(p, "/datacite/dois/"))
		if rec, ok := s.datacite[doi]; ok {
			s.replay(w, rec, "application/json")
			return
		}
		s.replay(w, s.named["datacite_404_10.4124_05f6c379.json"], "application/json")
	case p == "/arxiv":
		id := r.URL.Query().Get("id_list")
		if rec, ok := s.arxiv[id]; ok {
			s.replay(w, rec, "application/atom+xml")
			return
		}
		s.replay(w, s.named["arxiv_0000.0000.empty.atom.xml"], "application/atom+xml")
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) serveRA(w http.ResponseWriter, doi string) {
	pre := prefix(doi)
	if rec, ok := s.ra[pre]; ok {
		s.replay(w, rec, "application/json")
		return
	}
	// Synthesized in the recorded shape (see the package documentation).
	var answer []map[string]string
	if ag, ok := s.agency[strings.ToLower(pre)]; ok {
		answer = []map[string]string{{"DOI": doi, "RA": ag}}
	} else {
		answer = []map[string]string{{"DOI": doi, "status": "DOI does not exist"}}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	json.NewEncoder(w).Encode(answer)
}

func (s *Server) serveCN(w http.ResponseWriter, r *http.Request, doi string) {
	key := strings.ToLower(doi)
	if !strings.HasPrefix(doi, "10.") || !strings.Contains(doi, "/") {
		s.replay(w, s.named["doiorg_400_foo.html"], "text/html")
		return
	}
	if rec, ok := s.redirect[key]; ok {
		loc := rec.Headers["location"]
		loc = strings.Replace(loc, "https://api.crossref.org", s.URL+"/crossref", 1)
		w.Header().Set("Location", loc)
		s.replay(w, rec, "text/html")
		return
	}
	if rec, ok := s.csl[key]; ok && strings.Contains(r.Header.Get("Accept"), "csl+json") {
		s.replay(w, rec, "application/vnd.citationstyles.csl+json")
		return
	}
	if rec, ok := s.doi404[key]; ok {
		s.replay(w, rec, "text/html")
		return
	}
	s.replay(w, s.named["doiorg_404_10.1126_foo.html"], "text/html")
}

// replay writes a recording: its headers (less date and location, which
// the caller sets), the given content type when none was recorded, its
// status and body.
func (s *Server) replay(w http.ResponseWriter, rec Record, contentType string) {
	body, err := s.Body(rec.File)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for k, v := range rec.Headers {
		switch strings.ToLower(k) {
		case "date", "location", "content-length", "content-encoding", "transfer-encoding":
			continue
		}
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentType)
	}
	status := rec.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(body)
}

// recordAgency returns the registration agency of the DOI a recording is
// about: the answer itself for Crossref's /agency route, else the
// service that index.json names (not doi.org, which is no agency).
func recordAgency(dir string, r Record) string {
	if strings.HasSuffix(r.File, ".crossref-agency.json") {
		var a struct {
			Message struct {
				Agency struct {
					Label string `json:"label"`
				} `json:"agency"`
			} `json:"message"`
		}
		data, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil || json.Unmarshal(data, &a) != nil {
			return ""
		}
		return a.Message.Agency.Label
	}
	ag, _, _ := strings.Cut(r.Agency, " ")
	switch ag {
	case "Crossref", "DataCite", "mEDRA":
		return ag
	}
	return ""
}

// doiIn returns the DOI in a recorded URL path, or "".
func doiIn(path string) string {
	for _, pre := range []string{"/works/", "/v1/works/", "/dois/", "/ra/", "/"} {
		if strings.HasPrefix(path, pre) {
			d, err := url.PathUnescape(strings.TrimPrefix(path, pre))
			if err != nil {
				return ""
			}
			if i := strings.Index(d, "/transform"); i >= 0 {
				d = d[:i]
			}
			d = strings.TrimSuffix(d, "/agency")
			if strings.HasPrefix(d, "10.") && strings.Contains(d, "/") {
				return d
			}
		}
	}
	return ""
}

func prefix(doi string) string {
	if i := strings.IndexByte(doi, '/'); i > 0 {
		return doi[:i]
	}
	return doi
}
