package lookuptest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
)

// Fake plays doi.org's agency lookup and Crossref's REST API for any DOI,
// with records that the test makes up. It needs no recordings, so tests
// that want many distinct DOIs, hostile metadata or network faults run
// everywhere. Its base URLs have the layout of [Server]'s
// ([Fake.Endpoints]):
//
//   - /doi/ra/{doi}: [{"DOI": doi, "RA": "Crossref"}] for any DOI;
//   - /crossref/works/{doi}: {"status": "ok", "message-type": "work",
//     "message": Work(doi)}, with "DOI" set to doi when Work leaves it out;
//   - anything else: 404.
//
// [Fake.Handle] overrides a path, as for [Server].
type Fake struct {
	*httptest.Server
	work      func(doi string) map[string]any
	overrides sync.Map // path -> http.HandlerFunc
	works     atomic.Int64
}

// DefaultWork is the record of a DOI when NewFake is given no function:
// a journal article by Ada Lovelace, 2020, titled "Work {doi}".
func DefaultWork(doi string) map[string]any {
	return map[string]any{
		"type":            "journal-article",
		"title":           []string{"Work " + doi},
		"container-title": []string{"Journal of Tests"},
		"author":          []map[string]string{{"given": "Ada", "family": "Lovelace"}},
		"volume":          "1",
		"page":            "1-2",
		"issued":          map[string]any{"date-parts": [][]int{{2020, 1}}},
	}
}

// NewFake starts a fake service whose Crossref record of a DOI is
// work(doi) (DefaultWork when work is nil). Close it when done.
func NewFake(work func(doi string) map[string]any) *Fake {
	if work == nil {
		work = DefaultWork
	}
	f := &Fake{work: work}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// Endpoints returns the base URLs to configure.
func (f *Fake) Endpoints() Endpoints {
	return Endpoints{DOI: f.URL + "/doi", Crossref: f.URL + "/crossref", DataCite: f.URL + "/datacite", ArXiv: f.URL + "/arxiv"}
}

// Handle makes path (e.g. "/crossref/works/10.9999/x") answer with h.
func (f *Fake) Handle(path string, h http.HandlerFunc) { f.overrides.Store(path, h) }

// Works returns how many Crossref records were served (overridden paths
// not counted).
func (f *Fake) Works() int64 { return f.works.Load() }

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	if h, ok := f.overrides.Load(r.URL.Path); ok {
		h.(http.HandlerFunc)(w, r)
		return
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/doi/ra/"):
		doi := strings.TrimPrefix(p, "/doi/ra/")
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		json.NewEncoder(w).Encode([]map[string]string{{"DOI": doi, "RA": "Crossref"}})
	case strings.HasPrefix(p, "/crossref/works/"):
		doi := strings.TrimPrefix(p, "/crossref/works/")
		m := map[string]any{"DOI": doi}
		for k, v := range f.work(doi) {
			m[k] = v
		}
		f.works.Add(1)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "message-type": "work", "message": m})
	default:
		http.NotFound(w, r)
	}
}
