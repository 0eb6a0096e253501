"""A batch is fail-safe: usage errors change nothing in OUT and exit 2, OUT keeps every pack it has read, a failure of
the batch itself (storage, an internal error) exits 5 with the last good files in place, and no input crashes it."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from agendapack.batch import BatchOptions, InputError, Limits, run_batch
from agendapack.batch.inputs import read_manifest, resolve_inputs
from agendapack.batch.warmup import warm_up_pack
from bad_inputs import small_pdf, write
from test_batch import duckdb_contents, tree_digests


def all_digests(out: Path) -> dict[str, str]:
    """Every file in OUT, the database included, byte for byte; only the lock and the run metadata may change."""
    import hashlib

    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name not in {".lock", "manifest.json"}
    }


def options(**changes) -> BatchOptions:
    return BatchOptions(**({"workers": 1, "limits": Limits(timeout=120, memory_bytes=2 << 30)} | changes))


def batch_cli(*args: str, limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    command = [sys.executable, "-m", "agendapack", "batch", *args, "--workers", "1"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=limit)


def manifest_rows(out: Path) -> list[dict[str, str]]:
    with (out / "tables" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """Inputs, and an OUT a batch has filled from them, with the digests of every file in it."""
    root = tmp_path_factory.mktemp("failsafe")
    packs = root / "packs"
    packs.mkdir()
    for pages in (1, 2):
        write(packs, f"report-{pages}.pdf", small_pdf(pages))
    out = root / "out"
    result = batch_cli(str(packs), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return packs, out, all_digests(out)


# -- usage errors: exit 2 before any work, nothing in OUT changed --------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["{empty}"],  # an unmounted share: a folder with nothing in it
        ["{missing}"],
        ["{packs}/*.missing.pdf"],
        ["{packs}", "{missing}"],
        ["{packs}", "--profile", "no-such-council"],
        ["{manifest_without_path}"],
        ["{manifest_without_rows}"],
    ],
    ids=["empty-folder", "missing-path", "glob-matching-nothing", "one-of-two-missing", "unknown-profile", "manifest-without-path", "manifest-without-rows"],
)
def test_a_usage_error_exits_2_and_changes_nothing_in_out(done, tmp_path: Path, arguments: list[str]) -> None:
    packs, out, before = done
    (tmp_path / "empty").mkdir()
    write(tmp_path, "no-path.csv", b"file_name,council\nreport-1.pdf,Kent\n")
    write(tmp_path, "no-rows.csv", b"path,council\n")
    names = {"empty": tmp_path / "empty", "missing": tmp_path / "not-mounted", "packs": packs,
             "manifest_without_path": tmp_path / "no-path.csv", "manifest_without_rows": tmp_path / "no-rows.csv"}
    result = batch_cli(*[argument.format(**names) for argument in arguments], "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "error:" in result.stderr
    assert all_digests(out) == before
    assert not (out / ".staging").exists()


def test_a_usage_error_does_not_even_create_out(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = batch_cli(str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert not (tmp_path / "out").exists()


def test_out_being_a_regular_file_is_a_usage_error(done, tmp_path: Path) -> None:
    packs = done[0]
    target = write(tmp_path, "out", b"a file, not a folder")
    result = batch_cli(str(packs), "-o", str(target))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not a folder" in result.stderr
    assert target.read_bytes() == b"a file, not a folder"


def test_two_manifests_giving_a_file_different_councils_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "a.pdf", small_pdf(1))
    write(tmp_path, "one.csv", b"path,council\na.pdf,Kent\n")
    write(tmp_path, "two.csv", b"path,council\na.pdf,Bristol\n")
    with pytest.raises(InputError, match="different council"):
        resolve_inputs([str(tmp_path / "one.csv"), str(tmp_path / "two.csv")], tmp_path / "out")


# -- inputs that used to crash the batch ------------------------------------------------


def test_manifest_metadata_does_not_depend_on_argument_order(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    write(packs, "a.pdf", small_pdf(1))
    write(packs, "list.csv", b"path,council,committee,meeting_date\na.pdf,Kent County Council,Cabinet,2025-01-30\n")
    folder_first = resolve_inputs([str(packs), str(packs / "list.csv")], tmp_path / "out")[0]
    manifest_first = resolve_inputs([str(packs / "list.csv"), str(packs)], tmp_path / "out")[0]
    for files in (folder_first, manifest_first):
        (item,) = files
        assert item.metadata == {"council": "Kent County Council", "committee": "Cabinet", "meeting_date": "2025-01-30", "source_url": None}


def test_a_manifest_saved_by_excel_in_windows_1252_is_read(tmp_path: Path) -> None:
    write(tmp_path, "a.pdf", small_pdf(1))
    write(tmp_path, "list.csv", "path,council,committee\na.pdf,Conseil général,Comité des finances – 2025\n".encode("cp1252"))
    notes: list[str] = []
    (item,) = read_manifest(tmp_path / "list.csv", notes)
    assert item.metadata["council"] == "Conseil général" and item.metadata["committee"] == "Comité des finances – 2025"
    assert notes and "Windows-1252" in notes[0]


def test_a_utf16_manifest_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    write(tmp_path, "list.csv", "path,council\r\na.pdf,Ville de Québec\r\n".encode("utf-16"))
    (item,) = read_manifest(tmp_path / "list.csv")
    assert item.metadata["council"] == "Ville de Québec"


def test_a_manifest_field_over_128_kib_is_read(tmp_path: Path) -> None:
    write(tmp_path, "list.csv", b"path,council,notes\na.pdf,Kent,\"" + b"x" * 200_000 + b"\"\n")
    (item,) = read_manifest(tmp_path / "list.csv")
    assert item.metadata["council"] == "Kent"


def test_a_symlink_loop_under_an_input_folder_is_a_failure_of_those_files(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    write(packs, "real.pdf", small_pdf(1))
    (packs / "a.pdf").symlink_to("b.pdf")
    (packs / "b.pdf").symlink_to("a.pdf")
    (packs / "again").symlink_to(".")  # a folder link back to itself: not followed
    out = tmp_path / "out"
    result = batch_cli(str(packs), "-o", str(out))
    assert result.returncode == 1, result.stderr  # some files failed: a data outcome
    assert "Traceback" not in result.stderr
    rows = {Path(row["source_path"]).name: row for row in manifest_rows(out)}
    assert rows["real.pdf"]["status"] == "success"
    assert (rows["a.pdf"]["status"], rows["a.pdf"]["error_codes"]) == ("failure", "file-not-found")
    assert rows["a.pdf"]["pack_id"] != rows["b.pdf"]["pack_id"]


def test_a_path_component_over_255_bytes(tmp_path: Path) -> None:
    write(tmp_path, "a.pdf", small_pdf(1))
    long_name = "x" * 300 + ".pdf"
    given = batch_cli(str(tmp_path / long_name), "-o", str(tmp_path / "out1"))
    assert given.returncode == 2 and "too long" in given.stderr and "Traceback" not in given.stderr
    write(tmp_path, "list.csv", f"path\na.pdf\n{long_name}\n".encode())
    listed = batch_cli(str(tmp_path / "list.csv"), "-o", str(tmp_path / "out2"))
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    by_status = {row["status"] for row in manifest_rows(tmp_path / "out2")}
    assert by_status == {"success", "failure"}


# -- OUT keeps every pack; --prune drops the ones whose input is gone ------------------------


def test_a_run_over_new_packs_only_keeps_the_old_ones_and_prune_drops_gone_inputs(tmp_path: Path) -> None:
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    first.mkdir()
    second.mkdir()
    write(first, "a.pdf", small_pdf(1))
    write(first, "b.pdf", small_pdf(2))
    write(second, "c.pdf", small_pdf(3))
    out = tmp_path / "out"
    run_batch([str(first)], out, options())
    tuesday = run_batch([str(second)], out, options())
    assert [Path(f.key).name for f in tuesday.files] == ["c.pdf"] and tuesday.recorded == 3
    assert sorted(Path(row["source_path"]).name for row in manifest_rows(out)) == ["a.pdf", "b.pdf", "c.pdf"]
    pages = list(csv.DictReader((out / "tables" / "pages.csv").open(encoding="utf-8")))
    assert len(pages) == 1 + 2 + 3
    (first / "a.pdf").unlink()
    kept = run_batch([str(second)], out, options())
    assert kept.pruned == [] and len(manifest_rows(out)) == 3  # gone from disk, but no --prune: still in OUT
    pruned = run_batch([str(second)], out, options(prune=True))
    assert [Path(key).name for key in pruned.pruned] == ["a.pdf"]
    assert sorted(Path(row["source_path"]).name for row in manifest_rows(out)) == ["b.pdf", "c.pdf"]
    assert len(os.listdir(out / "packs")) == 2  # a.pdf's pack folder went with it


def test_a_changed_file_replaces_its_old_pack(tmp_path: Path) -> None:
    write(tmp_path, "a.pdf", small_pdf(1))
    out = tmp_path / "out"
    first = run_batch([str(tmp_path / "a.pdf")], out, options())
    write(tmp_path, "a.pdf", small_pdf(2))
    second = run_batch([str(tmp_path / "a.pdf")], out, options())
    assert first.files[0].pack_id != second.files[0].pack_id
    assert os.listdir(out / "packs") == [second.files[0].pack_id]


# -- a failure of the batch itself: exit 5, the last good files kept -------------------------


def test_a_full_disk_while_writing_a_pack_stops_the_batch_and_keeps_the_good_pack(done, tmp_path: Path) -> None:
    packs, out, _ = done
    copy = tmp_path / "out"
    subprocess.run(["cp", "-a", str(out), str(copy)], check=True)
    before = all_digests(copy)
    # A limit on the size of any file the batch writes: enough for a worker's warm-up pack, not for a pack's largest file.
    limit = len(warm_up_pack()) + 256
    assert max(path.stat().st_size for path in (copy / "packs").rglob("*") if path.is_file()) > limit
    result = batch_cli(str(packs), "-o", str(copy), "--force", limit_file_size=limit)
    assert result.returncode == 5, result.stderr
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    assert all_digests(copy) == before  # no pack replaced by a failure stub, the combined files as they were
    again = batch_cli(str(packs), "-o", str(copy))
    assert again.returncode == 0, again.stderr
    assert all_digests(copy) == before


def test_a_full_disk_while_building_the_combined_files_keeps_the_last_good_ones(done, tmp_path: Path) -> None:
    packs, out, _ = done
    copy = tmp_path / "out"
    subprocess.run(["cp", "-a", str(out), str(copy)], check=True)
    before = all_digests(copy)
    largest_pack_file = max(path.stat().st_size for path in (copy / "packs").rglob("*") if path.is_file())
    database = (copy / "agendapack.duckdb").stat().st_size
    assert largest_pack_file < database  # the limit below lets every pack file be written, not the database
    result = batch_cli(str(packs), "-o", str(copy), "--force", limit_file_size=largest_pack_file + 4096)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert all_digests(copy) == before  # CSV, Parquet, data package and database: all still the previous build
    assert not (copy / ".staging" / "combined").exists()
    database = duckdb_contents(copy / "agendapack.duckdb")
    again = batch_cli(str(packs), "-o", str(copy))
    assert again.returncode == 0, again.stderr
    assert tree_digests(copy) == {name: digest for name, digest in before.items() if name != "agendapack.duckdb"}
    assert duckdb_contents(copy / "agendapack.duckdb") == database  # rebuilt: same contents (its header id is random)


def test_an_internal_error_exits_5_not_a_data_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from agendapack.cli import app

    def broken(*args, **kwargs):
        raise KeyError("a bug in the batch")

    write(tmp_path, "a.pdf", small_pdf(1))
    monkeypatch.setattr("agendapack.batch.run_batch", broken)
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "a.pdf"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 5
    assert "internal error" in result.output


# -- pack ids: long enough, and a collision detected -------------------------------------------


def test_two_different_files_whose_ids_collide_are_both_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agendapack import ids

    for folder, pages in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, "minutes.pdf", small_pdf(pages))
    monkeypatch.setattr("agendapack.batch.runner.make_pack_id", lambda name, sha: ids.make_pack_id(name, sha, hex_digits=0))
    result = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], tmp_path / "out", options())
    first, second = result.files
    assert first.redone and second.redone and first.pack_id != second.pack_id
    assert first.pack_id == "minutes-" and len(second.pack_id) == len("minutes-") + 64  # the later file gets the whole digest
    assert {f.pages for f in result.files} == {1, 2}
    assert sorted(os.listdir(tmp_path / "out" / "packs")) == sorted([first.pack_id, second.pack_id])
