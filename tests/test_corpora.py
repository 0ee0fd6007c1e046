"""Corpus conversion for online users (no network here: the converters run on local files)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from countrystance.corpora import DownloadError, headlines_from_reddit_csv, speeches_from_folder


def test_speech_files_become_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "Session 77 - 2022"
    folder.mkdir()
    (folder / "USA_77_2022.txt").write_text("We thank Norway.\n", encoding="utf-8")
    (folder / "ARG_77_2022.txt").write_text("We welcome Chile.", encoding="utf-8")
    (folder / "readme.txt").write_text("not a speech")
    dest = tmp_path / "speeches.jsonl.gz"
    assert speeches_from_folder(tmp_path, dest) == 2
    rows = [json.loads(x) for x in gzip.decompress(dest.read_bytes()).decode().splitlines()]
    assert [r["id"] for r in rows] == ["ARG_77_2022", "USA_77_2022"]
    assert rows[1] == {"id": "USA_77_2022", "speaker_country": "USA", "session": 77, "year": 2022,
                       "text": "We thank Norway.\n"}
    with pytest.raises(DownloadError, match="no speech files"):
        speeches_from_folder(tmp_path / "no_such_folder", tmp_path / "x.gz")


def test_reddit_csv_becomes_headlines(tmp_path: Path) -> None:
    src = tmp_path / "RedditNews.csv"
    src.write_text('Date,News\n2016-07-01,"A headline, with a comma"\n2016-07-01,b\'Bytes artefact\'\n',
                   encoding="utf-8")
    dest = tmp_path / "headlines.jsonl.gz"
    assert headlines_from_reddit_csv(src, dest) == 2
    rows = [json.loads(x) for x in gzip.decompress(dest.read_bytes()).decode().splitlines()]
    assert rows == [{"id": "h0", "date": "2016-07-01", "text": "A headline, with a comma"},
                    {"id": "h1", "date": "2016-07-01", "text": "Bytes artefact"}]


def test_a_failed_conversion_leaves_no_partial_corpus(tmp_path: Path) -> None:
    dest = tmp_path / "headlines.jsonl.gz"
    dest.write_bytes(b"the previous, whole corpus")
    bad = tmp_path / "Other.csv"
    bad.write_text("Day,Title\n2016-07-01,A headline\n", encoding="utf-8")
    with pytest.raises(DownloadError, match=r"Other.csv: no column\(s\) \['Date', 'News'\]"):
        headlines_from_reddit_csv(bad, dest)
    with pytest.raises(DownloadError, match="missing.csv: file not found"):
        headlines_from_reddit_csv(tmp_path / "missing.csv", dest)
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "ARG_77_2022.txt").write_text("We welcome Chile.", encoding="utf-8")
    (folder / "USA_77_2022.txt").write_bytes(b"We thank Norway \xff.")
    speeches = tmp_path / "speeches.jsonl.gz"
    with pytest.raises(DownloadError, match=r"USA_77_2022.txt: not valid UTF-8 at byte 16"):
        speeches_from_folder(folder, speeches)
    assert dest.read_bytes() == b"the previous, whole corpus" and not speeches.exists()
    assert not list(tmp_path.glob("*.part"))


def test_a_download_cut_short_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import corpora

    source = tmp_path / "remote.csv"
    source.write_bytes(b"a,b\n" * 1000)
    dest = tmp_path / "out" / "local.csv"
    assert corpora._fetch(source.as_uri(), dest) == dest
    assert dest.read_bytes() == source.read_bytes()

    class CutResponse:
        def __enter__(self) -> CutResponse:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, n: int = -1) -> bytes:
            raise ConnectionResetError("connection reset by peer")

    monkeypatch.setattr(corpora.urllib.request, "urlopen", lambda url, timeout: CutResponse())
    other = tmp_path / "out" / "other.csv"
    with pytest.raises(DownloadError, match="could not download .*connection reset"):
        corpora._fetch("https://example.org/other.csv", other)
    assert sorted(p.name for p in other.parent.iterdir()) == ["local.csv"]  # no other.csv, no .part
