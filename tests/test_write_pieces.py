"""Large outputs written in pieces: the same bytes as written whole, never the whole file in memory at once."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from agendapack.models.document import PackDocument
from agendapack.output import to_csv, to_json
from agendapack.output.atomic import atomic_write_files
from agendapack.output.tables import TABLES, column_rows, table_columns, table_rows
from agendapack.output.to_parquet import parquet_bytes


def test_document_json_in_pieces_is_the_serializers_own_json(sample_doc: PackDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = sample_doc.__pydantic_serializer__.to_json(sample_doc) + b"\n"
    assert b"".join(to_json.document_json(sample_doc)) == whole  # lists shorter than a piece go whole
    monkeypatch.setattr(to_json, "_ITEMS_PER_PIECE", 7)  # every long list (blocks, cells, entities) split, the last part short
    pieces = list(to_json.document_json(sample_doc))
    assert b"".join(pieces) == whole
    assert len(sample_doc.blocks) > 7 * 3 and len(sample_doc.records.table_cells) > 7 * 3
    largest = max(len(piece) for piece in pieces)
    assert largest < len(whole) / 10, "a long list must not come out as one piece"


def test_table_columns_hold_the_tables_rows(sample_doc: PackDocument) -> None:
    filled = 0
    for spec in TABLES:
        rows = table_rows(spec, sample_doc)
        columns = table_columns(spec, sample_doc)
        assert list(columns) == [c.name for c in spec.columns]
        assert column_rows(columns) == len(rows)
        assert [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)] == rows
        filled += bool(rows)
    assert filled >= 10  # the sample pack fills most tables: the comparison is not over empty ones


def test_an_out_of_range_integer_is_left_empty_in_columns_as_in_rows(sample_doc: PackDocument) -> None:
    from agendapack.output.spec import TableSpec, col

    spec = TableSpec("t", "", (col("n", "integer", ""), col("s", "string", "")), lambda _doc: iter([{"n": 1 << 70, "s": "a"}, {"n": -3, "s": "b"}]), ("s",))
    assert table_columns(spec, sample_doc) == {"n": [None, -3], "s": ["a", "b"]}
    assert table_rows(spec, sample_doc) == [{"n": None, "s": "a"}, {"n": -3, "s": "b"}]


def test_a_csv_in_pieces_is_the_csv_written_at_once(sample_doc: PackDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = next(s for s in TABLES if s.name == "blocks")
    columns = table_columns(spec, sample_doc)
    whole = b"".join(to_csv.csv_pieces(spec, columns))
    monkeypatch.setattr(to_csv, "_ROWS_PER_PIECE", 3)
    pieces = list(to_csv.csv_pieces(spec, columns))
    assert len(pieces) == -(-column_rows(columns) // 3)  # the header goes with the first rows
    assert b"".join(pieces) == whole
    rows = list(csv.reader(io.StringIO(whole.decode("utf-8"))))
    assert rows[0] == [c.name for c in spec.columns] and len(rows) == column_rows(columns) + 1
    assert b"".join(to_csv.csv_pieces(spec, {name: [] for name in columns})) == (",".join(columns) + "\n").encode()  # header only


def test_parquet_from_columns_reads_back_as_the_rows(sample_doc: PackDocument, tmp_path: Path) -> None:
    spec = next(s for s in TABLES if s.name == "table_cells")
    data = parquet_bytes(spec, table_columns(spec, sample_doc))
    (tmp_path / "cells.parquet").write_bytes(data)
    assert pq.read_table(tmp_path / "cells.parquet").to_pylist() == table_rows(spec, sample_doc)


def test_a_file_whose_pieces_fail_midway_leaves_the_old_file_and_no_temporaries(tmp_path: Path) -> None:
    (tmp_path / "document.json").write_bytes(b"old")

    def pieces():
        yield b"{"
        raise MemoryError("the second piece could not be built")

    with pytest.raises(MemoryError, match="second piece"):
        atomic_write_files(tmp_path, [("document.json", pieces())])
    assert [p.name for p in tmp_path.iterdir()] == ["document.json"]
    assert (tmp_path / "document.json").read_bytes() == b"old"
    atomic_write_files(tmp_path, [("document.json", (b for b in (b"{", b"}", b"\n")))])
    assert (tmp_path / "document.json").read_bytes() == b"{}\n"
