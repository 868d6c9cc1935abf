#!/usr/bin/env bash
# bench.sh: time pubs end to end on generated libraries, against the floor
# (read the file and count '@' in Go) and the peers, in one run.
#
#   scripts/bench.sh                      # 10k and 100k entries, 5 runs each
#   SIZES="10000 100000 1000000" scripts/bench.sh
#   RUNS=3 PEERS="nickng bibtool" scripts/bench.sh
#
# Environment:
#   SIZES         entry counts of the generated libraries (default "10000 100000")
#   RUNS          runs per measurement; the table shows the median (default 5)
#   PEER_RUNS     runs per peer measurement (default 1: peers are slow)
#   PEER_MAX      largest library the peers are given (default 100000)
#   PEER_TIMEOUT  seconds before a peer run is abandoned (default 300)
#   PEERS         peers to run (default: all of nickng bibtool bibtex2html
#                 pandoc pybtex bibtex-tidy); a missing peer prints "n/a"
#   PROCS         GOMAXPROCS for the Go programs (default 2, the target machine)
#   WORK          directory for the libraries and binaries (default /tmp/pubs-bench)
#
# Figures: the file each tool read (original: the generated library;
# prepared: its well-formed entries, see peer_files), median wall time (s),
# peak resident memory (MB, the largest of the runs), the ratio of the
# time to the floor's, and microseconds per entry. A peer's "fail" time
# is its time to fail. Needs GNU time (/usr/bin/time, Debian package "time"). This script
# is not part of the tests and CI must not run it: it takes minutes and its
# figures depend on the machine.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-1}
PEER_MAX=${PEER_MAX:-100000}
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
PEERS=${PEERS:-"nickng bibtool bibtex2html pandoc pybtex bibtex-tidy"}
PROCS=${PROCS:-2}
WORK=${WORK:-/tmp/pubs-bench}
TIME=/usr/bin/time
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

if ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench.sh: GNU time is needed at $TIME (apt-get install time)" >&2
	exit 1
fi

echo "# building" >&2
go build -o "$WORK/pubs" ./cmd/pubs
go build -o "$WORK/gen" ./internal/bench/gen
go build -o "$WORK/floor" ./internal/bench/floor
go build -o "$WORK/nickng" ./internal/bench/nickng

# Everything runs in $WORK: pubs reads ./pubs.toml, and the repository's
# own (the first user's sections: only the selected entries) must not
# change what is measured.
cd "$WORK"

cat >"$WORK/pybtex_parse.py" <<'EOF'
import sys
import pybtex.errors
from pybtex.database import parse_file
pybtex.errors.set_strict_mode(False)
print(len(parse_file(sys.argv[1]).entries), "entries")
EOF

# measure NAME RUNS CMD...: runs CMD RUNS times (output discarded) and
# prints "median_seconds peak_kb status"; status is ok, fail (non-zero exit
# other than pubs's 1 for "the library has errors") or timeout.
measure() {
	local runs=$1
	shift
	local times=() peak=0 status=ok
	for _ in $(seq "$runs"); do
		local out rc=0
		out=$( { GOMAXPROCS=$PROCS timeout "$PEER_TIMEOUT" "$TIME" -f '%e %M' "$@" >/dev/null 2>"$WORK/stderr"; } 2>&1 ) || rc=$?
		local last
		last=$(tail -n 1 "$WORK/stderr")
		if [[ $rc -eq 124 ]]; then
			status=timeout
			break
		fi
		# GNU time prints "Command exited with non-zero status N" before
		# the figures.
		if grep -q "Command exited with non-zero status" "$WORK/stderr"; then
			local code
			code=$(grep -o "non-zero status [0-9]*" "$WORK/stderr" | grep -o "[0-9]*$")
			if [[ $code != 1 || $1 != "$WORK/pubs" ]]; then
				status=fail
			fi
		fi
		times+=("${last%% *}")
		local kb=${last##* }
		((kb > peak)) && peak=$kb
		: "$out"
	done
	if [[ $status == timeout ]]; then
		echo "- - timeout"
		return
	fi
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
	echo "$median $peak $status"
}

# peer_cmd NAME FILE: the command line of a peer on FILE, or nothing when
# the peer is not installed.
peer_cmd() {
	local name=$1 file=$2
	case $name in
	nickng) echo "$WORK/nickng $file" ;;
	bibtool) command -v bibtool >/dev/null && echo "bibtool -q -i $file -o /dev/null" ;;
	# BibTeX's string pool (hash size) holds 200,000 by default, too few
	# for 100,000 entries: kpathsea reads max_strings from the
	# environment.
	bibtex2html) command -v bibtex2html >/dev/null && command -v bibtex >/dev/null &&
		echo "env max_strings=1000000 bibtex2html -q -nobibsource -nodoc -o $WORK/b2h $file" ;;
	pandoc) command -v pandoc >/dev/null && echo "pandoc -f bibtex -t csljson -o /dev/null $file" ;;
	pybtex) [[ -n $PYBTEX ]] && echo "$PYBTEX $WORK/pybtex_parse.py $file" ;;
	# bibtex-tidy 1.14 writes nothing with --no-modify or --quiet; -o
	# writes the result.
	bibtex-tidy) command -v bibtex-tidy >/dev/null && echo "bibtex-tidy $file -o $WORK/tidy.bib" ;;
	esac
	return 0
}

# peer_files NAME: which files a peer is timed on. "original" is the
# generated file; "prepared" is what nickng -prepare writes from it (the
# well-formed entries, first of each key, values expanded and braced).
# nickng can only read the prepared file; bibtex2html, pandoc and
# bibtex-tidy stop at the generated file's malformed entries (or, for
# bibtex2html, at its repeated keys), and pybtex stops reading at its
# first unclosed brace (it reports the entries read so far), so they are
# timed on both.
peer_files() {
	case $1 in
	nickng) echo prepared ;;
	bibtool) echo original ;;
	*) echo original prepared ;;
	esac
}

# The Debian package python3-pybtex installs for /usr/bin/python3, which
# may not be the python3 on PATH.
PYBTEX=
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null && "$py" -c "import pybtex" 2>/dev/null; then
		PYBTEX=$py
		break
	fi
done

printf '%-28s %9s %-9s %8s %9s %10s %8s  %s\n' tool entries file "time(s)" "RSS(MB)" "x floor" "us/entry" status
row() { # tool entries file median kb status floor
	local tool=$1 n=$2 file=$3 t=$4 kb=$5 status=$6 floor=$7
	if [[ $t == - || $t == n/a ]]; then
		printf '%-28s %9s %-9s %8s %9s %10s %8s  %s\n' "$tool" "$n" "$file" "$t" - - - "$status"
		return
	fi
	awk -v tool="$tool" -v n="$n" -v file="$file" -v t="$t" -v kb="$kb" -v st="$status" -v fl="$floor" 'BEGIN {
		ratio = (fl > 0) ? sprintf("%.1f", t / fl) : "-"
		printf "%-28s %9d %-9s %8.2f %9.0f %10s %8.2f  %s\n", tool, n, file, t, kb / 1024, ratio, t * 1e6 / n, st
	}'
}

for n in $SIZES; do
	lib="$WORK/lib$n.bib"
	if [[ ! -s $lib ]]; then
		echo "# generating $lib" >&2
		"$WORK/gen" -n "$n" -seed 1 -o "$lib"
	fi
	read -r ft fkb fst <<<"$(measure "$RUNS" "$WORK/floor" "$lib")"
	# Floor times are in hundredths of a second (GNU time's resolution):
	# never divide by zero.
	floor=$(awk -v t="$ft" 'BEGIN { print (t < 0.01 ? 0.01 : t) }')
	row "floor (read + count @)" "$n" original "$ft" "$fkb" "$fst" "$floor"
	read -r t kb st <<<"$(measure "$RUNS" "$WORK/pubs" --bib "$lib" check)"
	row "pubs check" "$n" original "$t" "$kb" "$st" "$floor"
	read -r t kb st <<<"$(measure "$RUNS" "$WORK/pubs" --bib "$lib" list --format json)"
	row "pubs list --format json" "$n" original "$t" "$kb" "$st" "$floor"
	read -r t kb st <<<"$(measure "$RUNS" "$WORK/pubs" --bib "$lib" export --format html)"
	row "pubs export --format html" "$n" original "$t" "$kb" "$st" "$floor"
	if ((n > PEER_MAX)); then
		continue
	fi
	prepared="$WORK/lib$n.prepared.bib"
	if [[ ! -s $prepared ]]; then
		"$WORK/nickng" -prepare "$lib" "$prepared"
	fi
	for p in $PEERS; do
		for which in $(peer_files "$p"); do
			file=$lib
			[[ $which == prepared ]] && file=$prepared
			cmd=$(peer_cmd "$p" "$file")
			if [[ -z $cmd ]]; then
				row "$p" "$n" "$which" n/a - "n/a (not installed)" "$floor"
				continue
			fi
			rm -f "$WORK/tidy.bib"
			# shellcheck disable=SC2086 # the command line is split on purpose
			read -r t kb st <<<"$(measure "$PEER_RUNS" $cmd)"
			# bibtex-tidy exits 0 when it cannot parse the file, and
			# writes an empty result.
			if [[ $p == bibtex-tidy && $st == ok && $(wc -c <"$WORK/tidy.bib" 2>/dev/null || echo 0) -lt 2 ]]; then
				st=fail
			fi
			row "$p" "$n" "$which" "$t" "$kb" "$st" "$floor"
		done
	done
done
