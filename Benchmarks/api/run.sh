#!/usr/bin/env bash
# PRODUCT.md §9, API bar: "a 3 MB real OpenAPI spec: reference built ≤ 1 s". Makes the spec
# (make-spec.py: OpenAI's real spec from the package mirror, four copies, ~3.3 MB), builds a
# site holding only it with the release binary, 5 runs after a warm-up, and reports the wall
# and CPU time (the whole build: load, decode, every page, the search index, the write), the
# page count and the page sizes.
#   usage: Benchmarks/api/run.sh [WORK_DIR] [COPIES]     (needs: swift build -c release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
work=${1:-/tmp/forge-bench-api}
copies=${2:-4}
forge=${FORGE_BIN:-$repo/.build/release/forge}
[[ -x $forge ]] || { echo "build forge first: swift build -c release"; exit 1; }
rm -rf "$work"; mkdir -p "$work/Content/api"
printf 'title: API benchmark\nas_of: 2026-11-25\n' > "$work/Content/site.yaml"
python3 "$here/make-spec.py" "$work/Content/api/openai.yaml" "$copies"
ln -s "$repo/Themes" "$work/Themes"
echo "spec: $(du -b "$work/Content/api/openai.yaml" | cut -f1) bytes, $(grep -c 'operationId:' "$work/Content/api/openai.yaml") operations"
(cd "$work" && "$forge" build --quiet)   # warm-up (and the first output)
for run in 1 2 3 4 5; do
  (cd "$work" && /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, %M KB peak" "$forge" build --quiet) 2>&1
done
find "$work/Output/api" -name '*.html' -printf '%s\n' | sort -n | awk '
  { size[NR] = $1; total += $1 }
  END { printf "pages: %d, total %.1f MB; size median %.1f KB, 90th %.1f KB, largest %.1f KB\n",
        NR, total / 1048576, size[int(NR / 2)] / 1024, size[int(NR * 0.9)] / 1024, size[NR] / 1024 }'
ls -S "$work/Output/api/openai/operations" | head -3 | sed 's/^/largest operation pages: /'
du -sb "$work/Output/data/search" | awk '{ printf "search index: %.1f MB\n", $1 / 1048576 }'
