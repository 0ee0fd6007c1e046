"""Execute the notebooks on a trained run and save every figure they draw as PNG in docs/figures/.

    python scripts/render_notebook_figures.py --model models/default
    python scripts/render_notebook_figures.py --model models/distilled --only 02_stance_trends \
        --set "PREDICTIONS='outputs/ungdc_1991on'" "PERIOD='year'" "SOURCE_FIELD='speaker_country'"

Outputs stay out of git in the notebooks themselves; this keeps a rendered copy of
their figures from a real run next to the docs.
"""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

import nbformat
from nbclient import NotebookClient

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
        nb = nbformat.read(path, as_version=4)
        idx = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
        nb.cells.insert(idx + 1, nbformat.v4.new_code_cell(
            f"MODEL_DIR = {str(ROOT / args.model)!r}\nOUTPUT = {str(ROOT / 'outputs' / path.stem)!r}\n"
            + "\n".join(args.set)))
        NotebookClient(nb, timeout=1800, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT)}}).execute()
        n = 0
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                png = o.get("data", {}).get("image/png")
                if png:
                    n += 1
                    (out / f"{path.stem}_{n}.png").write_bytes(base64.b64decode(png))
        print(f"{path.name}: {n} figures")


if __name__ == "__main__":
    main()
