package lint

// required lists, per entry type, the fields a style needs; "a|b" means
// either will do. BibTeX's standard types follow btxdoc ("BibTeXing",
// section 3.1); the types only biblatex knows follow the biblatex manual
// (section 2.1.1), where "date" stands in for "year" and "journaltitle"
// for "journal". @misc needs nothing, as in BibTeX.
var required = map[string][]string{
	// BibTeX
	"article":       {"author", "title", "journal|journaltitle", "year|date"},
	"book":          {"author|editor", "title", "publisher", "year|date"},
	"booklet":       {"title"},
	"conference":    {"author", "title", "booktitle", "year|date"},
	"inbook":        {"author|editor", "title", "chapter|pages", "publisher", "year|date"},
	"incollection":  {"author", "title", "booktitle", "publisher", "year|date"},
	"inproceedings": {"author", "title", "booktitle", "year|date"},
	"manual":        {"title"},
	"mastersthesis": {"author", "title", "school|institution", "year|date"},
	"misc":          {},
	"phdthesis":     {"author", "title", "school|institution", "year|date"},
	"proceedings":   {"title", "year|date"},
	"techreport":    {"author", "title", "institution|school", "year|date"},
	"unpublished":   {"author", "title", "note"},
	// biblatex
	"bookinbook":   {"author", "title", "booktitle", "year|date"},
	"collection":   {"editor", "title", "year|date"},
	"dataset":      {"author|editor", "title", "year|date"},
	"mvbook":       {"author", "title", "year|date"},
	"mvcollection": {"editor", "title", "year|date"},
	"online":       {"author|editor", "title", "year|date", "url|doi|eprint"},
	"patent":       {"author", "title", "number", "year|date"},
	"periodical":   {"editor", "title", "year|date"},
	"report":       {"author", "title", "type", "institution", "year|date"},
	"software":     {"author|editor", "title", "year|date"},
	"thesis":       {"author", "title", "type", "institution|school", "year|date"},
}
