"""Split the project's written examples (data/written/raw/*.jsonl) into train/dev/test.

No sentence, near-duplicate or template lands in two splits (countrystance.splits).
Every raw line is validated against the contract first.

    python scripts/split_written.py            # writes data/written/{train,dev,test}.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from countrystance.data import read_contract
from countrystance.labels import STANCE_LABELS, LabelSet
from countrystance.splits import assign_splits, group_ids

FRACTIONS = {"train": 0.7, "dev": 0.15, "test": 0.15}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", default="data/written/raw")
    ap.add_argument("--out", default="data/written")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    labels = LabelSet.of(STANCE_LABELS)
    records: list[dict] = []
    for path in sorted(Path(args.raw).glob("*.jsonl")):
        read_contract(path, labels)  # raises on any invalid line, naming file and line
        with path.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    groups = group_ids(records, sentence=lambda r: r["sentence"],
                       spans=lambda r: r.get("spans") or [[r["start"], r["end"]]],
                       keys=lambda r: [f"group:{r['group']}"] if r.get("group") else [])
    names = [str(records[g].get("group") or records[g]["id"]) for g in groups]
    splits = assign_splits(groups, names, args.seed, FRACTIONS)
    out = Path(args.out)
    for split in FRACTIONS:
        rows = [r for r, s in zip(records, splits, strict=True) if s == split]
        with (out / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        labels_c = Counter(r["label"] for r in rows)
        print(f"{split:5s} {len(rows):5d} examples, {len({r['sentence'] for r in rows}):5d} sentences, "
              f"{len({r['target'] for r in rows}):3d} targets, labels {dict(labels_c)}")
    print(f"{len(set(groups))} groups after joining near-duplicates "
          f"(from {len({r.get('group') for r in records})} written groups)")


if __name__ == "__main__":
    main()
