#!/usr/bin/env bash
# libFuzzer over Forge's loaders (site, keys, plans, usage YAML/JSON/CSV, front matter and a doc
# page): the long run of what Tests/ForgeKitTests/FuzzTests.swift runs briefly in `make test`.
#   usage: Scripts/fuzz.sh [SECONDS]        (default 600; Ctrl-C stops it)
# Findings (a crash, a hang past 10 s, an error without a line) land in .fuzz-crashes/;
# replay one with a normal build: swift build --product forge-fuzz && .build/debug/forge-fuzz FILE
set -euo pipefail
seconds=${1:-600}
cd "$(dirname "$0")/.."
swift build -c release --scratch-path .build-fuzz --product forge-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
mkdir -p .fuzz-corpus .fuzz-crashes
# The seeds are the committed corpus, each behind the byte that routes it to its loader
# (FuzzSite.targets in Sources/forge-fuzz/ForgeFuzz.swift).
seeds=Tests/ForgeKitTests/Fixtures/fuzz-corpus
route=0
for name in site.yaml keys.yaml plans.yaml usage.yaml usage.csv doc.md; do
  { printf "\\x0$route"; cat "$seeds/$name"; } > ".fuzz-corpus/seed-$name"
  route=$((route + 1))
done
{ printf '\x03'; cat "$seeds/usage.json"; } > .fuzz-corpus/seed-usage.json
exec .build-fuzz/release/forge-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=.fuzz-crashes/ .fuzz-corpus
