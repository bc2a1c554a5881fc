#!/usr/bin/env bash
# PRODUCT.md §9: 100,000 usage records in YAML must load in <= 0.3 x Hugo's time for the same
# file as site data, and 1,000,000 CSV rows must stay under 1 GiB. This script measures both,
# side by side in one run, and prints the ratio.
#
#   Benchmarks/usage-vs-hugo.sh [RECORDS (100000)] [RUNS (5)] [CSV_ROWS (1000000)]
#
# Inputs come from Benchmarks/generate-usage.py (deterministic) into .bench/ (git-ignored).
# Forge side: `forge build` on a minimal site once the command exists; until then the
# Benchmarks/UsageLoad scratch package, which runs UsageLoader alone (release build).
# Hugo side: a minimal site whose home template ranges over data/usage.yaml and sums `cost`,
# so Hugo really parses every record. Each figure is the median of RUNS, runs interleaved.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-5}
csv_rows=${3:-1000000}
bench="$PWD/.bench/usage-vs-hugo"
rm -rf "$bench" && mkdir -p "$bench"

echo "== inputs: $records YAML records, $csv_rows CSV rows"
mkdir -p "$bench/forge/Content/data/usage" "$bench/hugo/data" "$bench/hugo/layouts" "$bench/csv/data/usage"
Benchmarks/generate-usage.py --records "$records" --format yaml > "$bench/forge/Content/data/usage.yaml"
Benchmarks/generate-usage.py --keys > "$bench/forge/Content/data/keys.yaml"
printf 'title: Usage benchmark\nas_of: 2026-11-24\n' > "$bench/forge/Content/site.yaml"
cp "$bench/forge/Content/data/usage.yaml" "$bench/hugo/data/usage.yaml"
Benchmarks/generate-usage.py --records "$csv_rows" --format csv > "$bench/csv/data/usage/usage.csv"
cp "$bench/forge/Content/site.yaml" "$bench/csv/site.yaml"
cp "$bench/forge/Content/data/keys.yaml" "$bench/csv/data/keys.yaml"
wc -c "$bench/forge/Content/data/usage.yaml" "$bench/csv/data/usage/usage.csv" | sed '$d; s/^ */   /'

cat > "$bench/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section", "page"]
TOML
cat > "$bench/hugo/layouts/index.html" <<'HTML'
{{ $total := 0.0 }}{{ $count := 0 }}
{{ range site.Data.usage.usage }}{{ $total = add $total .cost }}{{ $count = add $count 1 }}{{ end }}
<p>{{ $count }} records, cost {{ $total }}</p>
HTML

echo "== building forge (release)"
if swift build -c release --product forge >/dev/null 2>&1 && .build/release/forge build --help 2>&1 | grep -q -- --content; then
    forge_cmd=(.build/release/forge build --content "$bench/forge/Content" --output "$bench/forge/Output")
    csv_cmd=(.build/release/forge check --content "$bench/csv")
    echo "   timing: forge build (whole site)"
else
    (cd Benchmarks/UsageLoad && swift build -c release --scratch-path ../../.build-usageload >/dev/null)
    forge_cmd=(.build-usageload/release/usage-load "$bench/forge/Content/data")
    csv_cmd=(.build-usageload/release/usage-load "$bench/csv/data")
    echo "   timing: Benchmarks/UsageLoad (UsageLoader alone; forge build does not exist yet)"
fi
hugo_cmd=(hugo --quiet --source "$bench/hugo" --destination "$bench/hugo/public")

# run NAME CMD...: one timed run; appends "seconds max_rss_kb" to $bench/NAME.times.
run() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$bench/time.out" "$@" > "$bench/$name.out"
    cat "$bench/time.out" >> "$bench/$name.times"
}
median() { sort -n -k1,1 "$1" | awk '{ t[NR] = $1; m[NR] = $2 } END { i = int((NR + 1) / 2); print t[i], m[i] }'; }

echo "== $runs interleaved runs"
run forge "${forge_cmd[@]}"; run hugo "${hugo_cmd[@]}"   # warm the file cache; not counted
rm -f "$bench"/*.times
for _ in $(seq "$runs"); do
    run forge "${forge_cmd[@]}"
    run hugo "${hugo_cmd[@]}"
done
run csv "${csv_cmd[@]}"; rm -f "$bench/csv.times"
for _ in $(seq "$runs"); do run csv "${csv_cmd[@]}"; done

read -r forge_s forge_kb < <(median "$bench/forge.times")
read -r hugo_s hugo_kb < <(median "$bench/hugo.times")
read -r csv_s csv_kb < <(median "$bench/csv.times")
echo "   forge says: $(grep records "$bench/forge.out" || tail -1 "$bench/forge.out")"
echo "   hugo says:  $(grep -o "[0-9]* records, cost [^<]*" "$bench/hugo/public/index.html")"
echo
printf '%-34s %8s s %9s MiB\n' "forge, $records YAML records" "$forge_s" "$((forge_kb / 1024))"
printf '%-34s %8s s %9s MiB\n' "hugo, same file as site data" "$hugo_s" "$((hugo_kb / 1024))"
awk -v f="$forge_s" -v h="$hugo_s" 'BEGIN { printf "%-34s %8.3f   (bar: <= 0.3)\n", "ratio forge / hugo", f / h }'
printf '%-34s %8s s %9s MiB   (bar: <= 1024 MiB)\n' "forge, $csv_rows CSV rows" "$csv_s" "$((csv_kb / 1024))"
