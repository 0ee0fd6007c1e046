"""Draw (sentence, target) pairs from a public corpus for annotation.

The pool it writes holds the sentence text, so it belongs OUTSIDE the project (or
in a git-ignored folder): the project keeps only references (see data/README.md).

    python scripts/sample_for_annotation.py --corpus ../shared/data/ungdc/speeches.jsonl.gz \
        --kind ungdc --per-period 22 --n-pairs 3400 --seed 13 --out /tmp/ungdc_pool.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from countrystance.annotate import candidate_dict, candidates, pick_documents, sample_pairs
from countrystance.targets import MentionFinder

PERIOD = {
    "ungdc": lambda rec: str(rec["year"]),
    "headlines": lambda rec: str(rec["date"])[:4],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--kind", choices=sorted(PERIOD), required=True)
    ap.add_argument("--per-period", type=int, default=22, help="documents drawn per year")
    ap.add_argument("--n-pairs", type=int, default=3400)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-sentences-per-doc", type=int, default=3)
    ap.add_argument("--exclude", nargs="*", default=[], help="pool files whose documents to skip")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    period_of = PERIOD[args.kind]
    docs = pick_documents(args.corpus, args.per_period, args.seed, period_of)
    for path in args.exclude:
        with open(path, encoding="utf-8") as fh:
            docs -= {json.loads(line)["doc_id"] for line in fh}
    pool = list(candidates(args.corpus, docs, MentionFinder(), period_of))
    chosen = sample_pairs(pool, args.n_pairs, args.seed, max_sentences_per_doc=args.max_sentences_per_doc)
    with open(args.out, "w", encoding="utf-8") as fh:
        for c in chosen:
            fh.write(json.dumps(candidate_dict(c), ensure_ascii=False) + "\n")
    targets = Counter(c.target for c in chosen)
    print(f"{len(docs)} documents, {len(pool)} candidate pairs, {len(chosen)} drawn, "
          f"{len({(c.doc_id, c.sent_start) for c in chosen})} sentences, {len(targets)} targets")
    print("top targets:", targets.most_common(15))
    print("by decade:", sorted(Counter(c.period[:3] + "0s" for c in chosen).items()))


if __name__ == "__main__":
    main()
