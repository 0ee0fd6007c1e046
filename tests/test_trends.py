"""Trends: intervals from article resamples, low-n flags, who-toward-whom, tested differences."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from countrystance import democorpus
from countrystance.cli import main
from countrystance.config import ConfigError
from countrystance.trends import (
    MIN_ARTICLES_FOR_INTERVAL,
    cell_summary,
    compare,
    compare_periods,
    holm,
    load_rows,
    resolve_targets,
    source_target_table,
    trend_table,
)

from .conftest import ROOT


@pytest.fixture(scope="module")
def demo_rows() -> pd.DataFrame:
    _, rows = democorpus.build()
    return pd.DataFrame(rows)


def test_demo_shift_is_found_with_an_interval_that_excludes_zero(demo_rows: pd.DataFrame) -> None:
    d = compare_periods(demo_rows, "Russia", ("2019-01-01", "2020-06-30"), ("2020-07-01", "2021-12-31"))
    assert d.diff < -0.4 and d.hi < 0 and d.significant
    flat = compare_periods(demo_rows, "China", ("2019-01-01", "2020-06-30"), ("2020-07-01", "2021-12-31"))
    assert not flat.significant  # no shift was built in for China


def test_trend_table_columns_and_low_n_flags(demo_rows: pd.DataFrame) -> None:
    table = trend_table(demo_rows, period="quarter", min_articles=9, n_bootstrap=200)
    assert {"target", "period", "rows", "articles", "share_hostile", "share_neutral",
            "share_supportive", "index", "index_lo", "index_hi", "low_n"} <= set(table.columns)
    assert (table["index_lo"] <= table["index"] + 1e-9).all()
    assert (table["index"] <= table["index_hi"] + 1e-9).all()
    shares = table[["share_hostile", "share_neutral", "share_supportive"]].sum(axis=1)
    assert np.allclose(shares, 1.0)
    assert (table["low_n"] == (table["articles"] < 9)).all() and table["low_n"].any()
    yearly = trend_table(demo_rows, period="year", group_by="outlet", n_bootstrap=0)
    assert set(yearly["outlet"]) == set(democorpus.OUTLETS)


def test_bootstrap_resamples_articles_not_rows() -> None:
    # One article with 60 hostile rows and 60 one-row neutral articles: rows alone would
    # look precise, but half the evidence sits in a single article.
    rows = [{"article_id": "big", "label": "hostile"}] * 60
    rows += [{"article_id": f"a{i}", "label": "neutral"} for i in range(60)]
    cell = cell_summary(pd.DataFrame(rows), 2000, np.random.default_rng(0))
    assert cell["articles"] == 61 and cell["rows"] == 120
    assert cell["index"] == pytest.approx(-0.5)
    assert cell["index_hi"] - cell["index_lo"] > 0.6  # a row bootstrap would give about 0.17


def test_who_toward_whom_excludes_self_mentions(demo_rows: pd.DataFrame) -> None:
    st = source_target_table(demo_rows, "source_country", n_bootstrap=50)
    assert not ((st["source"] == "Russia") & (st["target"] == "Russia")).any()
    assert "United States" in set(st["source"])  # ISO codes map to canonical names
    with_self = source_target_table(demo_rows, "source_country", include_self=True, n_bootstrap=0)
    assert ((with_self["source"] == "Russia") & (with_self["target"] == "Russia")).any()


def test_year_only_dates_need_yearly_periods() -> None:
    df = pd.DataFrame({"article_id": ["a"], "target": ["Peru"], "label": ["neutral"], "date": ["1991"]})
    assert trend_table(df, period="year", n_bootstrap=0)["period"].tolist() == ["1991"]
    with pytest.raises(ConfigError, match="only a year"):
        trend_table(df, period="month", n_bootstrap=0)


def test_trends_command_writes_tables_plots_and_comparisons(
        demo_rows: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "rows.parquet"
    demo_rows.to_parquet(inp)
    out = tmp_path / "trends"
    assert main(["trends", f"trends.input={inp}", f"trends.output_dir={out}", "trends.period=quarter",
                 "trends.source_field=source_country", "trends.n_bootstrap=100",
                 "trends.min_articles=5", "trends.group_by=outlet",
                 "trends.comparisons=[{target: Russia, a_from: '2019', a_to: '2020-06-30', "
                 "b_from: '2020-07-01', b_to: '2021'}]", "-q"]) == 0
    for name in ("trends.csv", "trends.parquet", "index_over_time.png", "shares_Russia.png",
                 "source_target.csv", "who_toward_whom.png", "comparisons.csv", "config.yaml"):
        assert (out / name).is_file(), name
    comp = pd.read_csv(out / "comparisons.csv")
    assert bool(comp.loc[0, "significant"]) and comp.loc[0, "diff"] < 0
    assert comp.loc[0, "p_value"] < 0.05 and comp.loc[0, "p_holm"] == comp.loc[0, "p_value"]  # one test
    assert bool(comp.loc[0, "significant_holm"])
    # The same comparison restricted to one outlet uses only that outlet's articles.
    one = demo_rows[demo_rows["outlet"] == demo_rows["outlet"].iloc[0]]
    out2 = tmp_path / "trends_where"
    where = "{outlet: '" + str(one["outlet"].iloc[0]) + "'}"
    assert main(["trends", f"trends.input={inp}", f"trends.output_dir={out2}", "trends.n_bootstrap=100",
                 "trends.comparisons=[{target: Russia, a_from: '2019', a_to: '2020-06-30', "
                 f"b_from: '2020-07-01', b_to: '2021', where: {where}}}]", "-q"]) == 0
    comp2 = pd.read_csv(out2 / "comparisons.csv")
    assert bool(comp2.loc[0, "low_n"]) == (min(comp2.loc[0, "articles_a"], comp2.loc[0, "articles_b"]) < 10)
    russia = one[one["target"] == "Russia"]
    assert comp2.loc[0, "articles_a"] + comp2.loc[0, "articles_b"] == russia["article_id"].nunique()
    assert main(["trends", f"trends.input={inp}", f"trends.output_dir={out2}", "trends.n_bootstrap=10",
                 "trends.comparisons=[{target: Russia, a_from: '2019', a_to: '2020', b_from: '2021', "
                 "b_to: '2021', where: {speaker: X}}]", "-q"]) != 0
    assert "where names column 'speaker'" in capsys.readouterr().err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows"] == len(demo_rows)
    # trends.where keeps only the listed sources
    out3 = tmp_path / "trends_sources"
    sources = sorted(demo_rows["source_country"].dropna().unique())[:2]
    assert main(["trends", f"trends.input={inp}", f"trends.output_dir={out3}", "trends.n_bootstrap=10",
                 "trends.group_by=source_country", f"trends.where={{source_country: [{','.join(sources)}]}}",
                 "-q"]) == 0
    assert set(pd.read_csv(out3 / "trends.csv")["source_country"]) == set(sources)


def test_shipped_demo_corpus_matches_the_generator() -> None:
    articles, _rows = democorpus.build()
    shipped = (ROOT / "examples" / "demo_corpus.jsonl").read_text().splitlines()
    assert [json.loads(x) for x in shipped] == articles


# ------------------------------------------------------------------ failures and small samples


def _rows(*articles: tuple[str, str, str, str], **extra: str) -> pd.DataFrame:
    """One prediction row per (article_id, target, label, date)."""
    return pd.DataFrame([{"article_id": a, "target": t, "label": lab, "date": d, **extra}
                         for a, t, lab, d in articles])


@pytest.fixture()
def small_rows() -> pd.DataFrame:
    return _rows(("r1", "Russia", "hostile", "2020-01-05"), ("r2", "Russia", "neutral", "2020-02-05"),
                 ("r3", "Russia", "hostile", "2021-01-05"), ("u1", "United States", "neutral", "2020-01-05"),
                 ("u2", "United States", "supportive", "2021-03-05"))


def _trends(inp: Path, out: Path, *overrides: str) -> int:
    return main(["trends", f"trends.input={inp}", f"trends.output_dir={out}", "trends.n_bootstrap=50",
                 *overrides, "-q"])


def test_listed_target_without_rows_fails_before_writing_anything(
        small_rows: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "rows.parquet"
    small_rows.to_parquet(inp)
    out = tmp_path / "trends"
    assert _trends(inp, out, "trends.targets=[Russia, Narnia]") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: trends.targets: no rows toward 'Narnia'")
    assert "2 target(s): Russia (3 rows), United States (2 rows)" in err  # what the data holds
    assert not out.exists()  # checked up front: no partial outputs
    # a comparison toward a target the rows never name is the same config error
    assert _trends(inp, out, "trends.comparisons=[{target: Narnia, a_from: '2020', a_to: '2020', "
                             "b_from: '2021', b_to: '2021'}]") == 2
    assert "trends.comparisons[0].target: no rows toward 'Narnia'" in capsys.readouterr().err
    assert _trends(inp, out, "trends.comparisons=[{target: Russia, a_from: '2020', a_to: 'spring', "
                             "b_from: '2021', b_to: '2021'}]") == 2
    assert "trends.comparisons[0].a_to: 'spring' is not an ISO date" in capsys.readouterr().err
    assert not out.exists()


def test_target_with_rows_but_no_dates_is_named(small_rows: pd.DataFrame) -> None:
    rows = pd.concat([small_rows, _rows(("c1", "China", "neutral", "not a date"))])
    with pytest.raises(ConfigError, match="'China' has rows but none with a usable date"):
        trend_table(rows, targets=["China"], n_bootstrap=0)


def test_target_aliases_map_to_canonical_names_and_misses_name_the_closest(
        small_rows: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert resolve_targets(["USA", "russia", "United States"], small_rows["target"]) == \
        ["United States", "Russia"]
    table = trend_table(small_rows, targets=["USA"], n_bootstrap=0)
    assert set(table["target"]) == {"United States"}
    with pytest.raises(ConfigError, match="no rows toward 'Rusia'; closest targets in the data: 'Russia'"):
        trend_table(small_rows, targets=["Rusia"], n_bootstrap=0)
    # known to the gazetteer but absent from these rows: the canonical name is shown too
    with pytest.raises(ConfigError, match=r"no rows toward 'PRC' \(= 'China'\)"):
        resolve_targets(["PRC"], small_rows["target"])
    inp = tmp_path / "rows.parquet"
    small_rows.to_parquet(inp)
    out = tmp_path / "trends"
    assert _trends(inp, out, "trends.targets=[USA]") == 0
    assert (out / "shares_United_States.png").is_file()
    assert set(pd.read_csv(out / "trends.csv")["target"]) == {"United States"}


def _unfinished_run(folder: Path, rows: pd.DataFrame) -> Path:
    """What `countrystance predict` leaves when it stops early: shards, run_state.json, no manifest."""
    (folder / "shards").mkdir(parents=True)
    rows.to_parquet(folder / "shards" / "part-00000.parquet")
    (folder / "shards" / "part-00000.done.json").write_text("{}")
    (folder / "run_state.json").write_text(json.dumps({"fingerprint": "x"}))
    (folder / "config.yaml").write_text("predict: {}\n")
    return folder


def test_unfinished_predict_run_is_refused_plain_parquet_folders_are_read(
        small_rows: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _unfinished_run(tmp_path / "runs" / "pred", small_rows)
    for inp in (run, tmp_path / "runs"):  # the run itself, or a folder above it
        with pytest.raises(ConfigError, match="unfinished `countrystance predict` run") as err:
            load_rows(inp)
        assert f"countrystance predict --config {run / 'config.yaml'}" in str(err.value)
    out = tmp_path / "trends"
    assert _trends(run, out) == 2
    assert "1 shard(s) done" in capsys.readouterr().err and not out.exists()
    # once finished (manifest written, run_state gone) it is read through the manifest
    (run / "run_state.json").unlink()
    (run / "manifest.json").write_text(json.dumps({"output": {"shards": ["shards/part-00000.parquet"]}}))
    assert len(load_rows(run)) == len(small_rows)
    # a plain folder of Parquet files, not a predict run, is still read whole
    plain = tmp_path / "plain"
    plain.mkdir()
    small_rows.iloc[:2].to_parquet(plain / "a.parquet")
    small_rows.iloc[2:].to_parquet(plain / "b.parquet")
    assert len(load_rows(plain)) == len(small_rows)


def test_single_article_side_gets_no_interval_and_is_never_significant() -> None:
    # 4 articles (index 0.25) against 1 supportive article: the bootstrap of one article has
    # no spread, so an interval would claim a precision the data cannot give.
    rows = _rows(*[(f"a{i}", "Russia", lab, "2020-01-10")
                   for i, lab in enumerate(["neutral", "neutral", "neutral", "supportive"])],
                 ("b0", "Russia", "supportive", "2021-01-10"))
    d = compare_periods(rows, "Russia", ("2020", "2020"), ("2021", "2021"))
    assert (d.articles_a, d.articles_b) == (4, 1) and d.diff == pytest.approx(0.75)
    assert np.isnan(d.lo) and np.isnan(d.hi) and not d.has_interval and not d.significant
    assert d.computable and "only 1 article in 2021..2021" in d.reason
    assert MIN_ARTICLES_FOR_INTERVAL == 2  # the rule the trend tables use for one cell
    # one more article on the small side and the interval is back
    two = pd.concat([rows, _rows(("b1", "Russia", "neutral", "2021-02-10"))])
    d2 = compare_periods(two, "Russia", ("2020", "2020"), ("2021", "2021"))
    assert d2.has_interval and d2.lo <= d2.diff <= d2.hi and d2.reason == ""


def test_comparison_with_an_empty_side_is_reported_not_raised(
        small_rows: pd.DataFrame, tmp_path: Path) -> None:
    d = compare_periods(small_rows, "USA", ("2010", "2013"), ("2020", "2021"))
    assert d.target == "United States" and not d.computable and not d.significant
    assert d.reason == ("not computable: no rows toward 'United States' in 2010..2013 "
                        "(its dated rows span 2020-01-05..2021-03-05)")
    inp = tmp_path / "rows.parquet"
    small_rows.assign(outlet="x").to_parquet(inp)
    out = tmp_path / "trends"
    assert _trends(inp, out, "trends.min_articles=1", "trends.comparisons=["
                   "{target: Russia, a_from: '2010', a_to: '2013', b_from: '2020', b_to: '2021'}, "
                   "{target: Russia, a_from: '2020', a_to: '2020', b_from: '2021', b_to: '2021'}, "
                   "{target: Russia, a_from: '2020', a_to: '2020', b_from: '2021', b_to: '2021', "
                   "where: {outlet: y}}]") == 0
    comp = pd.read_csv(out / "comparisons.csv", keep_default_na=False)
    assert comp["computable"].tolist() == [False, True, False]
    assert comp.loc[0, "reason"].startswith("not computable: no rows toward 'Russia' in 2010..2013")
    assert comp.loc[2, "reason"] == """not computable: no rows toward 'Russia' where {"outlet": "y"}"""
    # 2 articles vs 1: no interval, flagged low-n even though trends.min_articles=1
    assert comp.loc[1, "reason"].startswith("no interval") and comp.loc[1, "lo"] == ""
    assert comp["low_n"].tolist() == [True, True, True] and not comp["significant"].any()
    summary = json.loads((out / "summary.json").read_text(),
                         parse_constant=lambda c: pytest.fail(f"{c} in summary.json"))
    assert summary["comparisons"][0]["diff"] is None


def test_heatmap_sources_are_resolved_like_targets(demo_rows: pd.DataFrame, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from countrystance.trends import resolve_targets

    st = source_target_table(demo_rows, "source_country", n_bootstrap=0)
    assert resolve_targets(["RUS", "france"], st["source"], noun="source") == ["Russia", "France"]
    inp = tmp_path / "rows.parquet"
    demo_rows.to_parquet(inp)
    out = tmp_path / "trends"
    assert main(["trends", f"trends.input={inp}", f"trends.output_dir={out}", "trends.n_bootstrap=0",
                 "trends.source_field=source_country", "trends.sources=[RUS, Narnia]", "-q"]) != 0
    err = capsys.readouterr().err
    assert "trends.sources: no rows from 'Narnia'" in err and "source(s): " in err
    assert not out.exists()


def test_article_ids_shared_by_two_articles_are_warned_about(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from countrystance.trends import shared_article_ids

    def row(art: str, k: int, start: int, target: str) -> dict:
        return {"article_id": art, "sentence_index": k, "sentence_start": start, "target": target,
                "label": "neutral", "date": "2020-01-05"}

    # a1: two targets in sentence 0 and one in sentence 1, as one article gives them
    one = [row("a1", 0, 0, "Iran"), row("a1", 0, 0, "Iraq"), row("a1", 1, 40, "Iran"), row("b", 0, 0, "Iran")]
    assert shared_article_ids(pd.DataFrame(one)) == []
    # a second article with the id a1: a sentence 1 that starts elsewhere, or the same pair again
    assert shared_article_ids(pd.DataFrame([*one, row("a1", 1, 75, "Chile")])) == ["a1"]
    assert shared_article_ids(pd.DataFrame([*one, row("b", 0, 0, "Iran")])) == ["b"]
    inp = tmp_path / "rows.parquet"
    pd.DataFrame([*one, row("a1", 1, 75, "Chile")]).to_parquet(inp)
    with caplog.at_level("WARNING", logger="countrystance.trends"):
        assert len(load_rows(inp)) == 5  # warned, nothing dropped
    assert "1 article id(s) are carried by more than one article" in caplog.text and "'a1'" in caplog.text
    caplog.clear()
    pd.DataFrame(one).to_parquet(inp)
    with caplog.at_level("WARNING", logger="countrystance.trends"):
        load_rows(inp)
    assert "article id" not in caplog.text



# ------------------------------------------------------------------ calibration


def _simulated(n: int, rng: np.random.Generator, prefix: str = "a") -> pd.DataFrame:
    """n articles of 1 + Poisson(4) rows whose labels agree within an article (each article
    draws its own mix around hostile 0.2, neutral 0.5, supportive 0.3): the index is 0.1."""
    rows = []
    for i in range(n):
        mix = rng.dirichlet([0.6, 1.5, 0.9])
        for label, k in zip(("hostile", "neutral", "supportive"), rng.multinomial(1 + rng.poisson(4), mix), strict=True):
            rows += [{"article_id": f"{prefix}{i}", "label": label, "target": "Peru"}] * int(k)
    return pd.DataFrame(rows)


def test_intervals_over_a_few_articles_cover_the_truth() -> None:
    # a percentile bootstrap over 3 articles covered the index about 76% of the time
    rng = np.random.default_rng(3)
    hits = 0
    for _ in range(200):
        c = cell_summary(_simulated(3, rng), 200, rng)
        hits += c["index_lo"] <= 0.1 <= c["index_hi"]
    assert hits / 200 > 0.88


def test_no_difference_between_few_articles_is_rarely_significant() -> None:
    # with percentile intervals, 3 articles against 3 were "significant" about 19% of the time
    rng = np.random.default_rng(5)
    hits = 0
    for _ in range(200):
        df = pd.concat([_simulated(3, rng, "a"), _simulated(3, rng, "b")], ignore_index=True)
        side_a = df["article_id"].str.startswith("a")
        hits += compare(df, "Peru", side_a, ~side_a, n_bootstrap=200, seed=int(rng.integers(1 << 30))).significant
    assert hits / 200 < 0.11


def test_articles_that_all_agree_still_get_an_interval() -> None:
    rows = pd.DataFrame([{"article_id": f"a{i}", "label": "supportive", "target": "Peru"}
                         for i in range(40) for _ in range(3)])
    c = cell_summary(rows, 200, np.random.default_rng(0))
    u = 1 - 0.025 ** (1 / 40)  # the exact bound for none of 40 articles differing
    assert c["index"] == 1.0 and c["index_hi"] == 1.0 and c["index_lo"] == pytest.approx(1 - 2 * u)
    assert (c["share_hostile_lo"], c["share_hostile_hi"]) == (0.0, pytest.approx(u))
    # a side whose articles all agree adds its exact bound's spread to a comparison: 20 neutral
    # articles against 20 of which 4 hold one hostile row in 5 is no clear change (Fisher's
    # exact test on the articles: p = 0.11), though the all-neutral side alone has se 0
    calm = [{"article_id": f"a{i}", "label": "neutral", "target": "Peru"} for i in range(20) for _ in range(5)]
    tense = [{"article_id": f"b{i}", "label": "hostile" if i < 4 and k == 0 else "neutral", "target": "Peru"}
             for i in range(20) for k in range(5)]
    both = pd.DataFrame(calm + tense)
    side_a = both["article_id"].str.startswith("a")
    d = compare(both, "Peru", side_a, ~side_a)
    assert d.diff == pytest.approx(-0.04) and not d.significant and d.p_value > 0.05


def test_a_comparison_without_resamples_has_no_interval() -> None:
    df = pd.concat([_simulated(5, np.random.default_rng(1), "a"), _simulated(5, np.random.default_rng(2), "b")])
    side_a = df["article_id"].str.startswith("a")
    d = compare(df, "Peru", side_a, ~side_a, n_bootstrap=0)
    assert d.computable and not d.has_interval and not d.significant and "n_bootstrap=0" in d.reason


def test_holm_adjusts_a_family_of_p_values() -> None:
    assert holm([0.01, 0.04, float("nan"), 0.03]) == pytest.approx([0.03, 0.06, float("nan"), 0.06], nan_ok=True)
    assert holm([]) == []


def test_dates_with_offsets_months_and_years_are_bucketed_or_refused() -> None:
    df = _rows(("a", "Peru", "hostile", "2016-07-01T23:30:00+05:00"), ("b", "Peru", "neutral", "2016-07-02"),
               ("c", "Peru", "supportive", "2016-07-03T01:00:00-04:00"), ("d", "Peru", "neutral", "2016-08-01"))
    table = trend_table(df, period="month", n_bootstrap=0)  # mixed time zones used to crash
    assert table["period"].tolist() == ["2016-07", "2016-08"] and table["rows"].tolist() == [3, 1]
    d = compare_periods(df, "Peru", ("2016-07-01", "2016-07-31"), ("2016-08-01", "2016-08-31"))
    assert (d.articles_a, d.articles_b) == (3, 1)
    months = _rows(("a", "Peru", "hostile", "2016-07"), ("b", "Peru", "neutral", "2016-07-02"))
    with pytest.raises(ConfigError, match="only a year and month"):
        trend_table(months, period="week", n_bootstrap=0)
    years = _rows(("a", "Peru", "hostile", "2015"), ("b", "Peru", "neutral", "2016"))
    with pytest.raises(ConfigError, match="dated only '2015'.*span a bound"):
        compare_periods(years, "Peru", ("2014-07-01", "2015-06-30"), ("2015-07-01", "2016-06-30"))
    assert compare_periods(years, "Peru", ("2015", "2015"), ("2016", "2016")).computable


def test_rows_without_a_group_value_form_their_own_group() -> None:
    df = _rows(("a", "Peru", "hostile", "2016"), ("b", "Peru", "neutral", "2016"))
    df["outlet"] = ["Daily", None]
    table = trend_table(df, period="year", group_by="outlet", n_bootstrap=0)
    assert sorted(table["outlet"]) == ["(missing)", "Daily"] and table["rows"].sum() == 2


def test_weighted_trends_refuse_missing_probabilities() -> None:
    df = _rows(("a", "Peru", "hostile", "2016"), ("b", "Peru", "neutral", "2016"))
    df["p_hostile"], df["p_neutral"], df["p_supportive"] = [0.7, np.nan], [0.2, 0.5], [0.1, 0.5]
    with pytest.raises(ConfigError, match="1 rows have a missing or non-finite probability.*'b'"):
        trend_table(df, period="year", n_bootstrap=0, weighted=True)


def test_a_source_table_with_only_self_mentions_is_a_config_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "rows.parquet"
    _rows(("a", "Peru", "hostile", "2016"), ("b", "Peru", "neutral", "2017"), source_country="PER").to_parquet(inp)
    assert _trends(inp, tmp_path / "out", "trends.source_field=source_country") == 2
    assert "no row has a source other than its target" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_resampling_speakers_instead_of_speeches(tmp_path: Path) -> None:
    # three states, eight speeches each, every speech of a state in one tone: 24 speeches
    # look like plenty, but there are three independent voices
    tone = {"A": "supportive", "B": "hostile", "C": "neutral", "D": "supportive"}
    rows = pd.DataFrame([{"article_id": f"{spk}{i}", "speaker": spk, "label": tone[spk], "target": "Peru",
                          "date": str(2000 + i)} for spk in "ABCD" for i in range(8) for _ in range(2)])
    by_speech = cell_summary(rows, 500, np.random.default_rng(0))
    by_speaker = cell_summary(rows, 500, np.random.default_rng(0), cluster="speaker")
    assert by_speech["articles"] == by_speaker["articles"] == 32 and by_speaker["clusters"] == 4
    assert (by_speaker["index_hi"] - by_speaker["index_lo"]) > 2 * (by_speech["index_hi"] - by_speech["index_lo"])
    table = trend_table(rows, period="year", n_bootstrap=50, cluster_field="speaker", min_articles=3)
    assert table["clusters"].eq(4).all() and not table["low_n"].any()
    side_a = rows["date"] < "2004"
    d = compare(rows, "Peru", side_a, ~side_a, cluster_field="speaker")
    assert (d.articles_a, d.articles_b) == (16, 16) and d.has_interval
    with pytest.raises(ConfigError, match="trends.cluster_field 'outlet' is not a column"):
        cell_summary(rows, 10, np.random.default_rng(0), cluster="outlet")
