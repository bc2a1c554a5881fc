#!/usr/bin/env bash
# make bench: every performance figure of PRODUCT.md §9 (issue 11) next to its bar, Forge and
# Hugo measured side by side in this one run. Not a test: run it on a machine as idle as you
# can get, and read the ratios (both tools share whatever else is running).
#
#   Benchmarks/bench.sh          (make bench builds the release forge first)
#   BENCH_RUNS=5                 runs per figure, the median reported (after one warm-up run)
#   FORGE_BIN=.build/release/forge
#   DOCS_CORPUS=.bench/docs-corpus   made by Benchmarks/docs/make-corpus.sh when missing
#   BENCH_RECORDS=100000 BENCH_CSV_ROWS=1000000
#   BENCH_SKIP_LARGE=1           leave out the 15,000-doc figures (Hugo takes ~1 min a run there)
#
# Each figure: the median wall time and the median peak RSS of BENCH_RUNS runs (Benchmarks/
# timed.py: perf_counter and wait4's ru_maxrss); the Forge and Hugo runs of one figure take
# turns, so a burst of other work on the machine hits both. "clean" builds into a missing
# output folder; "rebuild" into the output of the previous build, as in a checkout. Time rows
# also show the CPU-time ratio (user + system, all threads): the bars are on wall time, but on
# a shared machine the CPU ratio moves less with what else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${BENCH_RUNS:-5}
forge=${FORGE_BIN:-$repo/.build/release/forge}
corpus=${DOCS_CORPUS:-$repo/.bench/docs-corpus}
records=${BENCH_RECORDS:-100000}
csv_rows=${BENCH_CSV_ROWS:-1000000}
work=$repo/.bench/bench
timed=$repo/Benchmarks/timed.py
[[ -x $forge ]] || { echo "error: $forge is missing: swift build -c release --product forge"; exit 1; }
command -v hugo >/dev/null || { echo "error: hugo is missing (apt-get install hugo)"; exit 1; }
[[ -d $corpus ]] || Benchmarks/docs/make-corpus.sh "$corpus" 1500 >/dev/null
mkdir -p "$work"

# --- inputs -------------------------------------------------------------------------------
# forge_site DIR COPIES: the corpus as Content/docs (COPIES > 1: in folders copy0, copy1, …).
forge_site() {
    local dir=$1 copies=$2
    rm -rf "$dir"; mkdir -p "$dir/Content"
    printf 'title: Docs benchmark\nas_of: 2026-11-25\n' > "$dir/Content/site.yaml"
    if [[ $copies == 1 ]]; then cp -r "$corpus" "$dir/Content/docs"
    else for n in $(seq 0 $((copies - 1))); do mkdir -p "$dir/Content/docs"; cp -r "$corpus" "$dir/Content/docs/copy$n"; done; fi
}
# hugo_site DIR COPIES: the same files as content/, with Benchmarks/docs/run.sh's layout (a
# page, its table of contents, its section's navigation, a previous link).
hugo_site() {
    local dir=$1 copies=$2
    rm -rf "$dir"; mkdir -p "$dir/layouts/_default"
    if [[ $copies == 1 ]]; then cp -r "$corpus" "$dir/content"
    else for n in $(seq 0 $((copies - 1))); do mkdir -p "$dir/content"; cp -r "$corpus" "$dir/content/copy$n"; done; fi
    printf 'baseURL = "/"\ntitle = "Docs benchmark"\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 4\n' > "$dir/config.toml"
    cat > "$dir/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><nav>{{ with .CurrentSection }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
    printf '{{ define "main" }}{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">prev</a>{{ end }}{{ end }}\n' > "$dir/layouts/_default/single.html"
    printf '{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' > "$dir/layouts/_default/list.html"
}

# --- measuring ------------------------------------------------------------------------------
# measure NAME PREP CMD...: one run of CMD (after `eval PREP`), "seconds kib" appended to NAME's file.
measure() {
    local name=$1 prep=$2; shift 2
    eval "$prep"
    "$timed" "$@" >> "$work/$name.runs"
}
# interleave RUNS: the queued measurements (queue NAME PREP CMD...), a warm-up round, then RUNS rounds.
declare -a queue=()
queue() { queue+=("$(printf '%q ' "$@")"); }
interleave() {
    local rounds=$1 round entry
    # The previous section's writes (gigabytes, after the 15,000-doc builds) reach the disk
    # first, so that the kernel's writeback does not run during this section's measurements.
    sync; sleep 3
    for entry in "${queue[@]}"; do eval "set -- $entry"; rm -f "$work/$1.runs"; done
    for round in $(seq 0 "$rounds"); do
        for entry in "${queue[@]}"; do eval "measure $entry"; done
        if [[ $round == 0 ]]; then for entry in "${queue[@]}"; do eval "set -- $entry"; rm -f "$work/$1.runs"; done; fi
    done
    queue=()
}
# median NAME: "seconds kib cpu_seconds", each the median of its column.
median() {
    python3 - "$work/$1.runs" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
print(f"{statistics.median(r[0] for r in rows):.4f} {int(statistics.median(r[1] for r in rows))} {statistics.median(r[2] for r in rows):.3f}")
PY
}

rows=()
# row FIGURE VALUE BAR PASS?: one line of the table.
row() { rows+=("$(printf '%-50s %-42s %-14s %s' "$1" "$2" "$3" "$4")"); printf '  %-50s %s\n' "$1" "$2"; }
pass() { python3 -c "import sys; print('PASS' if $1 else 'FAIL')"; }
mib() { python3 -c "print(f'{$1 / 1024:.0f} MiB')"; }

# --- docs, ~1,500 ---------------------------------------------------------------------------
docs_count=$(find "$corpus" -name '*.md' | wc -l)
echo "== docs: $docs_count files, $(du -sb "$corpus" | cut -f1) bytes ($corpus), $runs runs each"
forge_site "$work/forge-docs" 1; hugo_site "$work/hugo-docs" 1
fdocs=(build --content "$work/forge-docs/Content" --themes "$work/forge-docs/Themes" --output "$work/forge-docs/Output" --quiet)
hdocs=(--quiet --source "$work/hugo-docs" --destination "$work/hugo-docs/public")
queue forge-clean "rm -rf '$work/forge-docs/Output'" "$forge" "${fdocs[@]}"
queue hugo-clean "rm -rf '$work/hugo-docs/public'" hugo "${hdocs[@]}"
queue forge-rebuild ":" "$forge" "${fdocs[@]}"
queue hugo-rebuild ":" hugo "${hdocs[@]}"
# Both tools on the same files in memory (tmpfs), for context: on this machine's ext4 (no
# journal) creating files costs more the more were deleted in the last minutes, for any writer,
# and that cost moves the disk figures by more than Forge's own work does.
mem=/dev/shm/forge-bench
has_mem() { [[ -d /dev/shm && $(df --output=avail -k /dev/shm | tail -1) -gt $((4 * 1024 * 1024)) ]]; }
if has_mem; then
    forge_site "$mem/forge-docs" 1; hugo_site "$mem/hugo-docs" 1
    queue mem-forge "rm -rf '$mem/forge-docs/Output'" "$forge" build --content "$mem/forge-docs/Content" --themes "$mem/forge-docs/Themes" --output "$mem/forge-docs/Output" --quiet
    queue mem-hugo "rm -rf '$mem/hugo-docs/public'" hugo --quiet --source "$mem/hugo-docs" --destination "$mem/hugo-docs/public"
fi
interleave "$runs"
rm -rf "$mem"
for mode in clean rebuild; do
    read -r fs fk fc < <(median "forge-$mode"); read -r hs hk hc < <(median "hugo-$mode")
    eval "docs_${mode}_s=$fs docs_${mode}_k=$fk"
    row "docs $docs_count, $mode output: time / Hugo" "$(printf '%.3f (%.2f s / %.2f s; CPU %.2f)' "$(python3 -c "print($fs / $hs)")" "$fs" "$hs" "$(python3 -c "print($fc / $hc)")")" "<= 0.10" "$(pass "$fs / $hs <= 0.10")"
    row "docs $docs_count, $mode output: memory / Hugo" "$(printf '%.2f (%s / %s)' "$(python3 -c "print($fk / $hk)")" "$(mib "$fk")" "$(mib "$hk")")" "<= 0.5" "$(pass "$fk / $hk <= 0.5")"
done
if has_mem; then
    read -r ms _ mc < <(median mem-forge); read -r mh _ mhc < <(median mem-hugo)
    row "docs $docs_count in memory (tmpfs), clean: time / Hugo" "$(printf '%.3f (%.2f s / %.2f s; CPU %.2f)' "$(python3 -c "print($ms / $mh)")" \
        "$ms" "$mh" "$(python3 -c "print($mc / $mhc)")")" "(context)" "-"
fi

# --- docs ×10, in folders ---------------------------------------------------------------------
if [[ -z ${BENCH_SKIP_LARGE:-} ]]; then
    large=$((docs_count * 10))
    echo "== docs x10: $large files in 10 folders, $runs runs each"
    forge_site "$work/forge-large" 10; hugo_site "$work/hugo-large" 10
    queue forge-large "rm -rf '$work/forge-large/Output'" "$forge" build --content "$work/forge-large/Content" --themes "$work/forge-large/Themes" --output "$work/forge-large/Output" --quiet
    queue hugo-large "rm -rf '$work/hugo-large/public'" hugo --quiet --source "$work/hugo-large" --destination "$work/hugo-large/public"
    interleave "$runs"
    read -r fs fk fc < <(median forge-large); read -r hs hk hc < <(median hugo-large)
    row "docs $large, clean output: time / Hugo" "$(printf '%.3f (%.2f s / %.2f s; CPU %.2f)' "$(python3 -c "print($fs / $hs)")" "$fs" "$hs" "$(python3 -c "print($fc / $hc)")")" "<= 0.10" "$(pass "$fs / $hs <= 0.10")"
    row "docs $large, clean output: memory / Hugo" "$(printf '%.2f (%s / %s)' "$(python3 -c "print($fk / $hk)")" "$(mib "$fk")" "$(mib "$hk")")" "<= 0.5" "$(pass "$fk / $hk <= 0.5")"
    row "docs x10: time growth" "$(printf 'x%.2f (%.3f s -> %.3f s)' "$(python3 -c "print($fs / $docs_clean_s)")" "$docs_clean_s" "$fs")" "<= x10 linear" "$(pass "$fs / $docs_clean_s <= 10")"
    row "docs x10: peak memory growth" "$(printf 'x%.2f (%s -> %s)' "$(python3 -c "print($fk / $docs_clean_k)")" "$(mib "$docs_clean_k")" "$(mib "$fk")")" "<= x10 linear" "$(pass "$fk / $docs_clean_k <= 10")"
    # The same growth in memory (tmpfs), to tell Forge's own growth from the disk's.
    if has_mem; then
        forge_site "$mem/docs" 1; forge_site "$mem/large" 10
        # Both sizes in the same rounds: a ratio of two sections' medians moves with the machine.
        queue mem-docs "rm -rf '$mem/docs/Output'" "$forge" build --content "$mem/docs/Content" --themes "$mem/docs/Themes" --output "$mem/docs/Output" --quiet
        queue mem-large "rm -rf '$mem/large/Output'" "$forge" build --content "$mem/large/Content" --themes "$mem/large/Themes" --output "$mem/large/Output" --quiet
        interleave "$runs"
        rm -rf "$mem"
        read -r ms _ mc < <(median mem-docs); read -r ls _ lc < <(median mem-large)
        row "docs x10 in memory (tmpfs): time growth" "$(printf 'x%.2f (%.3f s -> %.3f s; CPU x%.2f)' "$(python3 -c "print($ls / $ms)")" "$ms" "$ls" \
            "$(python3 -c "print($lc / $mc)")")" "(context)" "-"
    fi
fi

# --- usage records ----------------------------------------------------------------------------
# As Benchmarks/usage-vs-hugo.sh: the same generated file as Forge's usage data and as Hugo's
# site data, which a home template ranges over, summing `cost` (so Hugo reads every record).
echo "== usage: $records YAML records, $csv_rows CSV rows, $runs runs each"
u=$work/usage
rm -rf "$u"; mkdir -p "$u/forge/Content/data" "$u/hugo/data" "$u/hugo/layouts" "$u/csv/Content/data/usage"
Benchmarks/generate-usage.py --records "$records" --format yaml > "$u/forge/Content/data/usage.yaml"
Benchmarks/generate-usage.py --keys > "$u/forge/Content/data/keys.yaml"
printf 'title: Usage benchmark\nas_of: 2026-11-24\n' > "$u/forge/Content/site.yaml"
cp "$u/forge/Content/data/usage.yaml" "$u/hugo/data/usage.yaml"
printf 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section", "page"]\n' > "$u/hugo/hugo.toml"
printf '{{ $total := 0.0 }}{{ $count := 0 }}\n{{ range site.Data.usage.usage }}{{ $total = add $total .cost }}{{ $count = add $count 1 }}{{ end }}\n<p>{{ $count }} records, cost {{ $total }}</p>\n' > "$u/hugo/layouts/index.html"
Benchmarks/generate-usage.py --records "$csv_rows" --format csv > "$u/csv/Content/data/usage/usage.csv"
cp "$u/forge/Content/site.yaml" "$u/csv/Content/site.yaml"
cp "$u/forge/Content/data/keys.yaml" "$u/csv/Content/data/keys.yaml"
queue forge-yaml "rm -rf '$u/forge/Output'" "$forge" build --content "$u/forge/Content" --output "$u/forge/Output" --quiet
queue hugo-yaml "rm -rf '$u/hugo/public'" hugo --quiet --source "$u/hugo" --destination "$u/hugo/public"
interleave "$runs"
grep -q "$records records" "$u/hugo/public/index.html" || { echo "error: Hugo did not read $records records"; exit 1; }
read -r fs fk fc < <(median forge-yaml); read -r hs hk hc < <(median hugo-yaml)
row "usage $records YAML records: time / Hugo" "$(printf '%.3f (%.2f s / %.2f s; CPU %.2f)' "$(python3 -c "print($fs / $hs)")" "$fs" "$hs" "$(python3 -c "print($fc / $hc)")")" "<= 0.25" "$(pass "$fs / $hs <= 0.25")"
queue forge-csv "rm -rf '$u/csv/Output'" "$forge" build --content "$u/csv/Content" --output "$u/csv/Output" --quiet
interleave "$runs"
read -r cs ck cc < <(median forge-csv)
row "usage $csv_rows CSV records: build peak memory" "$(printf '%s (%.3f s)' "$(mib "$ck")" "$cs")" "<= 1024 MiB" "$(pass "$ck <= 1024 * 1024")"

# --- browser ------------------------------------------------------------------------------------
# The Usage dialog of the CSV site just built: a sort or a filter to its first page on screen,
# in headless Chromium (Benchmarks/browser/history-latency.py: sorts and filters cold, a second
# filter after a first, and warm; the slowest action's median).
if command -v chromium >/dev/null && python3 -c "import selenium" 2>/dev/null; then
    echo "== browser: the history of $csv_rows records, sort and filter"
    Benchmarks/browser/history-latency.py "$u/csv/Output" 3 | tee "$work/history.out" | sed 's/^/  /'
    slowest=$(awk '/^slowest median:/ { print $3 }' "$work/history.out")
    row "browser $csv_rows records: sort/filter first page" "$slowest ms (slowest action's median)" "<= 300 ms" "$(pass "$slowest <= 300")"
else
    row "browser $csv_rows records: sort/filter first page" "not measured (needs chromium, selenium)" "<= 300 ms" "-"
fi

echo
printf '%-50s %-42s %-14s %s\n' figure value bar result
for line in "${rows[@]}"; do echo "$line"; done
