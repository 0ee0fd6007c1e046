"""Draw the next round of pairs to label from unlabelled references: half where the
current model is least sure, half at random (see countrystance.annotate.select_uncertain_sentences).

Only train-side text is eligible: a pair whose document, or a near-duplicate of whose
sentence (mention-masked 3-gram Jaccard >= 0.5), is in any --exclude file is skipped, so
the new labels can go to train whole. The pool it writes holds sentence text: keep it
outside the project. Round 2 of data/real/ was drawn with

    python scripts/sample_uncertain.py --model models/distilled --seed 29 \
        --refs data/real/unlabelled_ungdc.jsonl --corpus ../shared/data/ungdc/speeches.jsonl.gz \
        --n-pairs 2300 --max-per-doc 3 --exclude data/real/ungdc_{dev,test}.jsonl \
        data/real/headlines_{dev,test}.jsonl --out /tmp/round2_ungdc.jsonl
    (and the same for the headlines with --n-pairs 1300 --max-per-doc 1)

on the unlabelled files as they were before round 2 (git history), with the first
distilled default model. Rounds 3 and 4: the same with --seed 37 and 43, --n-pairs 2100
(speeches) and 1500 (headlines), on the files as each round left them, with the round-2 default.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from countrystance.annotate import select_uncertain_sentences
from countrystance.calibration import softmax
from countrystance.classifier import StanceClassifier
from countrystance.data import iter_jsonl, read_refs
from countrystance.splits import ShingleIndex, masked_shingles

CORPORA = {"ungdc": "../shared/data/ungdc/speeches.jsonl.gz",
           "headlines": "../shared/data/worldnews_headlines/headlines.jsonl.gz"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="the current model's run folder")
    ap.add_argument("--refs", required=True, help="unlabelled references (data/real/unlabelled_*.jsonl)")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--exclude", nargs="*", default=[], help="dev/test reference files to keep away from")
    ap.add_argument("--n-pairs", type=int, required=True)
    ap.add_argument("--max-per-doc", type=int, default=3)
    ap.add_argument("--uncertain-share", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    held_docs: set[str] = set()
    held = ShingleIndex(threshold=0.5)
    for path in args.exclude:
        corpus = next((c for k, c in CORPORA.items() if Path(path).name.startswith(k)), args.corpus)
        for ex in read_refs(path, None, corpus):
            held_docs.add(ex.extra["doc_id"])
            held.add(masked_shingles(ex.sentence, ex.spans))

    examples = read_refs(args.refs, None, args.corpus)
    records = [obj for _, obj in iter_jsonl(args.refs)]
    keep = [i for i, ex in enumerate(examples) if ex.extra["doc_id"] not in held_docs
            and not held.near(masked_shingles(ex.sentence, ex.spans))]
    examples = [examples[i] for i in keep]
    records = [records[i] for i in keep]
    clf = StanceClassifier.from_pretrained(args.model)
    logits, _ = clf.logits([e.sentence for e in examples], [e.spans for e in examples],
                           [e.target for e in examples])
    probs = softmax(logits, 1.0)  # the uncalibrated model: temperature only rescales entropy
    entropy = (-(probs * np.log(probs + 1e-12)).sum(axis=1)).tolist()
    chosen = select_uncertain_sentences(records, entropy, args.n_pairs, args.seed,
                                        uncertain_share=args.uncertain_share,
                                        max_sentences_per_doc=args.max_per_doc)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in chosen:
            fh.write(json.dumps({**records[i], "sentence": examples[i].sentence,
                                 "entropy": round(entropy[i], 4)}, ensure_ascii=False) + "\n")
    print(f"{len(records)} eligible pairs -> {len(chosen)} chosen -> {args.out}")


if __name__ == "__main__":
    main()
