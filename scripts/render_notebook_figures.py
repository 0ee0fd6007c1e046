"""Execute the notebooks on a trained run and save every figure they draw as PNG in docs/figures/.

    python scripts/render_notebook_figures.py --model models/default
    python scripts/render_notebook_figures.py --model models/distilled --only 02_stance_trends \
        --set "PREDICTIONS='outputs/ungdc_1991on'" "PERIOD='year'" "SOURCE_FIELD='speaker_country'"

Outputs stay out of git in the notebooks themselves; this keeps a rendered copy of
their figures from a real run next to the docs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from countrystance.notebook_runner import execute_notebook, figures

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--out", default="docs/figures")
    ap.add_argument("--only", nargs="*", default=[], help="notebook names (stems) to run")
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=EXPR",
                    help="parameter-cell overrides, Python expressions, e.g. PERIOD='year'")
    args = ap.parse_args()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if args.only and path.stem not in args.only:
            continue
        overrides = "\n".join([f"MODEL_DIR = {str(ROOT / args.model)!r}",
                                f"OUTPUT = {str(ROOT / 'outputs' / path.stem)!r}", *args.set])
        pngs = figures(execute_notebook(path, overrides, cwd=ROOT, timeout=1800))
        for n, png in enumerate(pngs, 1):
            (out / f"{path.stem}_{n}.png").write_bytes(png)
        print(f"{path.name}: {len(pngs)} figures")


if __name__ == "__main__":
    main()
