"""dist/forge is one self-contained executable: it runs, builds a `forge new` site, where
neither the Swift toolchain nor any libcmark-gfm shared library can be seen."""
import os
import pathlib
import platform
import re
import shutil
import subprocess
import tarfile

import pytest

from conftest import DIST, REPOSITORY, VERSION, is_root, run


def shared_libraries(binary):
    """The shared libraries the dynamic loader maps for `binary`, as absolute paths."""
    output = run(["ldd", binary]).stdout
    paths = []
    for line in output.splitlines():
        match = re.search(r"(/\S+)", line.split("=>")[-1])
        if match:
            paths.append(match.group(1))
    return paths


def test_links_neither_swift_nor_cmark_dynamically(forge):
    libraries = shared_libraries(forge)
    assert libraries, "ldd lists at least libc"
    names = [pathlib.Path(path).name for path in libraries]
    assert not [n for n in names if re.match(r"lib(swift|Foundation|dispatch|BlocksRuntime|cmark)", n)], names
    # What remains is the C and C++ runtime every Linux has.
    assert {n.split(".so")[0] for n in names} <= {"libc", "libm", "libstdc++", "libgcc_s", "ld-linux-x86-64", "ld-linux-aarch64", "libpthread", "libdl", "librt", "libutil"}, names


def test_version_is_the_release_and_a_revision(forge):
    line = run([forge, "--version"]).stdout.strip()
    assert re.fullmatch(rf"forge {re.escape(VERSION)} \(([0-9a-f]{{12}}|unknown revision)\)", line), line


def test_the_tarball_holds_the_same_binary(forge):
    name = f"forge-{VERSION}-linux-{platform.machine()}"
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive) as tar:
        members = sorted(tar.getnames())
        assert members == [name, f"{name}/README.md", f"{name}/forge"]
        packed = tar.extractfile(f"{name}/forge").read()
        assert tar.getmember(f"{name}/forge").mode & 0o111, "executable"
    assert packed == forge.read_bytes()


def test_make_install_puts_it_under_the_prefix(forge, tmp_path):
    run(["make", "-C", REPOSITORY, "--no-print-directory", "install", f"PREFIX={tmp_path}/usr"])
    installed = tmp_path / "usr" / "bin" / "forge"
    assert installed.read_bytes() == forge.read_bytes()
    assert os.access(installed, os.X_OK)
    assert run([installed, "--version"]).stdout.startswith(f"forge {VERSION} ")


@pytest.mark.skipif(not is_root(), reason="needs root for a chroot (unshare --root): the sandbox test runs in CI, which is root")
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux's unshare")
def test_runs_where_neither_swift_nor_cmark_can_be_seen(forge, tmp_path):
    """A root holding only dist/forge and the libraries ldd names (libc and friends):
    `forge new` then `forge build`, as a user without Swift would."""
    root = tmp_path / "root"
    (root / "bin").mkdir(parents=True)
    shutil.copy2(forge, root / "bin" / "forge")
    for library in shared_libraries(forge):
        target = root / library.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(os.path.realpath(library), target)
    (root / "work").mkdir()
    (root / "tmp").mkdir(mode=0o1777)
    (root / "proc").mkdir()  # every Linux has /proc; the Swift runtime reads its arguments there
    everything = [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()]
    assert "bin/forge" in everything and len(everything) <= 8, everything
    assert not [p for p in everything if "cmark" in p or "swift" in p.lower()], everything
    assert not (root / "opt").exists()

    env = {"PATH": "/bin", "HOME": "/work", "LANG": "C"}
    def sandboxed(args, wd):
        return subprocess.run(["unshare", "--mount", "--fork", "--pid", "--mount-proc=/proc", f"--root={root}", f"--wd={wd}", *args],
                              env=env, capture_output=True, text=True, timeout=120)

    version = sandboxed(["/bin/forge", "--version"], "/")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith(f"forge {VERSION} ")
    new = sandboxed(["/bin/forge", "new", "console", "--action", "acme/forge@v1"], "/work")
    assert new.returncode == 0, new.stdout + new.stderr
    build = sandboxed(["/bin/forge", "build", "--strict", "--base-url", "https://acme.github.io/console/"], "/work/console")
    assert build.returncode == 0, build.stdout + build.stderr
    assert build.stdout.startswith("Built ")
    output = root / "work" / "console" / "Output"
    assert (output / "index.html").exists() and (output / "sitemap.xml").exists()
    assert "<h1>Acme Console</h1>" in (output / "index.html").read_text()
    # The docs went through libcmark-gfm: headings, fenced code, task lists.
    page = (output / "docs" / "getting-started.html").read_text()
    assert '<h2 id="create-a-key"' in page and "<pre" in page
