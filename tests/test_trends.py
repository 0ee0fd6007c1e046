"""Trends: article-level bootstrap intervals, low-n flags, who-toward-whom, tested differences."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from countrystance import democorpus
from countrystance.cli import main
from countrystance.config import ConfigError
from countrystance.trends import cell_summary, compare_periods, source_target_table, trend_table

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
