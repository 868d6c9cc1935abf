package lookup

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

type dcName struct {
	Name       string `json:"name"`
	NameType   string `json:"nameType"`
	GivenName  string `json:"givenName"`
	FamilyName string `json:"familyName"`
}

func (n dcName) person() (Person, bool) {
	given, family := strings.TrimSpace(n.GivenName), strings.TrimSpace(n.FamilyName)
	name := strings.TrimSpace(n.Name)
	switch {
	case family != "":
		return Person{Given: given, Family: family}, true
	case name == "":
		return Person{}, false
	case strings.EqualFold(n.NameType, "Personal") && strings.Count(name, ",") == 1:
		i := strings.IndexByte(name, ',')
		return Person{Family: strings.TrimSpace(name[:i]), Given: strings.TrimSpace(name[i+1:])}, true
	}
	return Person{Literal: name}, true
}

// dcPublisher is a string, or an object {name, ...} in newer API versions.
type dcPublisher string

func (p *dcPublisher) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*p = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*p = dcPublisher(s)
	case b[0] == '{':
		var o struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		*p = dcPublisher(o.Name)
	}
	return nil
}

type dcAttributes struct {
	DOI    string `json:"doi"`
	Titles []struct {
		Title     string `json:"title"`
		TitleType string `json:"titleType"`
	} `json:"titles"`
	Creators        []dcName    `json:"creators"`
	Contributors    []dcContrib `json:"contributors"`
	Publisher       dcPublisher `json:"publisher"`
	PublicationYear lenient     `json:"publicationYear"`
	Dates           []struct {
		Date     string `json:"date"`
		DateType string `json:"dateType"`
	} `json:"dates"`
	Types struct {
		ResourceTypeGeneral string `json:"resourceTypeGeneral"`
		ResourceType        string `json:"resourceType"`
	} `json:"types"`
	Container struct {
		Type      string  `json:"type"`
		Title     string  `json:"title"`
		Volume    lenient `json:"volume"`
		Issue     lenient `json:"issue"`
		FirstPage lenient `json:"firstPage"`
		LastPage  lenient `json:"lastPage"`
	} `json:"container"`
	Version lenient `json:"version"`
	URL     string  `json:"url"`
}

type dcContrib struct {
	dcName
	ContributorType string `json:"contributorType"`
}

// ParseDataCite reads an answer of DataCite's REST API for one DOI
// (/dois/{doi}).
func ParseDataCite(body []byte) (*Work, error) {
	var env struct {
		Data *struct {
			Type       string          `json:"type"`
			Attributes json.RawMessage `json:"attributes"`
		} `json:"data"`
		Errors []struct {
			Title string `json:"title"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, jsonError(err)
	}
	if env.Data == nil || len(env.Data.Attributes) == 0 || env.Data.Attributes[0] != '{' {
		if len(env.Errors) > 0 {
			return nil, errors.New("DataCite: " + env.Errors[0].Title)
		}
		return nil, errors.New("no data in DataCite's answer")
	}
	var a dcAttributes
	if err := json.Unmarshal(env.Data.Attributes, &a); err != nil {
		return nil, jsonError(err)
	}
	w := &Work{
		DOI:       strings.TrimSpace(a.DOI),
		Publisher: strings.TrimSpace(string(a.Publisher)),
		Version:   strings.TrimSpace(string(a.Version)),
		URL:       strings.TrimSpace(a.URL),
		Source:    "DataCite REST API",
	}
	for _, t := range a.Titles {
		switch strings.ToLower(t.TitleType) {
		case "":
			if w.Title == "" {
				w.Title = strings.TrimSpace(t.Title)
			}
		case "subtitle":
			if w.Subtitle == "" {
				w.Subtitle = strings.TrimSpace(t.Title)
			}
		}
	}
	for _, c := range a.Creators {
		if p, ok := c.person(); ok {
			w.Authors = append(w.Authors, p)
		}
	}
	for _, c := range a.Contributors {
		if strings.EqualFold(c.ContributorType, "Editor") {
			if p, ok := c.person(); ok {
				w.Editors = append(w.Editors, p)
			}
		}
	}
	// The year: the Issued date, else publicationYear.
	for _, d := range a.Dates {
		if strings.EqualFold(d.DateType, "Issued") {
			w.Year, w.Month = isoYM(d.Date)
			break
		}
	}
	if w.Year == 0 {
		if y, err := strconv.Atoi(strings.TrimSpace(string(a.PublicationYear))); err == nil && y >= 1000 && y <= 9999 {
			w.Year = y
		}
	}
	if w.Year == 0 {
		w.Warnings = append(w.Warnings, "the record has no publication year: no year written")
	}
	ct := a.Container
	container := strings.TrimSpace(ct.Title)
	general := strings.ToLower(a.Types.ResourceTypeGeneral)
	specific := strings.ToLower(strings.ReplaceAll(a.Types.ResourceType, " ", ""))
	switch {
	case general == "dataset":
		w.Type, w.Genre = "misc", "Dataset"
	case general == "software" || general == "computationalnotebook":
		w.Type, w.Genre = "misc", "Software"
	case general == "book" || specific == "book":
		w.Type = "book"
	case general == "bookchapter" || specific == "bookchapter":
		w.Type = "incollection"
	case general == "dissertation" || specific == "dissertation" || specific == "thesis" || specific == "phdthesis":
		w.Type = "phdthesis"
	case general == "report" || specific == "report":
		w.Type = "techreport"
	case general == "preprint" || specific == "preprint":
		w.Type, w.Genre = "misc", "Preprint"
	case general == "conferencepaper" || specific == "conferencepaper":
		w.Type = "inproceedings"
	case general == "conferenceproceeding":
		w.Type = "proceedings"
	case general == "journalarticle" || specific == "journalarticle" || specific == "article":
		w.Type = "article"
	default:
		w.Type = "misc"
	}
	// A container of type Series names a series, not a journal or book
	// (DESY's "University of Hamburg"); only a journal, book or
	// proceedings title is a venue.
	if container != "" && !strings.EqualFold(ct.Type, "Series") {
		w.Container = container
		w.Volume = strings.TrimSpace(string(ct.Volume))
		w.Issue = strings.TrimSpace(string(ct.Issue))
		first, last := strings.TrimSpace(string(ct.FirstPage)), strings.TrimSpace(string(ct.LastPage))
		switch {
		case first != "" && last != "" && last != first:
			w.Pages = first + "-" + last
		default:
			w.Pages = first
		}
	}
	return w, nil
}

// isoYM reads the year and month of "2016-12-20", "2014", "2011-02-01T17:22:41Z"
// or a range "2009-10-01/2014-01-23" (its start).
func isoYM(s string) (year, month int) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	if len(s) < 4 {
		return 0, 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1000 {
		return 0, 0
	}
	if len(s) >= 7 && s[4] == '-' {
		if m, err := strconv.Atoi(s[5:7]); err == nil && m >= 1 && m <= 12 {
			month = m
		}
	}
	return y, month
}
