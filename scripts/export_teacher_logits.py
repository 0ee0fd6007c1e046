"""Write a teacher's logits for every training example of a recipe to a file, so that the
student can be distilled without the teacher (``train.teacher_logits``).

    python scripts/export_teacher_logits.py --out data/distill/teacher_mpnet.logits.npz \
        --config configs/experiments/mixed.yaml configs/experiments/distilled.yaml \
        train.teacher_dir=models/teacher_mpnet

The file holds a hash of each example (sentence, mention spans, target) and the
teacher's calibrated logits: no text. Logits the teacher's cache lacks are computed.
"""

import argparse
import sys

from countrystance.config import ConfigError, load_config
from countrystance.data import DataError
from countrystance.train import export_teacher_logits

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--config", nargs="+", required=True, metavar="FILE_OR_KEY=VALUE")
    args = ap.parse_args()
    files = [c for c in args.config if "=" not in c]
    overrides = [c for c in args.config if "=" in c]
    try:
        n = export_teacher_logits(load_config(files, overrides), args.out)
    except (ConfigError, DataError) as err:
        sys.exit(f"error: {err}")
    print(f"wrote {args.out}: teacher logits for {n} examples")
