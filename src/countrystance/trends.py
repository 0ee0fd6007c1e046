"""Stance trends with honest uncertainty: prediction rows -> tables and plots.

Rows from one article are not independent, so every interval comes from a
cluster bootstrap that resamples *articles*, not rows: its standard error, with a t
quantile (a percentile interval is far too narrow over a handful of articles), and
Welch's t test for a change between two selections. The net stance index is
(supportive - hostile) / rows, in [-1, 1]. Cells with fewer than ``min_articles``
articles are flagged (``low_n``) and drawn hollow, never silently plotted as if
they were solid. Optional probability-weighted shares use the calibrated
probabilities instead of hard labels.

Input: the batch output of ``countrystance predict`` (a folder with a manifest),
Parquet file(s), or any DataFrame with ``article_id``, ``target``, ``label`` and a
date column.
"""

from __future__ import annotations

import difflib
import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .config import ConfigError, require, save_config

log = logging.getLogger(__name__)

PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
LABELS = ("hostile", "neutral", "supportive")
# One article says nothing about the spread between articles: below this, no interval
# (trend cells and comparisons alike).
MIN_ARTICLES_FOR_INTERVAL = 2


# ------------------------------------------------------------------ loading


def _unfinished_runs(path: Path) -> list[Path]:
    """Predict output folders at or under ``path`` that hold a run not finished (yet)."""
    from .predict import MANIFEST, RUN_STATE

    if not path.is_dir():
        return []
    return sorted(p.parent for p in path.rglob(RUN_STATE) if not (p.parent / MANIFEST).is_file())


def shared_article_ids(df: pd.DataFrame) -> list[str]:
    """Article ids that more than one article's rows carry (or one article's rows twice).

    One article has one row per (sentence, target) and one start per sentence, so a
    repeated (article_id, sentence_index, target) or two starts for one sentence index mean
    two records shared the id. Rows without those columns (not predict output) are not checked.
    """
    if not {"article_id", "sentence_index", "target"} <= set(df.columns) or df.empty:
        return []
    shared = df.duplicated(["article_id", "sentence_index", "target"], keep=False)
    if "sentence_start" in df.columns:
        starts = df.groupby(["article_id", "sentence_index"], sort=False)["sentence_start"].transform("nunique")
        shared |= starts > 1
    return [str(x) for x in pd.unique(df.loc[shared, "article_id"])]


def load_rows(path: str | Path) -> pd.DataFrame:
    """Prediction rows from a predict output folder, a Parquet file, or a folder of Parquet.

    A folder that holds an unfinished predict run is refused: its shards cover only the part
    of the input labelled before the run stopped, so trends from them would be silently partial.
    Article ids shared by several articles are warned about: the bootstrap resamples articles
    by id, so such articles count as one and their intervals come out wrong.
    """
    df = _read_rows(Path(path))
    shared = shared_article_ids(df)
    if shared:
        examples = ", ".join(repr(x) for x in shared[:3])
        log.warning("%s: %d article id(s) are carried by more than one article, or by one article "
                    "read twice (e.g. %s); trends count each such id as one article. Give every "
                    "article its own id (predict.id_field) or remove the repeated records",
                    path, len(shared), examples)
    return df


def _read_rows(path: Path) -> pd.DataFrame:
    from .predict import MANIFEST, read_predictions

    if (path / MANIFEST).is_file():
        return read_predictions(path)
    if path.is_file():
        return pd.read_parquet(path)
    unfinished = _unfinished_runs(path)
    if unfinished:
        run = unfinished[0]
        done = len(list((run / "shards").glob("part-*.done.json")))
        more = f" (and {len(unfinished) - 1} more unfinished run(s) under {path})" if len(unfinished) > 1 else ""
        where = f"trends.input {path}" + ("" if run == path else f": {run}")
        raise ConfigError(
            f"{where} holds an unfinished `countrystance predict` run "
            f"(run_state.json, no manifest.json; {done} shard(s) done){more}, so its rows cover only "
            f"part of the input. Finish it with `countrystance predict --config {run / 'config.yaml'}` "
            "(it resumes from the finished shards; if it stopped on a bad record, fix the input or "
            "set predict.on_error=skip), then run trends again"
        )
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else []
    if not files:
        raise ConfigError(f"trends.input {path}: no predict output, Parquet file or Parquet folder")
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def parse_dates(raw: pd.Series) -> pd.Series:
    """ISO dates as timestamps without a time zone; a date with an offset ("2016-07-01T23:30
    +05:00") is taken in UTC, so that dates from several zones compare. Unreadable: NaT."""
    return pd.to_datetime(raw.astype("string"), errors="coerce", format="mixed", utc=True).dt.tz_convert(None)


def add_period(df: pd.DataFrame, period: str, date_field: str = "date") -> pd.DataFrame:
    """A ``period`` column (a pandas Period) from the date column; rows without a date are dropped
    and counted in ``df.attrs['undated_rows']``."""
    if period not in PERIODS:
        raise ConfigError(f"trends.period must be one of {list(PERIODS)}, got {period!r}")
    if date_field not in df.columns:
        raise ConfigError(f"no date column '{date_field}' in the predictions "
                          f"(columns: {list(df.columns)}); set trends.date_field")
    raw = df[date_field].astype("string")
    # A bare year ("1991") parses as 1 January, a month ("1991-07") as its first day: fine for
    # periods at least that long, refused for finer ones (they would all land in the first).
    year_only = raw.str.fullmatch(r"\d{4}").fillna(False)
    if period != "year" and bool(year_only.any()):
        raise ConfigError(f"{int(year_only.sum())} rows have only a year as date; "
                          f"use trends.period=year")
    month_only = raw.str.fullmatch(r"\d{4}-\d{2}").fillna(False)
    if period in ("day", "week") and bool(month_only.any()):
        raise ConfigError(f"{int(month_only.sum())} rows have only a year and month as date; "
                          f"use trends.period=month, quarter or year")
    dates = parse_dates(raw)
    out = df.loc[dates.notna()].copy()
    out["period"] = dates[dates.notna()].dt.to_period(PERIODS[period])
    out.attrs["undated_rows"] = int(dates.isna().sum())
    return out


# ------------------------------------------------------------------ target names


def _held(counts: pd.Series, limit: int = 12, noun: str = "target") -> str:
    """What the rows hold: the targets (or sources) with most rows, for error messages."""
    if counts.empty:
        return f"the data holds no {noun}s"
    shown = ", ".join(f"{t} ({n} rows)" for t, n in counts.head(limit).items())
    more = f", ... ({len(counts) - limit} more)" if len(counts) > limit else ""
    return f"the data holds {len(counts)} {noun}(s): {shown}{more}"


def resolve_targets(names: Sequence[str], rows: Iterable[Any], *, key: str = "trends.targets",
                    finder: Any = None, noun: str = "target") -> list[str]:
    """The canonical names of user-given targets ("USA" -> "United States"), each checked
    against ``rows``, the target column of the rows (one value per row).

    Names are matched as given, then case-insensitively, then through the gazetteer
    (``targets.canonical_name``; pass a ``MentionFinder`` for custom alias files). A name
    that still matches no rows is a ``ConfigError`` naming the closest targets in the data.
    """
    from .targets import canonical_name

    counts = pd.Series(rows, dtype=object).dropna().astype(str).value_counts()
    held = set(counts.index)
    by_lower = {t.lower(): t for t in held}
    out: list[str] = []
    problems: list[str] = []
    for raw in names:
        name = str(raw).strip()
        if name in held:
            out.append(name)
            continue
        if name.lower() in by_lower:
            out.append(by_lower[name.lower()])
            continue
        try:
            canon: str | None = canonical_name(name, finder)
        except KeyError:
            canon = None
        if canon in held:
            log.info("%s: %r is the target %r", key, name, canon)
            out.append(canon)
            continue
        # the closest targets that the rows do hold (case-insensitive), to catch typos and
        # names the gazetteer spells otherwise
        close = difflib.get_close_matches((canon or name).lower(), list(by_lower), n=3, cutoff=0.6)
        close += [c for c in difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6)
                  if c not in close]
        what = f"{name!r}" + (f" (= {canon!r})" if canon and canon != name else "")
        hint = (f"; closest targets in the data: {', '.join(repr(by_lower[c]) for c in close[:3])}"
                if close else "")
        problems.append(f"no rows {'toward' if noun == 'target' else 'from'} {what}"
                        f"{hint.replace('targets', noun + 's')}")
    if problems:
        raise ConfigError(f"{key}: {'; '.join(problems)} ({_held(counts, noun=noun)})")
    return list(dict.fromkeys(out))  # "USA" and "United States" listed twice: once


# ------------------------------------------------------------------ intervals


def _article_sums(df: pd.DataFrame, weighted: bool,
                  cluster: str = "article_id") -> tuple[np.ndarray, np.ndarray]:
    """Per article (or per value of ``cluster``, e.g. a speaker): [rows, hostile, neutral,
    supportive] sums (labels or probabilities), and the ids they belong to."""
    if cluster not in df.columns:
        raise ConfigError(f"trends.cluster_field {cluster!r} is not a column of the predictions")
    if df[cluster].isna().any():
        raise ConfigError(f"trends.cluster_field {cluster!r}: {int(df[cluster].isna().sum())} rows "
                          "have no value, so they belong to no resampling unit")
    if weighted:
        cols = [f"p_{x}" for x in LABELS]
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise ConfigError(f"trends.weighted needs probability columns {missing}")
        parts = df[cols].to_numpy(dtype=np.float64)
        bad = ~np.isfinite(parts).all(axis=1)
        if bad.any():
            raise ConfigError(f"trends.weighted: {int(bad.sum())} rows have a missing or non-finite "
                              f"probability in {cols} (e.g. article {df['article_id'].iloc[int(np.argmax(bad))]!r})")
    else:
        parts = np.stack([(df["label"] == x).to_numpy(dtype=np.float64) for x in LABELS], axis=1)
    codes, uniques = pd.factorize(df[cluster], sort=False)
    sums = np.zeros((len(uniques), 4))
    np.add.at(sums[:, 0], codes, 1.0)
    for k in range(3):
        np.add.at(sums[:, k + 1], codes, parts[:, k])
    return sums, np.asarray(uniques)


def _boot_totals(sums: np.ndarray, n_boot: int, rng: np.random.Generator,
                 block: int = 200) -> np.ndarray:
    """Totals of ``n_boot`` article resamples: (n_boot, 4)."""
    n = len(sums)
    out = np.empty((n_boot, sums.shape[1]))
    for b0 in range(0, n_boot, block):
        b1 = min(n_boot, b0 + block)
        idx = rng.integers(0, n, size=(b1 - b0, n))
        out[b0:b1] = sums[idx].sum(axis=1)
    return out


def _stats(totals: np.ndarray) -> dict[str, np.ndarray]:
    rows = np.maximum(totals[..., 0], 1e-12)
    shares = {x: totals[..., k + 1] / rows for k, x in enumerate(LABELS)}
    shares["index"] = (totals[..., 3] - totals[..., 1]) / rows
    return shares


def _se(boot: np.ndarray, n: int) -> float:
    """The standard error of a statistic from its article resamples, with the n/(n-1) a plug-in
    variance lacks (it matters at a handful of articles)."""
    return float(np.std(boot, ddof=1) * math.sqrt(n / (n - 1)))


def _t(level: float, dof: float) -> float:
    from scipy.stats import t

    return float(t.ppf(1 - (1 - level) / 2, dof))


def _two_sided_p(stat: float, dof: float) -> float:
    from scipy.stats import t

    return float(2 * t.sf(abs(stat), dof))


def _point(sums: np.ndarray) -> dict[str, float]:
    """The shares and the index of a cell (or a side) from its per-article sums."""
    return {k: float(v) for k, v in _stats(sums.sum(axis=0)).items()}


def _low_n(rec: dict[str, Any], min_articles: int) -> bool:
    """Fewer articles, or fewer resampled clusters, than ``min_articles``."""
    return min(rec["articles"], rec.get("clusters", rec["articles"])) < min_articles


def _zero_spread_bound(n: int, level: float) -> float:
    """How far a share could be from what n articles that all agree show: the exact
    (Clopper-Pearson) one-sided bound for none of n articles differing, 1 - (alpha/2)^(1/n)."""
    return 1 - ((1 - level) / 2) ** (1 / n)


def _interval(name: str, point: dict[str, float], se: float, n: int, level: float) -> tuple[float, float]:
    """A ``level`` interval for one statistic of a cell: point +- t(n-1) * se, inside the
    statistic's range. When every resample gives the same value (every article the same mix,
    e.g. all supportive) se is 0, and a percentile or t interval would be a point; the exact
    bound on articles stands in (40 articles, all supportive: a supportive share of [0.91, 1],
    not [1, 1])."""
    value = point[name]
    lo_lim, hi_lim = (-1.0, 1.0) if name == "index" else (0.0, 1.0)
    if se > 1e-12:
        half = _t(level, n - 1) * se
        return max(lo_lim, value - half), min(hi_lim, value + half)
    u = _zero_spread_bound(n, level)
    if name == "index":  # as far as a share u of rows turning hostile or supportive moves it
        return (max(-1.0, value - u * (1 + point["supportive"])),
                min(1.0, value + u * (1 + point["hostile"])))
    return max(0.0, value - u), min(1.0, value + u)


def cell_summary(df: pd.DataFrame, n_boot: int, rng: np.random.Generator,
                 weighted: bool = False, level: float = 0.95,
                 cluster: str = "article_id") -> dict[str, Any]:
    """Rows, articles, label shares and the net index, each with a ``level`` interval, for one
    cell. The interval is the estimate +- a t quantile (n - 1 degrees of freedom, n articles)
    times its standard error over article resamples: a percentile bootstrap covers far less
    than 95% at a handful of articles (about 85% at 5, 50% at 2), this about 94% from 3 on.
    With ``cluster`` another column (a speaker), its values are resampled instead, and
    ``clusters`` counts them."""
    sums, _ = _article_sums(df, weighted, cluster)
    n = len(sums)
    point = _point(sums)
    out: dict[str, Any] = {"rows": len(df), "articles": n if cluster == "article_id" else int(df["article_id"].nunique())}
    if cluster != "article_id":
        out["clusters"] = n
    boot = _stats(_boot_totals(sums, n_boot, rng)) if n_boot > 0 and n >= MIN_ARTICLES_FOR_INTERVAL else None
    for name in (*LABELS, "index"):
        key = name if name == "index" else f"share_{name}"
        out[key] = point[name]
        if n_boot > 0:
            lo, hi = (float("nan"), float("nan")) if boot is None else \
                _interval(name, point, _se(boot[name], n), n, level)
            out[f"{key}_lo"], out[f"{key}_hi"] = lo, hi
    return out


# ------------------------------------------------------------------ tables


def trend_table(df: pd.DataFrame, *, period: str = "year", date_field: str = "date",
                group_by: str | None = None, targets: Sequence[str] = (), min_articles: int = 10,
                n_bootstrap: int = 1000, seed: int = 0, weighted: bool = False,
                cluster_field: str = "article_id") -> pd.DataFrame:
    """One row per target x period (x group): counts, shares, index, 95% intervals, ``low_n``.

    ``targets`` may use aliases ("USA"); a listed target without rows is a ``ConfigError``
    rather than a line silently missing from the table.
    """
    if targets:
        targets = resolve_targets(targets, df["target"])
    data = add_period(df, period, date_field)
    if targets:
        data = data[data["target"].isin(targets)]
        undated = [t for t in targets if not (data["target"] == t).any()]
        if undated:
            raise ConfigError(f"trends.targets: {', '.join(map(repr, undated))} "
                              f"{'has' if len(undated) == 1 else 'have'} rows but none with a "
                              f"usable date in column {date_field!r}")
    keys = ["target", "period"] + ([group_by] if group_by else [])
    if group_by and group_by not in data.columns:
        raise ConfigError(f"trends.group_by '{group_by}' is not a column of the predictions")
    rng = np.random.default_rng(seed)
    records = []
    # dropna=False: rows without a group value form a group of their own, not a silent loss
    for key, cell in data.groupby(keys, sort=True, observed=True, dropna=False):
        rec = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        if group_by and pd.isna(rec[group_by]):
            rec[group_by] = "(missing)"
        rec.update(cell_summary(cell, n_bootstrap, rng, weighted=weighted, cluster=cluster_field))
        rec["low_n"] = _low_n(rec, min_articles)
        records.append(rec)
    table = pd.DataFrame.from_records(records)
    if not table.empty:
        table.insert(2, "period_start", table["period"].map(lambda p: p.start_time))
        table["period"] = table["period"].astype(str)
    table.attrs["undated_rows"] = data.attrs.get("undated_rows", 0)
    return table


def _source_name(value: Any) -> str | None:
    from .targets import canonical_name

    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    try:
        return canonical_name(str(value))
    except KeyError:
        return str(value)


def source_target_table(df: pd.DataFrame, source_field: str, *, targets: Sequence[str] = (),
                        include_self: bool = False, min_articles: int = 10,
                        n_bootstrap: int = 1000, seed: int = 0, weighted: bool = False,
                        cluster_field: str = "article_id") -> pd.DataFrame:
    """Who toward whom: one row per (source, target) with the index and its interval.

    ``source_field`` holds the source country (e.g. the UN corpus's ``speaker_country``,
    ISO codes or names); self-mentions are excluded unless ``include_self``.
    """
    if source_field not in df.columns:
        raise ConfigError(f"trends.source_field '{source_field}' is not a column of the predictions")
    data = df.copy()
    names = {v: _source_name(v) for v in data[source_field].dropna().unique()}
    data["source"] = data[source_field].map(names)
    data = data[data["source"].notna()]
    if targets:
        targets = resolve_targets(targets, df["target"])
    if not include_self:
        data = data[data["source"] != data["target"]]
    if targets:
        data = data[data["target"].isin(targets)]
    rng = np.random.default_rng(seed)
    records = []
    for (source, target), cell in data.groupby(["source", "target"], sort=True):
        rec = {"source": source, "target": target}
        rec.update(cell_summary(cell, n_bootstrap, rng, weighted=weighted, cluster=cluster_field))
        rec["low_n"] = _low_n(rec, min_articles)
        records.append(rec)
    return pd.DataFrame.from_records(records)


@dataclass
class Difference:
    """The change in the index toward ``target`` from selection a to selection b.

    ``lo``/``hi`` (95%) and ``p_value`` are NaN when a side has fewer than
    ``MIN_ARTICLES_FOR_INTERVAL`` articles (as in the trend tables), and everything is NaN when
    a side has no rows; ``reason`` says why. One comparison's test: with several, see
    ``holm`` for the family.
    """

    target: str
    a: str
    b: str
    index_a: float
    index_b: float
    diff: float  # index_b - index_a
    lo: float
    hi: float
    articles_a: int
    articles_b: int
    reason: str = ""
    p_value: float = float("nan")  # two-sided, of the Welch t test behind lo/hi

    @classmethod
    def not_computable(cls, target: str, a: str, b: str, articles_a: int, articles_b: int,
                       reason: str) -> Difference:
        """A comparison with a side that has no rows toward the target: no numbers, a reason."""
        nan = float("nan")
        return cls(target, a, b, nan, nan, nan, nan, nan, articles_a, articles_b,
                   f"not computable: {reason}")

    @property
    def computable(self) -> bool:
        """Both sides have rows, so there is a difference (perhaps without an interval)."""
        return not math.isnan(self.diff)

    @property
    def has_interval(self) -> bool:
        return not (math.isnan(self.lo) or math.isnan(self.hi))

    @property
    def significant(self) -> bool:
        """The 95% interval of the difference excludes zero (never without an interval)."""
        return self.has_interval and (self.lo > 0 or self.hi < 0)


def compare(df: pd.DataFrame, target: str, a: pd.Series, b: pd.Series, *, a_name: str = "a",
            b_name: str = "b", n_bootstrap: int = 2000, seed: int = 0,
            weighted: bool = False, cluster_field: str = "article_id") -> Difference:
    """The change in the index toward ``target`` from selection ``a`` to ``b`` (boolean masks
    over ``df``), with a 95% interval and a p-value from Welch's t test, each side's standard
    error from resampling its articles (under no change it calls 4-6% of cases significant
    from 3 articles a side on).

    A target the rows never name is a ``ConfigError``; a side without rows toward it gives a
    Difference that is not ``computable``, and a side with a single article one without an
    interval (never ``significant``); ``reason`` says which.
    """
    target = resolve_targets([target], df["target"], key="compare")[0]
    rows_t = df["target"] == target
    sa, sb = df[rows_t & a], df[rows_t & b]
    nan = float("nan")
    empty = [name for name, side in ((a_name, sa), (b_name, sb)) if side.empty]
    if empty:
        # a missing period is a fact about the data, not a broken config: report it, go on
        return Difference.not_computable(target, a_name, b_name, int(sa["article_id"].nunique()),
                                         int(sb["article_id"].nunique()),
                                         f"no rows toward {target!r} in {' or '.join(empty)}")
    rng = np.random.default_rng(seed)
    sums_a, ids_a = _article_sums(sa, weighted, cluster_field)
    sums_b, ids_b = _article_sums(sb, weighted, cluster_field)
    pa, pb = _point(sums_a), _point(sums_b)
    ia, ib = pa["index"], pb["index"]
    n_art = int(sa["article_id"].nunique()), int(sb["article_id"].nunique())
    unit = "article" if cluster_field == "article_id" else f"{cluster_field} value"
    few = [f"{n} {unit} in {name}" for name, n in ((a_name, len(sums_a)), (b_name, len(sums_b)))
           if n < MIN_ARTICLES_FOR_INTERVAL]
    if n_bootstrap < 2:
        return Difference(target, a_name, b_name, ia, ib, ib - ia, nan, nan, *n_art,
                          f"no interval: n_bootstrap={n_bootstrap} (a standard error needs >= 2 resamples)")
    if few:
        # the same rule as the trend tables: one article says nothing about the spread
        return Difference(target, a_name, b_name, ia, ib, ib - ia, nan, nan, *n_art,
                          f"no interval: only {' and '.join(few)} (an interval needs "
                          f">= {MIN_ARTICLES_FOR_INTERVAL} per side)")
    shared = len(set(ids_a.tolist()) & set(ids_b.tolist()))
    if shared:
        log.warning("compare %s: %d %s(s) are on both sides (%s, %s); the test takes the sides "
                    "as independent, which makes it conservative", target, shared, unit, a_name, b_name)
    # Welch's t test on the two indices, each with its article-resample standard error; a
    # side whose articles all agree (se 0) counts with the exact bound's spread instead
    ses = []
    for sums, point in ((sums_a, pa), (sums_b, pb)):
        n = len(sums)
        se = _se(_stats(_boot_totals(sums, n_bootstrap, rng))["index"], n)
        if se <= 1e-12:
            lo, hi = _interval("index", point, 0.0, n, 0.95)
            se = (hi - lo) / (2 * _t(0.95, n - 1))
        ses.append((se, n))
    var = sum(se * se for se, _ in ses)
    dof = var * var / sum(se ** 4 / (n - 1) for se, n in ses)
    half = _t(0.95, dof) * math.sqrt(var)
    p = _two_sided_p((ib - ia) / math.sqrt(var), dof)
    # two indices in [-1, 1] differ by at most 2
    return Difference(target, a_name, b_name, ia, ib, ib - ia, max(-2.0, ib - ia - half),
                      min(2.0, ib - ia + half), *n_art, p_value=p)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values for a family of tests (NaN stays NaN and is not counted): a
    change is significant for the family when its adjusted p-value is below 0.05."""
    finite = sorted((p, i) for i, p in enumerate(p_values) if not math.isnan(p))
    out = [float("nan")] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(finite):
        running = max(running, min(1.0, (len(finite) - rank) * p))
        out[i] = running
    return out


def _parse_bound(value: Any, what: str) -> pd.Period:
    try:
        return pd.Period(str(value))
    except (ValueError, TypeError) as err:
        raise ConfigError(f"{what}: {value!r} is not an ISO date such as '2014' or "
                          f"'2014-03-31' ({err})") from None


def compare_periods(df: pd.DataFrame, target: str, a: tuple[str, str], b: tuple[str, str], *,
                    date_field: str = "date", **kw: Any) -> Difference:
    """``compare`` for two date ranges given as inclusive ISO bounds, e.g. ("2010", "2013-12-31")."""
    if date_field not in df.columns:
        raise ConfigError(f"no date column '{date_field}' in the predictions "
                          f"(columns: {list(df.columns)}); set trends.date_field")
    raw = df[date_field].astype("string")
    dates = parse_dates(raw)
    # a row dated only "2015" or "2015-07" spans that year or month: a bound inside the span
    # would put the whole of it on one side
    coarse = raw.str.fullmatch(r"\d{4}(?:-\d{2})?").fillna(False).to_numpy()
    spans = {v: (pd.Period(v).start_time, pd.Period(v).end_time) for v in raw[coarse].unique()}

    def between(lo: str, hi: str) -> pd.Series:
        start = _parse_bound(lo, "comparison bound").start_time
        end = _parse_bound(hi, "comparison bound").end_time
        cut = [v for v, (s0, s1) in spans.items() if s0 < start <= s1 or s0 <= end < s1]
        if cut:
            raise ConfigError(f"comparison {lo}..{hi}: rows dated only {cut[0]!r} (and "
                              f"{len(cut) - 1} more such dates) span a bound of it; use bounds at "
                              f"the edges of a year (or month) for dates that coarse")
        return (dates >= start) & (dates <= end)

    d = compare(df, target, between(*a), between(*b), a_name=f"{a[0]}..{a[1]}",
                b_name=f"{b[0]}..{b[1]}", **kw)
    if not d.computable:
        # say what the data does hold, so a wrong range is easy to see
        held = dates[(df["target"] == d.target).to_numpy() & dates.notna().to_numpy()]
        d.reason += (f" (its dated rows span {held.min():%Y-%m-%d}..{held.max():%Y-%m-%d})"
                     if len(held) else f" (none of its rows has a usable {date_field!r})")
    return d


# ------------------------------------------------------------------ plots


def _plt():
    import matplotlib

    # Headless by default, but keep a notebook's inline backend so its figures show.
    if not matplotlib.get_backend().startswith("module://"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_index(table: pd.DataFrame, targets: Sequence[str] = (), group: str | None = None,
               title: str | None = None, ax: Any = None) -> Any:
    """Net stance index over time per target, with 95% interval bands; low-n cells hollow."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5), dpi=110)
    data = table if not targets else table[table["target"].isin(list(targets))]
    series_keys = ["target"] + ([group] if group else [])
    for key, s in data.groupby(series_keys, sort=True):
        s = s.sort_values("period_start")
        x = pd.DatetimeIndex(s["period_start"])
        label = " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        (line,) = ax.plot(x, s["index"], marker="o", ms=3.5, lw=1.4,
                          label=f"{label} ({int(s['articles'].sum())} articles)")
        if "index_lo" in s:
            ax.fill_between(x, s["index_lo"], s["index_hi"], color=line.get_color(), alpha=0.18,
                            lw=0)
        low = s["low_n"].to_numpy(dtype=bool)
        if low.any():
            ax.scatter(x[low], s["index"][low], s=30, facecolors="white",
                       edgecolors=line.get_color(), zorder=3)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("net stance index\n(supportive - hostile) / rows")
    ax.set_xlabel("period")
    n_art = int(data["articles"].sum())
    ax.set_title(title or f"Stance toward each target over time, 95% bands over articles "
                 f"({n_art} article-target cells; hollow = few articles)", fontsize=10)
    ax.legend(fontsize=8, loc="best")
    return ax


def plot_shares(table: pd.DataFrame, target: str, ax: Any = None) -> Any:
    """Label shares over time for one target, stacked."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8), dpi=110)
    s = table[table["target"] == target].sort_values("period_start")
    if s.empty:
        raise ValueError(f"no rows for target {target!r}")
    if s["period"].duplicated().any():
        raise ValueError("plot_shares needs a table without groups (trend_table(group_by=None))")
    x = pd.DatetimeIndex(s["period_start"])
    colors = {"hostile": "#c0392b", "neutral": "#bdc3c7", "supportive": "#27ae60"}
    ax.stackplot(x, *[s[f"share_{k}"] for k in LABELS], labels=list(LABELS),
                 colors=[colors[k] for k in LABELS], alpha=0.9)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of rows")
    ax.set_xlabel("period")
    ax.set_title(f"Label shares toward {target} ({int(s['articles'].sum())} articles, "
                 f"{int(s['rows'].sum())} rows)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    return ax


def plot_heatmap(st: pd.DataFrame, sources: Sequence[str] = (), targets: Sequence[str] = (),
                 min_articles: int = 1, ax: Any = None, include_self: bool = False) -> Any:
    """Who toward whom: the index of each source (rows) toward each target (columns)."""
    plt = _plt()
    data = st[st["articles"] >= min_articles]
    if sources:
        data = data[data["source"].isin(list(sources))]
    if targets:
        data = data[data["target"].isin(list(targets))]
    grid = data.pivot(index="source", columns="target", values="index")
    counts = data.pivot(index="source", columns="target", values="articles")
    if ax is None:
        _, ax = plt.subplots(figsize=(max(7.0, 3.5 + 1.1 * len(grid.columns)),
                                      1.8 + 0.34 * max(len(grid.index), 3)), dpi=110)
    values = grid.to_numpy(dtype=float)
    im = ax.imshow(values, cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto")
    if values.size <= 600:  # the index and its article count in each cell, while readable
        for (i, j), v in np.ndenumerate(values):
            if not np.isnan(v):
                ax.text(j, i, f"{v:+.2f}\n({int(counts.iat[i, j])})", ha="center", va="center",
                        fontsize=6.5)
    ax.set_xticks(range(len(grid.columns)), grid.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(grid.index)), grid.index, fontsize=8)
    ax.set_xlabel("target")
    ax.set_ylabel("source")
    ax.set_title(f"Who toward whom: net stance index, (articles) in each cell\n"
                 f"{int(data['articles'].sum())} source-target article cells; cells with "
                 f">= {min_articles} articles; self-mentions "
                 f"{'included' if include_self else 'excluded'}", fontsize=9)
    plt.colorbar(im, ax=ax, fraction=0.04, label="(supportive - hostile) / rows")
    return ax


# ------------------------------------------------------------------ the command


def _where(df: pd.DataFrame, where: dict[str, Any], key: str = "trends.where") -> pd.DataFrame:
    """The rows whose column holds the given value, or one of the given values."""
    for column, value in where.items():
        if column not in df.columns:
            raise ConfigError(f"{key}: where names column {column!r}, which the "
                              f"rows do not have (columns: {', '.join(df.columns)})")
        values = [str(value)] if isinstance(value, str | int) else [str(v) for v in value]
        df = df[df[column].astype("string").isin(values)]
    return df


def _finder(cfg: Any) -> Any:
    """The run's own mention finder when it adds alias files (custom targets), else None
    (the packaged gazetteer, built once and cached)."""
    targets_cfg = getattr(cfg, "targets", None)
    if targets_cfg is None or not targets_cfg.get("alias_files"):
        return None
    from .targets import MentionFinder

    return MentionFinder(targets_cfg)


def _comparison_jobs(df: pd.DataFrame, tc: Any, finder: Any) -> list[dict[str, Any]]:
    """Every comparison checked before anything is written: its where columns, its date
    bounds and its target (which the rows must name somewhere)."""
    jobs = []
    for i, c in enumerate(tc.comparisons):
        key = f"trends.comparisons[{i}]"
        # plain values (an OmegaConf list is not JSON): the where is written to comparisons.csv
        where = {k: v if isinstance(v, str | int) else [str(x) for x in v] for k, v in c.where.items()}
        for name in ("a_from", "a_to", "b_from", "b_to"):
            _parse_bound(c[name], f"{key}.{name}")
        rows = _where(df, where, key)
        target = resolve_targets([c.target], df["target"], key=f"{key}.target", finder=finder)[0]
        jobs.append({"target": target, "where": where, "rows": rows,
                     "a": (str(c.a_from), str(c.a_to)), "b": (str(c.b_from), str(c.b_to))})
    return jobs


def run_trends(cfg: Any) -> Path:
    """``countrystance trends``: tables (CSV + Parquet) and standard plots (PNG).

    Everything that can fail on the config or the data (inputs, targets, comparisons) is
    checked and computed before the output folder is touched, so a failed run leaves no
    partial outputs behind.
    """
    require(cfg, "trends.input", "trends.output_dir")
    tc = cfg.trends
    plt = _plt()
    df = load_rows(tc.input)
    if df.empty or "target" not in df.columns:
        raise ConfigError(f"trends.input {tc.input}: no prediction rows (an empty run, or not "
                          "prediction output: no 'target' column)")
    if tc.where:
        df = _where(df, dict(tc.where))
        if df.empty:
            raise ConfigError(f"trends.where {dict(tc.where)} leaves no rows")
    finder = _finder(cfg)
    targets = resolve_targets(list(tc.targets), df["target"], finder=finder) if tc.targets else []
    jobs = _comparison_jobs(df, tc, finder)
    table = trend_table(df, period=tc.period, date_field=tc.date_field, group_by=tc.group_by,
                        targets=targets, min_articles=tc.min_articles,
                        n_bootstrap=tc.n_bootstrap, seed=tc.seed, weighted=tc.weighted,
                        cluster_field=tc.cluster_field)
    if table.empty:
        raise ConfigError(f"no rows left to aggregate: none of the {len(df)} rows has a usable "
                          f"date in column {tc.date_field!r} (set trends.date_field)")
    shown = targets or list(table.groupby("target")["articles"].sum().nlargest(6).index)
    overall = table if not tc.group_by else trend_table(
        df, period=tc.period, date_field=tc.date_field, targets=shown,
        min_articles=tc.min_articles, n_bootstrap=0, weighted=tc.weighted)
    st = None
    if tc.source_field:
        st = source_target_table(df, tc.source_field, targets=targets,
                                 include_self=tc.include_self_mentions,
                                 min_articles=tc.min_articles, n_bootstrap=tc.n_bootstrap,
                                 seed=tc.seed, weighted=tc.weighted, cluster_field=tc.cluster_field)
        if st.empty:
            raise ConfigError(f"trends.source_field {tc.source_field!r}: no row has a source "
                              "other than its target (every row a self-mention or without a "
                              "source); set trends.include_self_mentions=true or drop source_field")
        # the heatmap's rows, checked like targets ("USA" -> "United States") before any output
        top_sources = (resolve_targets(list(tc.sources), st["source"], key="trends.sources",
                                       finder=finder, noun="source") if tc.sources
                       else list(st.groupby("source")["articles"].sum().nlargest(25).index))
    comp = None
    if jobs:
        records = []
        for job in jobs:
            rows = job["rows"]
            if not (rows["target"] == job["target"]).any():
                # the target exists, but not where this comparison looks: report, don't crash
                d = Difference.not_computable(
                    job["target"], f"{job['a'][0]}..{job['a'][1]}", f"{job['b'][0]}..{job['b'][1]}",
                    0, 0, f"no rows toward {job['target']!r} where {json.dumps(job['where'])}")
            else:
                d = compare_periods(rows, job["target"], job["a"], job["b"],
                                    date_field=tc.date_field,
                                    n_bootstrap=max(tc.n_bootstrap, 1000), seed=tc.seed,
                                    weighted=tc.weighted, cluster_field=tc.cluster_field)
            if d.reason:
                log.warning("comparison %s %s -> %s: %s", d.target, d.a, d.b, d.reason)
            # a side too small for any interval is low-n whatever trends.min_articles says
            records.append({**d.__dict__, "where": json.dumps(job["where"]) if job["where"] else "",
                            "computable": d.computable, "significant": d.significant,
                            "low_n": (not d.has_interval
                                      or min(d.articles_a, d.articles_b) < tc.min_articles)})
        comp = pd.DataFrame(records)
        # several comparisons are several chances of a false "significant": the family's view
        comp["p_holm"] = holm(comp["p_value"].tolist())
        comp["significant_holm"] = comp["p_holm"] < 0.05

    out = Path(tc.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    save_config(cfg, out / "config.yaml")
    table.to_csv(out / "trends.csv", index=False)
    table.to_parquet(out / "trends.parquet", index=False)
    ax = plot_index(table, shown, group=tc.group_by)
    ax.figure.tight_layout()
    ax.figure.savefig(out / "index_over_time.png")
    plt.close(ax.figure)
    for target in shown:
        ax = plot_shares(overall, target)
        ax.figure.tight_layout()
        ax.figure.savefig(out / f"shares_{target.replace(' ', '_')}.png")
        plt.close(ax.figure)
    summary: dict[str, Any] = {"rows": len(df), "undated_rows": table.attrs.get("undated_rows", 0),
                               "cells": len(table), "low_n_cells": int(table["low_n"].sum())}
    if st is not None:
        st.to_csv(out / "source_target.csv", index=False)
        st.to_parquet(out / "source_target.parquet", index=False)
        ax = plot_heatmap(st, sources=top_sources, targets=shown, min_articles=tc.min_articles,
                          include_self=tc.include_self_mentions)
        ax.figure.tight_layout()
        ax.figure.savefig(out / "who_toward_whom.png")
        plt.close(ax.figure)
        summary["source_target_cells"] = len(st)
    if comp is not None:
        comp.to_csv(out / "comparisons.csv", index=False)
        # NaN (no interval, not computable) as null: summary.json stays strict JSON
        summary["comparisons"] = comp.astype(object).where(comp.notna(), None).to_dict(orient="records")
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n",
                                      encoding="utf-8")
    return out
