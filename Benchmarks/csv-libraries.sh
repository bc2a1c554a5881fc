#!/usr/bin/env bash
# Why Forge reads CSV with its own CSVScanner: times the two CSV libraries of the package mirror
# (yaslab/CSV.swift 2.5.2, swiftcsv/SwiftCSV 0.10.0) and Forge's UsageLoader on the same file.
# The libraries only split rows (no checking, no positions); Forge also checks every value.
#
#   Benchmarks/csv-libraries.sh [ROWS (1000000)]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
bench="$PWD/.bench/csv-libraries"
rm -rf "$bench" && mkdir -p "$bench/data/usage"
Benchmarks/generate-usage.py --records "$rows" --format csv > "$bench/data/usage/usage.csv"
(cd Benchmarks/CSVLibraries && swift build -c release --scratch-path ../../.build-csvlibs >/dev/null)
(cd Benchmarks/UsageLoad && swift build -c release --scratch-path ../../.build-usageload >/dev/null)

measure() {
    local name=$1; shift
    # yaslab/CSV.swift reports cannotReadFile at the end of an InputStream on Linux after reading
    # every row: the status is shown, not fatal here.
    /usr/bin/time -f "%e %M" -o "$bench/time.out" "$@" > "$bench/out" 2>&1 || true
    read -r seconds kb < <(tail -1 "$bench/time.out")
    printf '%-22s %7s s %7s MiB   %s\n' "$name" "$seconds" "$((kb / 1024))" "$(tail -1 "$bench/out")"
}
echo "$rows rows, $(wc -c < "$bench/data/usage/usage.csv") bytes"
measure "yaslab/CSV.swift" .build-csvlibs/release/csv-yaslab "$bench/data/usage/usage.csv"
measure "swiftcsv/SwiftCSV" .build-csvlibs/release/csv-swiftcsv "$bench/data/usage/usage.csv"
measure "Forge CSVUsageReader" .build-usageload/release/usage-load "$bench/data"
