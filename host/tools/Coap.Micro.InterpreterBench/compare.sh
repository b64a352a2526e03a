#!/usr/bin/env bash
# Per-path cost of Coap.Micro under Mono's IL interpreter, the working tree against a baseline commit:
# a ratio proxy for the nanoFramework interpreter (nanoCLR), which cannot run here.
# Usage: compare.sh [--scale F] [BASELINE [COMMIT]]
#   BASELINE  commit to compare against (default 8edcb70, the engine before the interpreter-cost work)
#   COMMIT    a commit to measure instead of the working tree
#   --scale F operations per path times F (default 1; the whole comparison takes about a minute and a half)
# Both builds run alternately, three times each, under `mono --interp=-inline`; the table has the
# minimum per path. Gate on the ratio; the absolute figures are Mono's, not a board's.
set -euo pipefail
export LC_ALL=C

if ! command -v mono >/dev/null 2>&1 || ! command -v mcs >/dev/null 2>&1; then
  echo "error: mono is not installed (its IL interpreter and mcs compiler run this comparison)." >&2
  echo "       On Debian or Ubuntu: sudo apt-get install -y mono-devel" >&2
  exit 3
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
reference_commit=8edcb70
runs=3
scale=1

usage() {
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) [ $# -ge 2 ] || usage; scale="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -le 2 ] || usage
baseline="${args[0]:-$reference_commit}"
commit="${args[1]:-}"

resolve() {
  git -C "$repo" rev-parse --verify --quiet "$1^{commit}" || { echo "error: $1 is not a commit of this repository" >&2; exit 2; }
}

# The library's sources of a commit, as they were, under a folder of their own.
export_sources() {
  local rev="$1" dest="$2"
  local -a present
  mkdir -p "$dest"
  mapfile -t present < <(git -C "$repo" ls-tree --name-only "$rev" -- Coap.Micro Coap.Micro.Client Coap.Micro.Oscore ThermoDev.Core)
  if [ ${#present[@]} -eq 0 ]; then
    echo "error: $rev has no Coap.Micro folder" >&2
    exit 2
  fi
  git -C "$repo" archive "$rev" -- "${present[@]}" | tar -x -C "$dest"
}

base_rev="$(resolve "$baseline")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export_sources "$base_rev" "$work/baseline"
if [ -n "$commit" ]; then
  tree_rev="$(resolve "$commit")"
  export_sources "$tree_rev" "$work/tree"
  tree_root="$work/tree"
  tree_name="${tree_rev:0:7}"
else
  tree_root="$repo"
  tree_name="working tree (HEAD $(git -C "$repo" rev-parse --short=7 HEAD))"
  if [ -n "$(git -C "$repo" status --porcelain -- Coap.Micro Coap.Micro.Client Coap.Micro.Oscore ThermoDev.Core)" ]; then
    tree_name="$tree_name with changes"
  fi
fi

"$here/build.sh" "$work/baseline.exe" "$work/baseline" "$tree_root"
"$here/build.sh" "$work/tree.exe" "$tree_root" "$work/baseline"

run() {
  local exe="$1" out="$2"
  if ! mono --interp=-inline "$exe" --scale "$scale" > "$out"; then
    echo "error: $exe failed:" >&2
    cat "$out" >&2
    exit 1
  fi
}

for i in $(seq 1 "$runs"); do
  echo "run $i of $runs: baseline, then tree" >&2
  run "$work/baseline.exe" "$work/baseline.$i"
  run "$work/tree.exe" "$work/tree.$i"
done

estimate=0
if reference_rev="$(git -C "$repo" rev-parse --verify --quiet "$reference_commit^{commit}")" && [ "$reference_rev" = "$base_rev" ]; then
  estimate=1
fi

echo "Coap.Micro under Mono's IL interpreter ($(mono --version | sed -n '1s/^Mono JIT compiler version \([^ ]*\).*/mono \1/p'), --interp=-inline), µs per operation,"
echo "minimum of $runs alternating runs: baseline ${base_rev:0:7} against $tree_name"
echo
awk -v estimate="$estimate" '
  BEGIN {
    n = split("ping malformed duplicate not-found get-temp put-temp discovery observe-register notify-16-non notify-16-con client-get", order, " ")
    what["ping"] = "empty CON ping -> RST"
    what["malformed"] = "malformed CON (TKL 9) -> RST"
    what["duplicate"] = "duplicate CON GET, answered from the dedup table"
    what["not-found"] = "CON GET /nope -> 4.04"
    what["get-temp"] = "CON GET /temp -> 2.05"
    what["put-temp"] = "CON PUT /temp -> 2.04"
    what["discovery"] = "GET /.well-known/core, block 0"
    what["observe-register"] = "Observe registration"
    what["notify-16-non"] = "one change -> 16 NON notifications"
    what["notify-16-con"] = "one change -> 16 CON notifications + 16 ACKs"
    what["client-get"] = "client CON GET + piggybacked 2.05"
    split("21.9 18.6 19.3 86.8 132 122.8 132.5 160 1129 1997 88", figures, " ")
    for (i = 1; i <= n; i++) nano[order[i]] = figures[i]
  }
  FNR == 1 { side = (FILENAME ~ /\/baseline\.[0-9]+$/) ? "b" : "t" }
  $1 == "result" {
    key = side SUBSEP $2
    if (!(key in best) || $3 + 0 < best[key]) best[key] = $3 + 0
  }
  END {
    if (estimate) {
      print "| path | baseline µs | tree µs | tree/baseline | nanoCLR µs (8edcb70) | nanoCLR estimate µs |"
      print "|---|---:|---:|---:|---:|---:|"
    } else {
      print "| path | baseline µs | tree µs | tree/baseline |"
      print "|---|---:|---:|---:|"
    }
    for (i = 1; i <= n; i++) {
      p = order[i]
      hasB = (("b" SUBSEP p) in best); hasT = (("t" SUBSEP p) in best)
      b = hasB ? sprintf("%.2f", best["b" SUBSEP p]) : "-"
      t = hasT ? sprintf("%.2f", best["t" SUBSEP p]) : "-"
      ratio = (hasB && hasT && best["b" SUBSEP p] > 0) ? best["t" SUBSEP p] / best["b" SUBSEP p] : -1
      r = ratio >= 0 ? sprintf("%.2f", ratio) : "-"
      line = "| " what[p] " (" p ") | " b " | " t " | " r " |"
      if (estimate) {
        line = line " " nano[p] " | " (ratio >= 0 ? sprintf("%.1f", nano[p] * ratio) : "-") " |"
      }
      print line
    }
  }
' "$work"/baseline.* "$work"/tree.*
if grep -qh '^skipped' "$work/baseline.1" "$work/tree.1"; then
  echo
  echo "- : the path needs what the older sources lack."
fi
