#!/usr/bin/env bash
# Builds the "1,500 real Markdown docs (11 MB)" corpus of PRODUCT.md §9 from Markdown that
# exists on this kind of machine: the docs and READMEs of every Swift package in the local
# mirror (/opt/swift-packages, at HEAD), Node.js's docs (/usr/share/doc/nodejs) and the Swift
# toolchain's diagnostics docs (/opt/swift/usr/share/doc/swift).
# Real-world files, with their quirks; nothing is downloaded and nothing is committed.
#   usage: make-corpus.sh OUT_DIR [MAX_FILES]
set -euo pipefail
out=${1:?usage: make-corpus.sh OUT_DIR [MAX_FILES]}
max=${2:-1500}
rm -rf "$out"; mkdir -p "$out"
declare -A seen
count=0
add() { # add NAME < content; a leading front matter block is dropped (its keys are each
  # tool's own: Hugo ignores unknown ones, Forge rejects them), so both build plain Markdown
  local name=$1 tmp; tmp=$(mktemp)
  awk 'NR == 1 && /^---[[:space:]]*$/ { skip = 1; next } skip && /^---[[:space:]]*$/ { skip = 0; next } !skip' > "$tmp"
  local sum; sum=$(sha1sum "$tmp" | cut -c1-40)
  # Hugo refuses a .md whose first character is "<" ("plain HTML documents not supported") and
  # reads "{{<" / "{{%" as its shortcodes; such files are left out so both build the same corpus.
  local first; first=$(head -c 4096 "$tmp" | tr -d ' \n\r\t' | cut -c1 || true)
  if [[ -z ${seen[$sum]:-} && $count -lt $max && -s $tmp && $first != "<" ]] && ! grep -qE '\{\{[<%]' "$tmp"; then
    seen[$sum]=1; count=$((count + 1))
    mkdir -p "$out/$(dirname "$name")"; mv "$tmp" "$out/$name"
  else
    rm -f "$tmp"
  fi
}
for repo in /opt/swift-packages/*/*.git; do
  owner=$(basename "$(dirname "$repo")" | tr 'A-Z' 'a-z'); name=$(basename "$repo" .git | tr 'A-Z.' 'a-z-')
  while IFS=$'\t' read -r meta path; do
    [[ $path == *.md && $path != .github/* && $path != */.github/* ]] || continue
    sha=$(awk '{print $3}' <<<"$meta")
    git -C "$repo" cat-file blob "$sha" > "$out/.blob"   # not a pipe: add must run in this shell
    add "$owner-$name/$(tr ' ' '-' <<<"${path%.md}").md" < "$out/.blob"
  done < <(git -C "$repo" ls-tree -r HEAD 2>/dev/null)
done
while read -r file; do
  rel=${file#/usr/share/doc/nodejs/}
  add "nodejs/$(tr 'A-Z ' 'a-z-' <<<"${rel%.md}").md" < "$file"
done < <(find /usr/share/doc/nodejs -name '*.md' -not -path '*/changelogs/*' | sort)  # changelogs: 14 MB of release lists
while read -r file; do
  rel=${file#/opt/swift/usr/share/doc/swift/}
  add "swift/$(tr 'A-Z ' 'a-z-' <<<"${rel%.md}").md" < "$file"
done < <(find /opt/swift/usr/share/doc/swift -name '*.md' | sort)
rm -f "$out/.blob"
echo "$count files, $(du -sb "$out" | cut -f1) bytes in $out"
