"""Turn the annotation rounds into the project's reference files (data/real/).

Inputs (kept outside the project, since they hold corpus text): the sampled pairs
(`pairs.jsonl`, from scripts/sample_for_annotation.py), two blind label passes per
batch (`labels/batch_NN_A.jsonl`, `labels/batch_NN_B.jsonl`) and the adjudication of
every disagreement (`labels/adjudicated_*.jsonl`). Output: references only (document
id, sentence offsets in the normalised text, sentence hash, target, spans, label),
split into train/dev/test by document and near-duplicate group, then checked by
loading every file back against the corpus.

    python scripts/build_references.py --annot /path/to/annotation --out data/real

A later round drawn from train-side documents only (its sampler excluded every dev/test
document and near-duplicate) goes to train whole, next to the first round's files:

    python scripts/build_references.py --annot /path/to/round2 --out data/real/round2 --train-only
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from countrystance.annotate import cohen_kappa
from countrystance.data import read_refs, sentence_hash
from countrystance.labels import STANCE_LABELS, LabelSet
from countrystance.splits import assign_splits, group_ids

CORPORA = {
    "ungdc": "../shared/data/ungdc/speeches.jsonl.gz",
    "headlines": "../shared/data/worldnews_headlines/headlines.jsonl.gz",
}
FRACTIONS = {"train": 0.7, "dev": 0.15, "test": 0.15}


def _corpus(pair: dict) -> str:
    """The corpus a pair comes from: its ``corpus`` field, else its id's first letter."""
    return pair.get("corpus") or ("ungdc" if pair["short_id"].startswith("u") else "headlines")


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annot", required=True)
    ap.add_argument("--out", default="data/real")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--train-only", action="store_true",
                    help="every pair goes to train (a round sampled from train-side documents)")
    args = ap.parse_args()
    annot, out = Path(args.annot), Path(args.out)
    fractions = {"train": 1.0} if args.train_only else FRACTIONS
    out.mkdir(parents=True, exist_ok=True)

    pairs = {p["short_id"]: p for p in _jsonl(annot / "pairs.jsonl")}
    a, b = {}, {}
    for f in sorted((annot / "labels").glob("batch_*_A.jsonl")):
        a.update({r["item_id"]: r["label"] for r in _jsonl(f)})
    for f in sorted((annot / "labels").glob("batch_*_B.jsonl")):
        b.update({r["item_id"]: r["label"] for r in _jsonl(f)})
    adjudicated = {}
    for f in sorted((annot / "labels").glob("adjudicated_*.jsonl")):
        adjudicated.update({r["item_id"]: r["label"] for r in _jsonl(f)})
    if set(a) != set(pairs) or set(b) != set(pairs):
        raise SystemExit("every pair needs both label passes")
    missing = [i for i in pairs if a[i] != b[i] and i not in adjudicated]
    if missing:
        raise SystemExit(f"{len(missing)} disagreements are not adjudicated, e.g. {missing[:3]}")

    ids = sorted(pairs)
    both_stance = [i for i in ids if a[i] != "not_a_mention" and b[i] != "not_a_mention"]
    agreement = {
        "items": len(ids),
        "raw_agreement": sum(a[i] == b[i] for i in ids) / len(ids),
        "kappa_4_way": cohen_kappa([a[i] for i in ids], [b[i] for i in ids]),
        "kappa_stance_only": cohen_kappa([a[i] for i in both_stance], [b[i] for i in both_stance]),
        "disagreements_adjudicated": sum(a[i] != b[i] for i in ids),
    }
    for corpus in CORPORA:
        sub = [i for i in ids if _corpus(pairs[i]) == corpus]
        agreement[f"kappa_4_way_{corpus}"] = cohen_kappa([a[i] for i in sub], [b[i] for i in sub])

    records = []
    for i in ids:
        p = pairs[i]
        final = a[i] if a[i] == b[i] else adjudicated[i]
        records.append({
            "id": f"{p['short_id']}", "doc_id": p["doc_id"], "sent_start": p["sent_start"],
            "sent_end": p["sent_end"], "sent_sha1": sentence_hash(p["sentence"]),
            "target": p["target"], "spans": p["spans"], "label": final,
            "agreement": "unanimous" if a[i] == b[i] else "adjudicated",
            "_corpus": _corpus(p),
            "_sentence": p["sentence"],
        })
    stats: dict = {"agreement": agreement}
    for corpus, path in CORPORA.items():
        recs = [r for r in records if r["_corpus"] == corpus]
        stance = [r for r in recs if r["label"] != "not_a_mention"]
        groups = group_ids(stance, sentence=lambda r: r["_sentence"], spans=lambda r: r["spans"],
                           keys=lambda r: [f"doc:{r['doc_id']}"])
        splits = assign_splits(groups, [stance[g]["doc_id"] for g in groups], args.seed, fractions)
        for split in fractions:
            rows = [r for r, s in zip(stance, splits, strict=True) if s == split]
            dest = out / f"{corpus}_{split}.jsonl"
            with dest.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps({k: v for k, v in r.items() if not k.startswith("_")},
                                        ensure_ascii=False) + "\n")
            loaded = read_refs(dest, LabelSet.of(STANCE_LABELS), path)  # the round trip
            assert [e.sentence for e in loaded] == [r["_sentence"] for r in rows]
            stats[f"{corpus}_{split}"] = {
                "pairs": len(rows), "documents": len({r["doc_id"] for r in rows}),
                "targets": len({r["target"] for r in rows}),
                "labels": dict(Counter(r["label"] for r in rows)),
            }
        with (out / f"{corpus}_not_a_mention.jsonl").open("w", encoding="utf-8") as fh:
            for r in recs:
                if r["label"] == "not_a_mention":
                    fh.write(json.dumps({k: v for k, v in r.items() if not k.startswith("_")},
                                        ensure_ascii=False) + "\n")
        stats[f"{corpus}_not_a_mention"] = sum(r["label"] == "not_a_mention" for r in recs)
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
