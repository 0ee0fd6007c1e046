"""Fetch the public corpora the project's references point into, for users who are online.

The project stores no corpus text: its real-data labels are references (document id,
offsets, sentence hash) into these corpora. This module downloads them from their
public homes and writes them in the layout the configs expect:

- NewsMTSC (MIT): the JSON Lines files from the authors' repository, as they are;
- UN General Debate Corpus (CC0): the per-speech text files (``AAA_SS_YYYY.txt``) of the
  Harvard Dataverse release, as ``speeches.jsonl.gz`` with ``id``, ``speaker_country``,
  ``session``, ``year`` and ``text``;
- r/worldnews headlines (CC BY-NC-SA 4.0): the ``RedditNews.csv`` of the "Daily News for
  Stock Market Prediction" data set (Kaggle needs a login, so pass the file you
  downloaded), as ``headlines.jsonl.gz`` with ``id``, ``date`` and ``text``.

A reference whose sentence hash does not match the text you downloaded fails loudly
(``data.read_refs``), so a different corpus version is never silently mislabelled.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NEWSMTSC_BASE = ("https://raw.githubusercontent.com/fhamborg/NewsMTSC/main/NewsSentiment/"
                 "experiments/default/datasets")
NEWSMTSC_FILES = {
    "train.jsonl": "newsmtsc-mt-hf/train.jsonl",
    "dev_mt.jsonl": "newsmtsc-mt-hf/dev.jsonl",
    "dev_rw.jsonl": "newsmtsc-rw-hf/dev.jsonl",
}
UNGDC_URL = ("https://dataverse.harvard.edu/api/access/dataset/:persistentId/"
             "?persistentId=doi:10.7910/DVN/0TJX8Y")
SPEECH_FILE = re.compile(r"^([A-Z]{2,4})_(\d{1,3})_(\d{4})\.txt$")


class DownloadError(RuntimeError):
    """A download or conversion that failed; the message says what to do instead."""


def _fetch(url: str, dest: Path, timeout: int = 60) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _written_whole(dest) as tmp, urllib.request.urlopen(url, timeout=timeout) as resp, \
                tmp.open("wb") as out:
            shutil.copyfileobj(resp, out, length=1 << 20)
    except OSError as err:
        raise DownloadError(f"could not download {url}: {err} (are you online?)") from None
    return dest


def download_newsmtsc(out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    return [_fetch(f"{NEWSMTSC_BASE}/{src}", out / name) for name, src in NEWSMTSC_FILES.items()]


def speeches_from_folder(folder: str | Path, dest: str | Path) -> int:
    """Every ``AAA_SS_YYYY.txt`` under ``folder`` into a gzipped JSONL, sorted by id."""
    files = sorted((p for p in Path(folder).rglob("*.txt") if SPEECH_FILE.match(p.name)),
                   key=lambda p: p.name)
    if not files:
        raise DownloadError(f"no speech files named like USA_77_2022.txt under {folder}")
    with _written_whole(dest) as tmp, gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for p in files:
            code, session, year = SPEECH_FILE.match(p.name).groups()
            try:
                text = p.read_bytes().decode("utf-8", errors="strict")
            except UnicodeDecodeError as err:
                raise DownloadError(f"{p}: not valid UTF-8 at byte {err.start}") from None
            fh.write(json.dumps({"id": p.stem, "speaker_country": code, "session": int(session),
                                 "year": int(year), "text": text}, ensure_ascii=False) + "\n")
    return len(files)


@contextmanager
def _written_whole(dest: str | Path) -> Iterator[Path]:
    """A temporary name beside ``dest``, renamed to it only when writing succeeded: a failed
    conversion never leaves a partial corpus where a whole one is expected."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(dest)


def _unpack_all(archive: Path, into: Path) -> None:
    """Unpack an archive and any archives inside it (the Dataverse bundle nests them)."""
    queue = [archive]
    while queue:
        a = queue.pop()
        target = into / (a.stem + "_x")
        if zipfile.is_zipfile(a):
            with zipfile.ZipFile(a) as zf:
                zf.extractall(target)
        elif tarfile.is_tarfile(a):
            with tarfile.open(a) as tf:
                tf.extractall(target, filter="data")
        else:
            continue
        queue += [p for p in target.rglob("*") if p.suffix in (".zip", ".tgz", ".gz", ".tar")]


def download_ungdc(dest: str | Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bundle = _fetch(UNGDC_URL, Path(tmp) / "ungdc.zip", timeout=600)
        _unpack_all(bundle, Path(tmp))
        return speeches_from_folder(tmp, dest)


_BYTES_ARTEFACT = re.compile(r"""^b(['"])(.*)\1$""", re.S)


def headlines_from_reddit_csv(csv_path: str | Path, dest: str | Path) -> int:
    """RedditNews.csv (Date, News) -> headlines.jsonl.gz with ids h0, h1, ... in file order."""
    n = 0
    if not Path(csv_path).is_file():
        raise DownloadError(f"{csv_path}: file not found")
    with open(csv_path, encoding="utf-8-sig", newline="") as fin, _written_whole(dest) as tmp, \
            gzip.open(tmp, "wt", encoding="utf-8") as fout:
        reader = csv.DictReader(fin)
        missing = {"Date", "News"} - set(reader.fieldnames or ())
        if missing:
            raise DownloadError(f"{csv_path}: no column(s) {sorted(missing)} (columns: "
                                f"{reader.fieldnames}); expected Kaggle's RedditNews.csv")
        for row in reader:
            text = row["News"].strip()
            m = _BYTES_ARTEFACT.match(text)
            if m:  # the original file stores some headlines as Python bytes literals
                text = m.group(2)
            fout.write(json.dumps({"id": f"h{n}", "date": row["Date"], "text": text},
                                  ensure_ascii=False) + "\n")
            n += 1
    return n

