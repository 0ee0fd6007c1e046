"""``countrystance train|evaluate|predict|demo --config FILE [FILE ...] [key=value ...]``.

Every command takes the same config system: the YAML files merge in the order
given, then the ``key=value`` overrides; the result is validated and saved next
to what the command writes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import ConfigError, load_config

HELP = {
    "train": "Fine-tune a base encoder on labelled examples (data.train, data.dev) and write a "
             "self-describing run folder to train.output_dir.",
    "evaluate": "Score a trained run (evaluate.model_dir) on a labelled file (evaluate.data) and "
                "write metrics.json, a Markdown report and a confusion matrix to evaluate.output_dir.",
    "predict": "Label every (sentence, country) pair of a corpus (predict.input: JSONL, CSV, "
               "Parquet or a folder of .txt) into Parquet shards in predict.output_dir; resumable.",
    "trends": "Aggregate prediction Parquet (trends.input) into stance trends per target and "
              "period with bootstrap intervals; writes tables and plots to trends.output_dir.",
    "demo": "The main job offline: train the default model on the project's own examples if "
            "models/default does not exist yet, label the example article and print the rows.",
}

EPILOG = """config:
  --config takes one or more YAML files, merged in order over the defaults;
  key=value items override single values, e.g. train.learning_rate=3e-5.
  An unknown key or a wrong type is an error naming the key (and the closest valid keys).
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="countrystance",
        description="Label the stance (hostile, neutral, supportive) that news sentences take "
                    "toward the countries they name.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in HELP.items():
        p = sub.add_parser(name, help=text, description=text, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--config", nargs="*", default=[], metavar="FILE",
                       help="YAML config files, merged in order")
        p.add_argument("overrides", nargs="*", metavar="key=value",
                       help="dotted overrides applied after the files")
        if name in ("predict", "demo"):
            p.add_argument("--show", type=int, default=20 if name == "demo" else 0, metavar="N",
                           help="print the first N output rows")
        p.add_argument("-q", "--quiet", action="store_true", help="log warnings only")
    return parser


def _split(files: list[str], overrides: list[str], argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """`--config a.yaml k=v` puts k=v into the files list: move it back to the overrides, all
    of them in the order the command line gives them (a later value wins)."""
    real = [f for f in files if "=" not in f]
    given = {*[f for f in files if "=" in f], *overrides}
    return real, [a for a in argv if a in given]


def _print_rows(df, n: int) -> None:
    import pandas as pd

    if n <= 0 or df.empty:
        return
    cols = ["sentence_index", "target", "mention", "label", *[c for c in df.columns if c.startswith("p_")],
            "sentence"]
    view = df[cols].head(n).copy()
    view["sentence"] = view["sentence"].str.slice(0, 70)
    with pd.option_context("display.max_colwidth", 72, "display.width", 200,
                           "display.float_format", "{:.2f}".format):
        print(view.to_string(index=False))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    from .data import DataError
    from .labels import LabelError
    from .modeling import ModelError
    from .predict import PredictError
    from .readers import InputError

    files, overrides = _split(args.config, args.overrides, argv)
    try:
        if args.command == "demo":
            from .demo import run_demo

            df = run_demo(files, overrides)
            _print_rows(df, args.show)
            return 0
        cfg = load_config(files, overrides)
        if args.command == "train":
            from .train import train

            run_dir = train(cfg)
            metrics = json.loads((Path(run_dir) / "metrics.json").read_text())
            dev = metrics.get("dev")
            print(f"wrote {run_dir}" + (f" (dev macro-F1 {dev['macro_f1']:.3f})" if dev else ""))
        elif args.command == "evaluate":
            from .evaluate import evaluate

            m = evaluate(cfg)
            print(f"macro-F1 {m['macro_f1']:.3f}  accuracy {m['accuracy']:.3f}  n {m['n']}  "
                  f"-> {cfg.evaluate.output_dir}/metrics.json")
        elif args.command == "predict":
            from .predict import predict, read_predictions

            out = predict(cfg)
            manifest = json.loads((out / "manifest.json").read_text())
            c = manifest["counts"]
            print(f"{c['articles']} articles, {c['rows']} rows, {c['rejected']} rejected -> {out}")
            if args.show:
                _print_rows(read_predictions(out), args.show)
        elif args.command == "trends":
            from .trends import run_trends

            out = run_trends(cfg)
            print(f"wrote trends to {out}")
    except (ConfigError, DataError, LabelError, ModelError, PredictError, InputError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
