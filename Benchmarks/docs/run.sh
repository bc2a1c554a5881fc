#!/usr/bin/env bash
# PRODUCT.md §9, docs bar: a full build of ~1,500 real Markdown docs, Forge vs Hugo, side by
# side in one run on this machine. Reports wall time (hyperfine, 5 runs after a warm-up) and
# peak memory (/usr/bin/time -v), and the ratios Forge/Hugo.
#   usage: Benchmarks/docs/run.sh [WORK_DIR]     (needs: make build; apt: hugo hyperfine time)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
work=${1:-/tmp/forge-bench-docs}
forge=${FORGE_BIN:-$repo/.build/release/forge}
[[ -x $forge ]] || { echo "build forge first: swift build -c release"; exit 1; }
mkdir -p "$work"
[[ -d $work/corpus ]] || "$here/make-corpus.sh" "$work/corpus" 1500

# Forge: the corpus as Content/docs of a site with only a title.
rm -rf "$work/forge"; mkdir -p "$work/forge/Content"
printf 'title: Docs benchmark\nas_of: 2026-11-25\n' > "$work/forge/Content/site.yaml"
cp -r "$work/corpus" "$work/forge/Content/docs"
ln -s "$repo/Themes" "$work/forge/Themes"

# Hugo: the same files as content/, with a layout doing comparable work (page, ToC, section nav).
rm -rf "$work/hugo"; mkdir -p "$work/hugo/layouts/_default"
cp -r "$work/corpus" "$work/hugo/content"
cat > "$work/hugo/config.toml" <<'TOML'
baseURL = "/"
title = "Docs benchmark"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 4
TOML
cat > "$work/hugo/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><nav>{{ with .CurrentSection }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
printf '{{ define "main" }}{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">prev</a>{{ end }}{{ end }}\n' > "$work/hugo/layouts/_default/single.html"
printf '{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' > "$work/hugo/layouts/_default/list.html"

echo "corpus: $(find "$work/corpus" -name '*.md' | wc -l) files, $(du -sb "$work/corpus" | cut -f1) bytes"
(cd "$work/forge" && "$forge" build --quiet) && echo "forge: $(find "$work/forge/Output" -name '*.html' | wc -l) pages"
(cd "$work/hugo" && hugo --quiet -d public) && echo "hugo:  $(find "$work/hugo/public" -name '*.html' | wc -l) pages"

hyperfine --warmup 1 --runs 5 --export-json "$work/times.json" \
  -n forge "cd $work/forge && $forge build --quiet" \
  -n hugo "cd $work/hugo && rm -rf public && hugo --quiet -d public"
peak() { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
forge_kb=$(peak "cd $work/forge && $forge build --quiet")
hugo_kb=$(peak "cd $work/hugo && rm -rf public && hugo --quiet -d public")
python3 - "$work/times.json" "$forge_kb" "$hugo_kb" <<'PY'
import json, sys
times = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
forge_kb, hugo_kb = int(sys.argv[2]), int(sys.argv[3])
print(f"wall: forge {times['forge']:.3f} s, hugo {times['hugo']:.3f} s, ratio {times['forge'] / times['hugo']:.3f} (bar <= 0.15)")
print(f"peak RSS: forge {forge_kb / 1024:.0f} MiB, hugo {hugo_kb / 1024:.0f} MiB, ratio {forge_kb / hugo_kb:.2f} (bar <= 1.0)")
PY
