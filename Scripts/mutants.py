#!/usr/bin/env python3
"""make mutants: do the tests notice plausible bugs?

Reads Scripts/mutants.txt (its header says the format), applies each mutant to its source file
in place, builds, runs only the suites the mutant names, and puts the file back. A mutant is
caught when a named suite fails; a survivor's diff is printed, because each survivor is a test
to write. The last line is `mutants: C caught of M`; the exit status is 0 only when every
mutant was caught.

Safety: the original bytes are restored after each mutant, on Ctrl-C and on SIGTERM, and also
written to .build/mutants/original before the file is touched, so a run killed with SIGKILL is
undone by the next run. Every mutant is checked against the sources first (its text found
exactly once) so a stale list stops before anything is changed.

Usage: Scripts/mutants.py [--list FILE] [--only SUBSTRING] [--check]
"""

import argparse
import difflib
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKUP = ROOT / ".build" / "mutants" / "original"
TEST_TIMEOUT = 900


class Mutant:
    def __init__(self, number, fields, line):
        self.number = number
        self.line = line
        self.name = fields.get("mutant", "")
        self.file = fields.get("file", "")
        self.find = fields.get("find", "")
        self.replace = fields.get("replace", "")
        self.tests = fields.get("tests", "").split()
        if not (self.name and self.file and self.find and self.tests) or "replace" not in fields:
            sys.exit(f"{self.line}: error: a mutant needs mutant, file, find, replace and tests")
        if self.find == self.replace:
            sys.exit(f"{self.line}: error: find and replace are the same")


def parse(path):
    """Blocks separated by blank lines; `key: value` lines; `#` lines are comments. A value
    keeps its inner spaces; `\\n` in find/replace stands for a line break."""
    mutants, fields, start = [], {}, None
    lines = path.read_text().splitlines() + [""]
    for number, text in enumerate(lines, 1):
        if text.startswith("#"):
            continue
        if not text.strip():
            if fields:
                mutants.append(Mutant(len(mutants) + 1, fields, f"{path.name}:{start}"))
                fields = {}
            continue
        key, sep, value = text.partition(": ")
        if not sep or key not in ("mutant", "file", "find", "replace", "tests"):
            sys.exit(f"{path.name}:{number}: error: expected `mutant|file|find|replace|tests: value`")
        if not fields:
            start = number
        fields[key] = value.replace("\\n", "\n") if key in ("find", "replace") else value.strip()
    return mutants


def restore_backup():
    """Puts back a file a killed run left mutated."""
    if BACKUP.exists():
        saved = json.loads(BACKUP.read_text())
        (ROOT / saved["file"]).write_text(saved["text"])
        BACKUP.unlink()
        print(f"restored {saved['file']} from a run that was stopped")


class Applied:
    """The mutant's file, mutated while inside the `with`, restored on the way out."""

    def __init__(self, mutant):
        self.path = ROOT / mutant.file
        self.mutant = mutant
        self.original = self.path.read_text()

    def __enter__(self):
        BACKUP.parent.mkdir(parents=True, exist_ok=True)
        BACKUP.write_text(json.dumps({"file": self.mutant.file, "text": self.original}))
        self.path.write_text(self.original.replace(self.mutant.find, self.mutant.replace, 1))
        return self

    def __exit__(self, *exc):
        self.path.write_text(self.original)
        BACKUP.unlink(missing_ok=True)
        return False

    def diff(self):
        mutated = self.original.replace(self.mutant.find, self.mutant.replace, 1)
        return "".join(difflib.unified_diff(self.original.splitlines(True), mutated.splitlines(True),
                                            f"a/{self.mutant.file}", f"b/{self.mutant.file}", n=2))


def run(command, timeout=None):
    try:
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired:
        return "timeout", ""


def build():
    return run(["swift", "build", "--build-tests"])


def test(suites):
    command = ["swift", "test", "--skip-build"]
    for suite in suites:
        command += ["--filter", suite]
    return run(command, timeout=TEST_TIMEOUT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default=str(ROOT / "Scripts" / "mutants.txt"))
    parser.add_argument("--only", help="run only the mutants whose name contains this")
    parser.add_argument("--check", action="store_true", help="only check that the list matches the sources")
    options = parser.parse_args()

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    restore_backup()
    mutants = parse(Path(options.list))
    if options.only:
        mutants = [m for m in mutants if options.only in m.name]
    stale = []
    known = set()
    for source in (ROOT / "Tests").rglob("*.swift"):
        known.update(re.findall(r"(?:struct|class) (\w+)", source.read_text()))
    for mutant in mutants:
        for suite in mutant.tests:
            if suite not in known:
                stale.append(f"{mutant.line}: error: no test suite is named {suite} (a filter that matches nothing passes)")
        path = ROOT / mutant.file
        count = path.read_text().count(mutant.find) if path.exists() else 0
        if count != 1:
            stale.append(f"{mutant.line}: error: `{mutant.find.strip()}` occurs {count} times in {mutant.file} (exactly once expected): update the mutant")
    if stale:
        print("\n".join(stale))
        sys.exit(2)
    if options.check:
        print(f"{len(mutants)} mutants match the sources")
        return

    started = time.monotonic()
    status, output = build()
    if status != 0:
        print(output[-4000:])
        sys.exit("error: the unmutated sources do not build")
    suites = sorted({suite for mutant in mutants for suite in mutant.tests})
    status, output = test(suites)
    if status != 0:
        print(output[-4000:])
        sys.exit("error: the suites fail without any mutant: fix them first")
    print(f"baseline: {len(suites)} suites pass unmutated ({time.monotonic() - started:.0f} s)", flush=True)

    caught, survivors, broken = 0, [], []
    try:
        for mutant in mutants:
            began = time.monotonic()
            with Applied(mutant) as applied:
                status, output = build()
                if status != 0:
                    broken.append((mutant, applied.diff(), output))
                    verdict = "DOES NOT COMPILE"
                else:
                    status, output = test(mutant.tests)
                    if status == 0:
                        survivors.append((mutant, applied.diff()))
                        verdict = "SURVIVED"
                    else:
                        caught += 1
                        verdict = "caught" if status != "timeout" else "caught (timed out)"
            print(f"{mutant.number:3}. {verdict:<9} {mutant.name}  [{' '.join(mutant.tests)}] "
                  f"{time.monotonic() - began:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("\ninterrupted: the sources are restored")
        sys.exit(130)
    finally:
        restore_backup()

    for mutant, diff in survivors:
        print(f"\nSURVIVED {mutant.line}: {mutant.name} (suites: {' '.join(mutant.tests)})\n{diff}")
    for mutant, diff, output in broken:
        print(f"\nDOES NOT COMPILE {mutant.line}: {mutant.name}: fix the mutant\n{diff}\n{output[-1500:]}")
    print(f"\n{time.monotonic() - started:.0f} s in all")
    print(f"mutants: {caught} caught of {len(mutants)}")
    sys.exit(0 if caught == len(mutants) else 1)


if __name__ == "__main__":
    main()
