"""Thin caller of `countrystance evaluate`: same config files, same key=value overrides.

    python scripts/evaluate.py --config configs/evaluate.yaml [key=value ...]
"""

import sys

from countrystance.cli import main

if __name__ == "__main__":
    sys.exit(main(["evaluate", *sys.argv[1:]]))
