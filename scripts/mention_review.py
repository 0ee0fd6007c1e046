"""Blind reviews of the mention finder (countrystance.mention_review).

Draw a review outside the repository (the sample holds corpus text), have each batch read
with its prompt, then keep the verdicts as references:

    python scripts/mention_review.py draw --out ../reviews/27 --seed 2777 \\
        --exclude data/mentions/reviews/review*.jsonl
    # ... each batch_<x>.jsonl read by a careful reader following prompt_<x>.md ...
    python scripts/mention_review.py references --review ../reviews/27 \\
        --out data/mentions/reviews/review27.jsonl --prefix v27
    python scripts/benchmark_mentions.py --data data/mentions/reviews/review27.jsonl --sentences 0
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from countrystance.data import iter_jsonl, load_documents
from countrystance.mention_review import draw_review, review_references, write_batches

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CORPORA = {"ungdc": SHARED / "ungdc" / "speeches.jsonl.gz",
           "headlines": SHARED / "worldnews_headlines" / "headlines.jsonl.gz"}

PROMPT = """You are a careful annotator checking an automatic country-mention finder on real text
(UN General Assembly speeches and r/worldnews headlines). Work alone; do not look at the
finder's code (stay blind to how it works).

## The rules
Read {readme}, sections "Kinds", "Span conventions" and "Decisions taken" (stop at
"## Trap tags"). Those are the rules. In short: a mention is a span that refers to a
country-like target (a UN member state, Palestine, Holy See, Taiwan, Kosovo, the EU, NATO,
"the West", the African Union, ASEAN, the Soviet Union, Yugoslavia, Czechoslovakia). Country
names and abbreviations always count (even as places); a capital or seat of power counts only
when it stands for the state, not as a place, venue, destination, building or the city's own
affairs; a demonym counts only for the state, its organs, forces, territory or the nation as a
whole; a leader counts only as a head of state or government in office at the sentence date.
Names of parties, companies, newspapers, events, wars named after the country fought in,
documents and conferences that contain a country name are not mentions.

## Your batch
{batch}: one JSON object per line with "id", "date", "sentence", and "finds" (each with "n",
"text", "start" (offset in the sentence), "target" and "kind").

For every line: judge each find "ok", "wrong" or "borderline" (undecidable by the rules; use
sparingly), with a short reason for every "wrong" and "borderline"; and list every mention
the finder MISSED ("text", "target", "kind"), each repetition counted.

## Output
Write {answers}, one JSON object per input line, same order:
{{"id": ..., "finds": [{{"n": 1, "verdict": "ok|wrong|borderline", "why": "..."}}],
 "missed": [{{"text": "...", "target": "...", "kind": "name|abbreviation|capital|demonym|leader"}}]}}
Every input line needs an output line. Check the file's line count and JSON before you reply
with the number of lines written, finds marked wrong and misses listed.
"""


def draw(args: argparse.Namespace) -> None:
    refs = [o for path in args.exclude for _, o in iter_jsonl(path)]
    exclude = {str(o["doc_id"]) for o in refs}
    items = draw_review(args.speeches, args.headlines, seed=args.seed, exclude_docs=exclude,
                        n_speech=args.speech_sentences, n_headline=args.headline_sentences,
                        n_capital=args.capital_sentences, n_demonym=args.demonym_sentences,
                        n_capital_dropped=args.dropped_capital_sentences, n_capital_kept=args.kept_capital_sentences,
                        exclude_sentences={o["sent_sha1"] for o in refs}, reuse_documents=args.reuse_documents)
    out = Path(args.out)
    for batch in write_batches(items, out, args.batches):
        answers = batch.with_name(batch.name.replace("batch_", "answers_"))
        prompt = PROMPT.format(readme=ROOT / "data" / "mentions" / "README.md", batch=batch.resolve(),
                               answers=answers.resolve())
        batch.with_name(batch.name.replace("batch_", "prompt_").replace(".jsonl", ".md")).write_text(prompt)
    print(f"{len(items)} sentences, {sum(len(i['finds']) for i in items)} finds -> {out}")


def references(args: argparse.Namespace) -> None:
    review = Path(args.review)
    items = [o for _, o in iter_jsonl(review / "sample.jsonl")]
    answers = {str(o["id"]): o for path in sorted(review.glob("answers_*.jsonl")) for _, o in iter_jsonl(path)}
    documents = {}
    for name, path in (("ungdc", args.speeches), ("headlines", args.headlines)):
        need = {i["id"].rsplit("@", 1)[0] for i in items if i["corpus"] == name}
        documents[name] = {k: v["text"] for k, v in load_documents(path, need).items()}
    refs, counts = review_references(items, answers, documents, args.prefix)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in refs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(refs)} references -> {args.out}: {dict(counts)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speeches", default=str(CORPORA["ungdc"]))
    ap.add_argument("--headlines", default=str(CORPORA["headlines"]))
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="draw a review sample and write its batches and prompts")
    d.add_argument("--out", required=True)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--exclude", nargs="*", default=[], help="reference files whose documents to leave out")
    d.add_argument("--speech-sentences", type=int, default=480)
    d.add_argument("--headline-sentences", type=int, default=320)
    d.add_argument("--capital-sentences", type=int, default=130, help="per corpus")
    d.add_argument("--demonym-sentences", type=int, default=0,
                   help="per corpus: sentences with a demonym find (part 'demonym'), for demonym precision")
    d.add_argument("--dropped-capital-sentences", type=int, default=0,
                   help="per corpus: sentences with a capital's name the finder does not keep (part "
                        "'capital_dropped'), for capital recall")
    d.add_argument("--kept-capital-sentences", type=int, default=0,
                   help="per corpus: sentences with a capital find from any document, reviewed ones too, never "
                        "a sentence a review has shown (part 'capital_kept'), for capital precision")
    d.add_argument("--reuse-documents", action="store_true",
                   help="draw every part from every document, reviewed ones too, leaving out only the sentences "
                        "the --exclude files have shown (once every document has been drawn from)")
    d.add_argument("--batches", type=int, default=4)
    r = sub.add_parser("references", help="turn a read review into references")
    r.add_argument("--review", required=True, help="the folder draw wrote, with the answers_*.jsonl")
    r.add_argument("--out", required=True)
    r.add_argument("--prefix", required=True, help="id prefix, e.g. v26")
    args = ap.parse_args(argv)
    for path in (args.speeches, args.headlines):
        if not Path(path).is_file():
            print(f"corpus not found: {path}", file=sys.stderr)
            return 2
    (draw if args.command == "draw" else references)(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
