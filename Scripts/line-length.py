#!/usr/bin/env python3
"""make lint: no line of Swift under Sources/ is longer than 140 characters.

Files listed in Scripts/line-length-exceptions.txt are skipped (each with the reason); keep that
list short and temporary.
"""
import pathlib
import sys

LIMIT = 140
ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    exceptions = set()
    listed = ROOT / "Scripts" / "line-length-exceptions.txt"
    if listed.exists():
        for line in listed.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                exceptions.add(line)
    found = 0
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        relative = str(path.relative_to(ROOT))
        if relative in exceptions:
            continue
        for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if len(text) > LIMIT:
                found += 1
                print(f"{relative}:{number}:{LIMIT + 1}: error: line is {len(text)} characters long; "
                      f"wrap it at {LIMIT}")
    missing = [name for name in sorted(exceptions) if not (ROOT / name).exists()]
    for name in missing:
        print(f"Scripts/line-length-exceptions.txt: error: {name} does not exist; remove it from the list")
    if found or missing:
        sys.exit(1)
    print(f"lint: no Swift line in Sources/ is over {LIMIT} characters")


if __name__ == "__main__":
    main()
