package export

// builtinCSS styles a standalone HTML page like the lists of a Hugo
// Academic site: one entry per paragraph, small outlined buttons.
const builtinCSS = `
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fff}
main{max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:2rem;margin:0 0 1.5rem}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;border-bottom:1px solid #eee;padding-bottom:.3rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem;color:#555}
.pubs-list{padding-left:1.5rem}
ul.pubs-list{list-style:none;padding-left:0}
.pubs-item{margin:0 0 1.4rem}
.pubs-title{font-weight:600;color:#1565c0;text-decoration:none}
a.pubs-title:hover{text-decoration:underline}
.pubs-me{font-weight:700}
.pubs-event,.pubs-date{color:#555}
.pubs-links{margin-top:.35rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-start}
.pubs-btn{display:inline-block;font-size:.8rem;line-height:1.5;padding:.1rem .55rem;border:1px solid #1565c0;border-radius:.25rem;color:#1565c0;text-decoration:none;cursor:pointer}
a.pubs-btn:hover,summary.pubs-btn:hover{background:#1565c0;color:#fff}
details.pubs-cite{display:inline-block}
details.pubs-cite summary{list-style:none}
details.pubs-cite summary::-webkit-details-marker{display:none}
details.pubs-cite[open]{display:block;flex-basis:100%}
details.pubs-cite pre{background:#f6f8fa;border:1px solid #ddd;border-radius:.25rem;padding:.6rem;overflow-x:auto;font-size:.8rem;margin:.4rem 0 0}
.pubs-abstract summary{cursor:pointer;color:#555;font-size:.9rem}
.pubs-notes{color:#555;font-size:.9rem}
`
