"""Splits keep sentences, near-duplicates, templates and explicit groups together."""

from __future__ import annotations

from countrystance.splits import assign_splits, group_ids, masked_shingles

RECORDS = [
    {"s": "France condemned the strike on the port of Odesa.", "sp": [[0, 6]], "g": "a"},
    {"s": "Germany condemned the strike on the port of Odesa.", "sp": [[0, 7]], "g": "b"},  # template
    {"s": "The summit in Lima ended without a deal.", "sp": [], "g": "c"},
    {"s": "The summit in Lima ended without a deal.", "sp": [], "g": "d"},  # same sentence
    {"s": "Kenya and Ghana signed a trade pact in Accra on Monday.", "sp": [[0, 5]], "g": "e"},
    {"s": "Brazil raised interest rates for the fourth time this year.", "sp": [[0, 6]], "g": "e"},
    {"s": "Norway pledged more aid to Sudan.", "sp": [[0, 6]], "g": "f"},
]


def _groups(records):
    return group_ids(records, sentence=lambda r: r["s"], spans=lambda r: r["sp"],
                     keys=lambda r: [r["g"]])


def test_templates_duplicates_and_explicit_groups_join() -> None:
    g = _groups(RECORDS)
    assert g[0] == g[1]  # same template, other country
    assert g[2] == g[3]  # identical sentence
    assert g[4] == g[5]  # same explicit group
    assert len({g[0], g[2], g[4], g[6]}) == 4  # unrelated sentences stay apart


def test_masking_makes_templates_equal() -> None:
    assert masked_shingles(RECORDS[0]["s"], RECORDS[0]["sp"]) == masked_shingles(
        RECORDS[1]["s"], RECORDS[1]["sp"])


def test_assignment_never_splits_a_group_and_follows_fractions() -> None:
    records = [{"s": f"Sentence number {i} about trade volumes in {i % 7} ports.", "sp": [],
                "g": f"k{i // 3}"} for i in range(300)]
    groups = _groups(records)
    splits = assign_splits(groups, [f"k{i // 3}" for i in range(300)], seed=1,
                           fractions={"train": 0.7, "dev": 0.15, "test": 0.15})
    by_group: dict[int, set[str]] = {}
    for g, s in zip(groups, splits, strict=True):
        by_group.setdefault(g, set()).add(s)
    assert all(len(v) == 1 for v in by_group.values())
    share = {s: splits.count(s) / len(splits) for s in ("train", "dev", "test")}
    assert 0.6 < share["train"] < 0.8 and 0.05 < share["dev"] < 0.25 and 0.05 < share["test"] < 0.25
    again = assign_splits(groups, [f"k{i // 3}" for i in range(300)], seed=1,
                          fractions={"train": 0.7, "dev": 0.15, "test": 0.15})
    assert again == splits  # deterministic
