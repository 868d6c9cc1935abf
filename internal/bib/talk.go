package bib

import (
	"strings"
)

// Talk is a talk's details, read from any of the forms docs/talks.md
// lists: @misc with type/eventtitle/venue/date (the form pubs writes),
// @unpublished with a note, biblatex @misc with eventdate and location,
// @inproceedings with type = {presentation}, and the custom types
// @presentation and @talk. Values are as written in the .bib (LaTeX).
type Talk struct {
	Kind     string // "Invited talk", "Poster", ...; may be empty
	Event    string // eventtitle, or booktitle for @inproceedings talks
	Venue    string // institution or hall
	Location string // city, country
	Date     string // ISO date as written (date, else eventdate); may be empty
	Time     string // "HH:MM" local time as written; may be empty
	Text     string // howpublished, else note: one human-readable sentence
}

// talkWords start a note or howpublished that describes a talk.
var talkWords = []string{"talk", "invited", "plenary", "keynote", "seminar", "presentation", "poster", "lecture", "colloquium"}

// IsTalk reports whether the entry records a talk (see [Talk]).
func (e *Entry) IsTalk() bool {
	switch e.Type {
	case "presentation", "talk":
		return true
	case "inproceedings", "conference":
		t := strings.ToLower(strings.TrimSpace(e.Get("type")))
		return t == "presentation" || t == "talk" || t == "poster" || t == "invited talk"
	case "misc", "online", "unpublished":
		for _, k := range e.Keywords() {
			switch strings.ToLower(k) {
			case "talk", "presentation", "poster":
				return true
			}
		}
		text := e.Get("howpublished")
		if e.Type == "unpublished" || text == "" {
			text = e.Get("note")
		}
		return startsWithTalkWord(text)
	}
	return false
}

func startsWithTalkWord(s string) bool {
	w := strings.ToLower(strings.TrimLeft(s, " \t\n{"))
	for _, t := range talkWords {
		if strings.HasPrefix(w, t) {
			return true
		}
	}
	return false
}

// TalkDetails returns the talk's details, mapping the alternative forms
// onto one model: eventdate stands in for a missing date, booktitle for a
// missing eventtitle, note for a missing howpublished.
func (e *Entry) TalkDetails() Talk {
	t := Talk{
		Kind:     strings.TrimSpace(e.Get("type")),
		Event:    strings.TrimSpace(e.Get("eventtitle")),
		Venue:    strings.TrimSpace(e.Get("venue")),
		Location: strings.TrimSpace(firstNonEmpty(e.Get("location"), e.Get("address"))),
		Date:     strings.TrimSpace(firstNonEmpty(e.Get("date"), e.Get("eventdate"))),
		Time:     strings.TrimSpace(e.Get("time")),
		Text:     strings.TrimSpace(firstNonEmpty(e.Get("howpublished"), e.Get("note"))),
	}
	if t.Event == "" {
		t.Event = strings.TrimSpace(e.Get("booktitle"))
	}
	if k := strings.ToLower(t.Kind); k == "presentation" || k == "talk" {
		t.Kind = "Talk"
	}
	return t
}

// IsPreprint reports whether the entry is a preprint: a @misc, @online,
// @unpublished or @article without a journal that has an arXiv id or a
// preprint keyword, and is not a talk.
func (e *Entry) IsPreprint() bool {
	switch e.Type {
	case "misc", "online", "unpublished", "article":
	default:
		return false
	}
	if e.Type == "article" && strings.TrimSpace(firstNonEmpty(e.Get("journal"), e.Get("journaltitle"))) != "" {
		return false
	}
	if e.IsTalk() {
		return false
	}
	for _, k := range e.Keywords() {
		if strings.EqualFold(k, "preprint") {
			return true
		}
	}
	if strings.TrimSpace(e.Get("eprint")) != "" {
		return true
	}
	hp := strings.ToLower(e.Get("howpublished") + " " + e.Get("publisher") + " " + e.Get("url"))
	for _, s := range []string{"arxiv", "biorxiv", "medrxiv", "ssrn", "preprint", "chemrxiv", "osf.io", "hal.science", "research square"} {
		if strings.Contains(hp, s) {
			return true
		}
	}
	return false
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
