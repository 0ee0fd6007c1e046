"""Thin caller of `countrystance train`: same config files, same key=value overrides.

    python scripts/train.py --config configs/train.yaml [key=value ...]
"""

import sys

from countrystance.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
