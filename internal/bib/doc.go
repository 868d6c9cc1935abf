// Package bib reads BibTeX databases losslessly and models what they hold.
//
// # Pipeline
//
// Reading a library has two stages, so that files can be parsed
// independently (and concurrently) while the results stay deterministic:
//
//  1. [Parse] splits one file into [Item]s that cover every byte of it, in
//     order: @-items (entries, @string, @preamble, @comment) and the free
//     text between them. Every item keeps its byte span, so a later command
//     can rewrite one entry and leave every other byte of the file as it was.
//     A field keeps its span and, when the value is one literal part, its
//     value; [Field.Parts] reads the value as written again from the file,
//     as a list of [Part]s (braced, quoted, number, macro) joined by '#'.
//     An entry keeps its fields as 32-bit offsets into the file's text (or
//     into its own text, for what is not a span of the file), without a
//     pointer for the garbage collector to follow, and gives them out as
//     [Field] values ([Entry.FieldAt], [Entry.Field], [Entry.Get]); so
//     Parse reads a file of up to 4 GiB ([ReadFile] stops at
//     [MaxFileSize] before that). Common type and field names are shared
//     constants, and a field with a common name is found by its index.
//  2. [NewLibrary] walks the files in order, as BibTeX does: it defines
//     @string macros (with the month macros jan..dec predefined, as the
//     standard styles define them), expands every field value, and reports
//     what only the whole library shows: undefined macros, duplicate keys
//     within and across files, duplicate fields, entries without a key.
//
// # Fidelity to BibTeX
//
// The scanner follows BibTeX 0.99's own reading rules (bibtex.web), because
// "every entry BibTeX reads is read" is the promise:
//
//   - Text outside @-items is ignored, never an error; '%' has no special
//     meaning to BibTeX, so a "% comment" line is simply free text.
//   - After '@' come optional white space and an identifier. @comment ends
//     right there: BibTeX does not skip a brace group after it, so an entry
//     written inside "@comment{...}" is read, as BibTeX reads it.
//   - Entries are delimited by braces or parentheses. A key ends at a comma,
//     at white space, or (with braces) at '}'. Keys compare without regard to
//     case, as BibTeX's "Repeated entry" check does.
//   - Braces are counted literally: "\{" opens a group, as it does in BibTeX.
//   - Identifiers (types, field names, macro names) are lowercased and may
//     hold any byte but white space, control characters and "#%'(),={}; they
//     must not start with a digit.
//
// Where BibTeX gives up, the parser recovers further, so that nothing it
// could keep is lost, and reports the problem at its position:
//
//   - On a syntax error inside an entry, the entry is kept with the fields
//     read so far (BibTeX keeps those too), marked [Entry.Broken], and reading
//     resumes at the next '@'.
//   - A missing comma between two fields is reported, and the following
//     fields are still read (BibTeX drops them).
//   - An entry written without a key ("@article{ author = ...") is reported
//     and its fields are read (BibTeX takes "author" as the key).
//   - A value left open at the end of the file is reported at its opening
//     delimiter and reading resumes at the next line that starts with '@'
//     (BibTeX would lose every later entry).
//
// # Errors
//
// Problems are [*Error] values with a [Pos] (file:line:col, 1-based, byte
// columns) and a [Severity], collected in an [ErrorList] sorted by position.
// Library code never exits, panics on input, or stops at the first problem:
// [Parse] always returns the items it could read together with the errors.
package bib
