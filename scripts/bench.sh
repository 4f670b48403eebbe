#!/usr/bin/env bash
# End-to-end timing of the real binary: `cjkbook build` on the seed, a tenth of the novel and
# the whole novel 红楼梦 (from the shared corpus), also vertical and with whole-book pinyin,
# several runs each; prints the median wall time,
# (sizes in MB = 10^6 bytes)
# peak RSS (from /usr/bin/time -v) and output sizes as one table.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
corpus=${CJKBOOK_CORPUS:-../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/cjkbook" ./cmd/cjkbook
if [ ! -x /usr/bin/time ]; then echo "bench: /usr/bin/time missing (apt-get install time)"; exit 1; fi

inputs=("seed:source")
declare -A flags=([novel-vert]=--vertical [novel-pinyin]=--pinyin)
novel="$corpus/hongloumeng/hongloumeng.txt"
if [ -f "$novel" ]; then
  # a tenth of the novel: the title lines and the first 12 of 120 chapters
  awk '/^ ?第十三回/{exit} {print}' "$novel" > "$tmp/tenth.txt"
  inputs+=("novel/10:$tmp/tenth.txt" "novel:$novel" "novel-vert:$novel" "novel-pinyin:$novel")
else
  echo "bench: $novel not found; timing the seed only"
fi

printf '%-12s %10s %10s %12s %10s %10s %8s\n' input chars median_s peak_rss_MB epub_MB pdf_MB pages
for spec in "${inputs[@]}"; do
  name=${spec%%:*}; src=${spec#*:}
  times=(); rss=()
  for i in $(seq "$RUNS"); do
    rm -rf "$tmp/out"
    /usr/bin/time -v -o "$tmp/time.txt" "$tmp/cjkbook" build ${flags[$name]:-} -o "$tmp/out" "$src" > "$tmp/stdout.txt" 2>/dev/null
    w=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$tmp/time.txt")
    times+=("$(python3 -c "import sys; p='$w'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")")
    rss+=("$(awk -F': ' '/Maximum resident/{print $2}' "$tmp/time.txt")")
  done
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  peak=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
  epub=$(find "$tmp/out" -name '*.epub' -printf '%s')
  pdf=$(find "$tmp/out" -name '*.pdf' -printf '%s')
  chars=$(python3 -c "import sys; print(sum(1 for c in open(sys.argv[1], encoding='utf-8', errors='replace').read() if not c.isspace()))" "$( [ -d "$src" ] && ls "$src"/*.txt | head -1 || echo "$src")")
  pages=$(grep -o '[0-9]* PDF pages' "$tmp/stdout.txt" | awk '{print $1}')
  awk -v n="$name" -v c="$chars" -v m="$med" -v r="$peak" -v e="$epub" -v p="$pdf" -v g="$pages" \
    'BEGIN{printf "%-12s %10s %10.3f %12.1f %10.2f %10.2f %8s\n", n, c, m, r/1000, e/1000000, p/1000000, g}'
done
