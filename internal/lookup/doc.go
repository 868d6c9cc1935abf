// Package lookup fetches the metadata of a DOI or an arXiv identifier from
// the services that hold it and turns it into a BibTeX entry.
//
// # Fetching
//
// A [Client] talks to four services, each at a base URL that the caller may
// override (pubs.toml and the PUBS_*_URL environment variables, so that
// tests can point them at a local server); the paths appended are those of
// the real services:
//
//	doi.org   {base}/ra/{doi}      which registration agency holds the DOI
//	          {base}/{doi}         content negotiation (CSL-JSON)
//	Crossref  {base}/works/{doi}   Crossref's REST API (JSON)
//	DataCite  {base}/dois/{doi}    DataCite's REST API (JSON:API)
//	arXiv     {base}?id_list={id}  the arXiv API (Atom)
//
// A DOI is looked up in three steps. doi.org/ra names the agency
// (answered once per prefix and cached). A Crossref DOI is read from
// Crossref's REST API and a DataCite DOI from DataCite's, which give the
// richest records; any other agency (mEDRA, JaLC, KISTI, OP, ...), an
// agency lookup that failed, and a DOI the agency's API does not know
// (Crossref's API answers 404 for some old SICI DOIs that exist) go
// through content negotiation at doi.org, which redirects to the agency's
// own service. A content-negotiation answer that is a web page rather than
// metadata (some Crossref prefixes are misconfigured so) is an error, never
// parsed. doi.org's 404 means the DOI is not registered ([ErrNotFound]).
//
// An arXiv identifier is read from the arXiv API. When arXiv knows the
// DOI of the published version, that DOI is looked up too and its record
// preferred, with the eprint kept; if the DOI lookup fails, arXiv's own
// record is used and a warning says why.
//
// Every lookup has a total deadline (Options.Timeout, default
// [DefaultTimeout]) that bounds its requests, retries and waits, and a
// connect timeout; a request follows at most [MaxRedirects] redirects, to
// http(s) URLs only, and reads at most Options.MaxBody bytes after
// decompression (the transport asks for gzip and inflates it, so a gzip
// bomb stops at the cap) and [MaxHeaderBytes] of headers. An answer of the
// wrong type (a web page; XML where JSON is wanted) is an error before
// any parsing. 429 and 5xx answers and transport errors are retried with
// exponential backoff and jitter, honouring Retry-After up to
// Options.MaxRetryAfter (default [DefaultMaxRetryAfter]): a longer wait,
// or one past the deadline, is an error at once, never a sleep; 400 and
// 404 are not retried. Requests are spaced and bounded per service: Crossref at
// the limits it publishes (public pool 5 per second, one at a time; polite
// pool, with a mailto address, 10 per second, three at a time), adjusted
// down when its X-Rate-Limit headers ask for less; arXiv one request every
// three seconds, as its terms of use ask. The User-Agent names pubs, its
// version and the mailto address, and Crossref requests also carry the
// address as the mailto parameter, as Crossref's etiquette asks.
//
// # Mapping
//
// Crossref JSON, CSL-JSON (from either Crossref or DataCite, whose type
// vocabularies differ), DataCite JSON and arXiv Atom are each mapped to a
// [Work], a neutral record; [Work.Entry] writes it as BibTeX. Network text
// is untrusted: every value is written through latex.FromUnicode, which
// escapes the TeX specials (so "\input" arrives as {\textbackslash}input),
// braces from the network are written {\textbraceleft} and
// {\textbraceright} (BibTeX would count \{ as a brace), and the only braces and commands in the output are the
// ones written here; control characters and bidirectional overrides are
// dropped. Titles may carry HTML, JATS and MathML markup
// (<i>, <sub>, <scp>, <mml:math>) and entities: known tags become \textit,
// \textbf, \textsc, \textsubscript and \textsuperscript, MathML keeps its
// text, other tags are dropped, and entities are decoded. Words with
// capitals after their first letter (acronyms, "mRNA", "hessQuik") are
// protected with braces in titles.
package lookup
