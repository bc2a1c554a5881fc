"""Tests of what `make dist` makes and of the GitHub Action, with the dist binary.

`make test-dist` builds dist/forge first; these tests never build it themselves.
"""
import os
import pathlib
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
DIST = REPOSITORY / "dist"
VERSION = (REPOSITORY / "VERSION").read_text().strip()


@pytest.fixture(scope="session")
def forge():
    binary = DIST / "forge"
    if not binary.exists():
        pytest.fail("dist/forge is missing: run `make dist` (make test-dist does)")
    return binary


def run(args, cwd=None, env=None, check=True):
    """Runs a command, returning the CompletedProcess; fails the test with its output."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def is_root():
    return os.geteuid() == 0
