"""The committed sample packs are exactly what the committed builder produces."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_builder_reproduces_the_committed_fixtures(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(FIXTURES / "build_sample_pack.py"), "--out-dir", str(tmp_path)], check=True, timeout=300)
    for name in ("sample_pack.pdf", "sample_pack_no_outline.pdf", "scanned_page.pdf"):
        assert sha(tmp_path / name) == sha(FIXTURES / name), f"{name} differs from a fresh build: rebuild with `make fixtures` and review"


def test_convention_builder_reproduces_the_committed_convention_fixtures(tmp_path: Path) -> None:
    conventions = FIXTURES / "conventions"
    subprocess.run([sys.executable, str(conventions / "build_conventions.py"), "--out-dir", str(tmp_path)], check=True, timeout=300)
    built = sorted(path.name for path in tmp_path.glob("*.pdf"))
    assert built == sorted(path.name for path in conventions.glob("*.pdf")), "the builder and the committed convention fixtures list different files"
    for name in built:
        assert sha(tmp_path / name) == sha(conventions / name), f"conventions/{name} differs from a fresh build: rebuild with `make fixtures` and review"


def test_scanned_builder_reproduces_the_committed_scanned_pack(tmp_path: Path) -> None:
    """Byte for byte where the rendering is the same MuPDF; the file records the PyMuPDF version that rendered it."""
    import pymupdf  # only to read the committed file's metadata and the installed version

    committed = FIXTURES / "sample_pack_scanned.pdf"
    build = [sys.executable, str(FIXTURES / "build_scanned_pack.py"), "--source", str(FIXTURES / "sample_pack.pdf")]
    subprocess.run([*build, "--out-dir", str(tmp_path / "a")], check=True, timeout=600)
    with pymupdf.open(committed) as doc:
        rendered_with = doc.metadata["subject"].rsplit("PyMuPDF ", 1)[-1]
    if rendered_with == pymupdf.VersionBind:
        assert sha(tmp_path / "a" / committed.name) == sha(committed), "sample_pack_scanned.pdf differs from a fresh build: rebuild with `make fixtures`"
    else:  # another MuPDF renders the glyphs a little differently: the build must still be deterministic
        subprocess.run([*build, "--out-dir", str(tmp_path / "b")], check=True, timeout=600)
        assert sha(tmp_path / "a" / committed.name) == sha(tmp_path / "b" / committed.name)
