"""Measure the mention finder: precision/recall/F1 per kind, per-trap accuracy, and speed.

    python scripts/benchmark_mentions.py [--data data/mentions/benchmark.jsonl]
    python scripts/benchmark_mentions.py --data data/mentions/real_test.jsonl --sentences 0
        [--corpus ../shared/data/ungdc/speeches.jsonl.gz] [--sentences 20000]
        [--errors 30] [--json out.json]
    # judge a change by what it changes: save the finds before it, compare after it
    python scripts/benchmark_mentions.py --data data/mentions/reviews/review*.jsonl --sentences 0 \
        --save-finds before.jsonl
    python scripts/benchmark_mentions.py --data data/mentions/reviews/review*.jsonl --sentences 0 \
        --compare before.jsonl
    # the same sentences in ALL CAPS, all lower case and Title Case: what changes against their own case
    python scripts/benchmark_mentions.py --data data/mentions/real_test.jsonl --sentences 0 --case-check

A predicted mention is correct (strict) when its target and exact span both match a
gold mention; the lenient score only asks for the same target and overlapping spans.
Per kind: recall counts gold mentions of that kind, precision counts predictions of
that kind (a right span and target with the wrong kind counts against both, and is
listed separately). A trap is passed when the sentence's predicted (span, target) set
equals the gold set exactly.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from countrystance.segment import split_sentences
from countrystance.targets import KINDS, MentionFinder

ROOT = Path(__file__).resolve().parents[1]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(records: list[dict[str, Any]], finder: MentionFinder) -> dict[str, Any]:
    """Score the finder on benchmark records; returns every number the report prints."""
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    total = Counter()
    lenient = Counter()
    traps: dict[str, Counter[str]] = defaultdict(Counter)
    registers: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    kind_confusions: Counter[tuple[str, str]] = Counter()
    for rec in records:
        sentence = rec["sentence"]
        gold = {(int(m["start"]), int(m["end"]), m["target"]): m.get("kind", "name") for m in rec.get("mentions", [])}
        pred = {(m.start, m.end, m.target): m.kind for m in finder.find(sentence, rec.get("date"))}
        hit = set(gold) & set(pred)
        total["tp"] += len(hit)
        total["pred"] += len(pred)
        total["gold"] += len(gold)
        reg = rec.get("register", "?")
        registers[reg]["tp"] += len(hit)
        registers[reg]["pred"] += len(pred)
        registers[reg]["gold"] += len(gold)
        for key, kind in gold.items():
            per_kind[kind]["gold"] += 1
            if key in pred:
                if pred[key] == kind:
                    per_kind[kind]["tp"] += 1
                else:
                    kind_confusions[(kind, pred[key])] += 1
        for kind in pred.values():
            per_kind[kind]["pred"] += 1
        # lenient: same target, overlapping span (each gold matched at most once)
        used: set[tuple[int, int, str]] = set()
        for p in pred:
            for g in gold:
                if g not in used and g[2] == p[2] and _overlap(p[:2], g[:2]):
                    used.add(g)
                    lenient["tp"] += 1
                    break
        ok = set(gold) == set(pred)
        for trap in rec.get("traps") or []:
            traps[trap]["n"] += 1
            traps[trap]["ok"] += ok
        if not ok:
            errors.append({
                "id": rec.get("id"), "date": rec.get("date"), "sentence": sentence,
                "missed": [(sentence[s:e], t, gold[(s, e, t)]) for s, e, t in sorted(set(gold) - set(pred))],
                "extra": [(sentence[s:e], t, pred[(s, e, t)]) for s, e, t in sorted(set(pred) - set(gold))],
            })
    out: dict[str, Any] = {"n_sentences": len(records), "kinds": {}, "traps": {}, "registers": {}}
    for kind in [*KINDS, *sorted(set(per_kind) - set(KINDS))]:
        c = per_kind.get(kind, Counter())
        # kind precision: right span+target+kind over predictions of this kind
        p, r, f = _prf(c["tp"], c["pred"], c["gold"])
        out["kinds"][kind] = {"precision": p, "recall": r, "f1": f, "gold": c["gold"], "pred": c["pred"]}
    p, r, f = _prf(total["tp"], total["pred"], total["gold"])
    out["overall"] = {"precision": p, "recall": r, "f1": f, "gold": total["gold"], "pred": total["pred"]}
    lp, lr, lf = _prf(lenient["tp"], total["pred"], total["gold"])
    out["lenient"] = {"precision": lp, "recall": lr, "f1": lf}
    for reg, c in registers.items():
        p, r, f = _prf(c["tp"], c["pred"], c["gold"])
        out["registers"][reg] = {"precision": p, "recall": r, "f1": f, "gold": c["gold"]}
    for trap, c in sorted(traps.items()):
        out["traps"][trap] = {"accuracy": c["ok"] / c["n"], "n": c["n"]}
    out["kind_confusions"] = {f"{g}->{p}": n for (g, p), n in kind_confusions.most_common()}
    out["errors"] = errors
    return out


def current_finds(records: list[dict[str, Any]], finder: MentionFinder) -> dict[str, list[list[Any]]]:
    """Every record's finds as [start, end, target, kind], by record id."""
    return {str(rec["id"]): [[m.start, m.end, m.target, m.kind] for m in finder.find(rec["sentence"], rec.get("date"))]
            for rec in records}


def compare_finds(records: list[dict[str, Any]], before: dict[str, list[list[Any]]],
                  after: dict[str, list[list[Any]]]) -> tuple[Counter[str], list[str]]:
    """What changed between two runs' finds, each change with the gold's verdict on it: a
    change is good when it adds a gold mention or drops a find that is not one."""
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for rec in records:
        rid = str(rec["id"])
        if rid not in before:
            continue
        gold = {(int(m["start"]), int(m["end"]), m["target"]): m.get("judged", "gold") for m in rec.get("mentions", [])}
        old = {(a, b, t) for a, b, t, _ in before[rid]}
        new = {(a, b, t) for a, b, t, _ in after.get(rid, [])}
        for key in sorted(old ^ new):
            added = key in new
            verdict = gold.get(key)
            counts[("added" if added else "dropped") + (" gold" if verdict else " not gold")] += 1
            sentence = rec["sentence"]
            lines.append(f"{'+' if added else '-'} [{rid}] {sentence[key[0]:key[1]]!r} -> {key[2]} "
                         f"(gold: {verdict or 'no'}) | {sentence[max(0, key[0] - 60):key[1] + 40]!r}")
    return counts, lines


_RECASE = {
    "upper": str.upper,
    "lower": str.lower,
    # every word's first letter in capitals, the rest as written ("Iran's" stays "Iran's")
    "title": lambda s: re.sub(r"(?<![\w'’])[^\W\d_]", lambda m: m.group(0).upper(), s),
}


def case_check(records: list[dict[str, Any]], finder: MentionFinder) -> dict[str, dict[str, int]]:
    """The sentences with a find, re-cased: how many of them, and of their finds, change
    against the finds in the sentence's own case (headlines in capitals, lower-cased corpora)."""
    own = [(rec, {(m.start, m.end, m.target) for m in finder.find(rec["sentence"], rec.get("date"))})
           for rec in records]
    own = [(rec, finds) for rec, finds in own if finds]
    result = {}
    for name, recase in _RECASE.items():
        counts = Counter(sentences=0, finds=0, changed=0, lost=0, gained=0)
        for rec, finds in own:
            text = recase(rec["sentence"])
            if len(text) != len(rec["sentence"]):
                continue  # a case change that changes the length ("ß" -> "SS") moves the offsets
            other = {(m.start, m.end, m.target) for m in finder.find(text, rec.get("date"))}
            counts.update(sentences=1, finds=len(finds), changed=int(other != finds),
                          lost=len(finds - other), gained=len(other - finds))
        result[name] = dict(counts)
    return result


def throughput(corpus: Path, n_sentences: int, finder: MentionFinder) -> dict[str, float] | None:
    """Sentences per second of find() on real UN speeches (segmentation not timed)."""
    if not corpus.is_file():
        return None
    sentences: list[tuple[str, str]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 7:  # spread the sample over the years
                continue
            rec = json.loads(line)
            year = str(rec.get("year") or "") or None
            sentences.extend((s.text, year) for s in split_sentences(rec["text"]))
            if len(sentences) >= n_sentences:
                break
    sentences = sentences[:n_sentences]
    t0 = time.perf_counter()
    n_mentions = 0
    for text, year in sentences:
        n_mentions += len(finder.find(text, year))
    dt = time.perf_counter() - t0
    return {"sentences": len(sentences), "seconds": dt, "per_second": len(sentences) / dt,
            "mentions": n_mentions}


CORPORA = {
    "ungdc": ROOT.parent / "shared" / "data" / "ungdc" / "speeches.jsonl.gz",
    "headlines": ROOT.parent / "shared" / "data" / "worldnews_headlines" / "headlines.jsonl.gz",
}


def load_records(path: Path) -> list[dict[str, Any]] | None:
    """Benchmark records; reference records (real sentences kept as document id, offsets and
    hash) are joined with their corpus text. None when a needed corpus is absent."""
    from countrystance.data import read_sentence_refs

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if records and "sentence" not in records[0]:
        if not all(CORPORA[c].is_file() for c in {r["corpus"] for r in records}):
            return None
        records = read_sentence_refs(records, CORPORA)
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="+", default=[str(ROOT / "data" / "mentions" / "benchmark.jsonl")],
                    help="one or more labelled files, scored as one set")
    ap.add_argument("--part", default=None,
                    help="keep only records whose 'part' is this (the reviews' 'random' or 'capital')")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "data" / "ungdc" / "speeches.jsonl.gz"))
    ap.add_argument("--sentences", type=int, default=20000, help="UN sentences for the speed test (0 = skip)")
    ap.add_argument("--errors", type=int, default=30, help="how many wrong sentences to list")
    ap.add_argument("--config", nargs="*", default=[], help="config YAML files and key=value overrides")
    ap.add_argument("--json", default=None, help="also write the numbers to this JSON file")
    ap.add_argument("--save-finds", default=None, help="write every record's finds to this JSONL file")
    ap.add_argument("--compare", default=None,
                    help="a --save-finds file from an earlier run: list the finds that changed, with the gold's verdict")
    ap.add_argument("--case-check", action="store_true",
                    help="also find in the sentences re-cased (ALL CAPS, lower, Title Case) and count what changes")
    args = ap.parse_args(argv)

    from countrystance.config import load_config

    files = [c for c in args.config if "=" not in c]
    overrides = [c for c in args.config if "=" in c]
    finder = MentionFinder.from_config(load_config(files, overrides))

    result: dict[str, Any] = {}
    data = " + ".join(args.data)
    records: list[dict[str, Any]] | None = []
    for name in args.data:
        part = load_records(Path(name)) if Path(name).is_file() else None
        if part is None:
            records = None
            break
        records.extend(part)
    if records is not None and args.part is not None:
        records = [r for r in records if r.get("part") == args.part]
        if not records:
            print(f"no records with part {args.part!r} in {data}", file=sys.stderr)
            return 2
        data += f" (part {args.part})"
    if records is not None:
        res = evaluate(records, finder)
        result.update(res)
        print(f"benchmark: {data} ({res['n_sentences']} sentences, {res['overall']['gold']} gold mentions)")
        print(f"{'kind':14} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
        for kind, m in res["kinds"].items():
            print(f"{kind:14} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['gold']:6d} {m['pred']:6d}")
        o = res["overall"]
        print(f"{'OVERALL':14} {o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f} {o['gold']:6d} {o['pred']:6d}")
        le = res["lenient"]
        print(f"{'lenient':14} {le['precision']:6.3f} {le['recall']:6.3f} {le['f1']:6.3f}  (same target, overlapping span)")
        for reg, m in res["registers"].items():
            print(f"  register {reg:8} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} ({m['gold']} gold)")
        if res["kind_confusions"]:
            print("right span and target, other kind:", res["kind_confusions"])
        if res["traps"]:
            print("\nper-trap accuracy (sentence exactly right):")
            for trap, m in res["traps"].items():
                print(f"  {trap:40} {m['accuracy']:6.3f}  (n={m['n']})")
        if args.errors and res["errors"]:
            print(f"\n{len(res['errors'])} sentences not exactly right; first {args.errors}:")
            for e in res["errors"][: args.errors]:
                print(f"- [{e['id']}] ({e['date']}) {e['sentence']}")
                if e["missed"]:
                    print(f"    missed: {e['missed']}")
                if e["extra"]:
                    print(f"    extra:  {e['extra']}")
        if args.save_finds or args.compare:
            finds = current_finds(records, finder)
            if args.save_finds:
                with open(args.save_finds, "w", encoding="utf-8") as fh:
                    for rid, fs in finds.items():
                        fh.write(json.dumps({"id": rid, "finds": fs}, ensure_ascii=False) + "\n")
            if args.compare:
                before = {}
                for line in Path(args.compare).read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        row = json.loads(line)
                        before[str(row["id"])] = row["finds"]
                counts, lines = compare_finds(records, before, finds)
                print(f"\nchanged against {args.compare}:")
                for line in lines:
                    print(line)
                print(dict(counts) or "no change")
        if args.case_check:
            result["case_check"] = case_check(records, finder)
            print("\nthe same sentences re-cased, against their own case (sentences with a find):")
            for name, c in result["case_check"].items():
                print(f"  {name:6} {c['changed']:5d} of {c['sentences']} sentences change "
                      f"({c['changed'] / max(c['sentences'], 1):.1%}); of {c['finds']} finds {c['lost']} lost, "
                      f"{c['gained']} gained")
    else:
        print(f"benchmark file or its corpus not found: {data} (skipping accuracy)")

    if args.sentences > 0:
        speed = throughput(Path(args.corpus), args.sentences, finder)
        if speed is None:
            print(f"\ncorpus not found: {args.corpus} (skipping the speed test)")
        else:
            result["speed"] = speed
            print(f"\nspeed: {speed['per_second']:,.0f} sentences/s ({speed['sentences']} UN sentences, "
                  f"{speed['mentions']} mentions, {speed['seconds']:.2f} s, one core)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
