"""Thin caller of `countrystance predict`: same config files, same key=value overrides.

    python scripts/predict.py --config configs/predict.yaml [key=value ...]
"""

import sys

from countrystance.cli import main

if __name__ == "__main__":
    sys.exit(main(["predict", *sys.argv[1:]]))
