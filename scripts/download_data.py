"""Download the public corpora the configs point at (for users who are online).

    python scripts/download_data.py --out ../shared/data newsmtsc ungdc
    python scripts/download_data.py --out ../shared/data headlines --reddit-csv RedditNews.csv

Writes newsmtsc/{train,dev_mt,dev_rw}.jsonl, ungdc/speeches.jsonl.gz and
worldnews_headlines/headlines.jsonl.gz under --out (the layout of ../shared/data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from countrystance.corpora import (
    DownloadError,
    download_newsmtsc,
    download_ungdc,
    headlines_from_reddit_csv,
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", choices=["newsmtsc", "ungdc", "headlines"])
    ap.add_argument("--out", default="../shared/data")
    ap.add_argument("--reddit-csv", help="RedditNews.csv from the Kaggle data set (needs a login)")
    args = ap.parse_args()
    out = Path(args.out)
    try:
        if "newsmtsc" in args.corpora:
            print("NewsMTSC:", [str(p) for p in download_newsmtsc(out / "newsmtsc")])
        if "ungdc" in args.corpora:
            (out / "ungdc").mkdir(parents=True, exist_ok=True)
            print("UN General Debate speeches:", download_ungdc(out / "ungdc" / "speeches.jsonl.gz"))
        if "headlines" in args.corpora:
            if not args.reddit_csv:
                raise DownloadError("headlines need --reddit-csv: download RedditNews.csv from Kaggle's "
                                    "'Daily News for Stock Market Prediction' first")
            (out / "worldnews_headlines").mkdir(parents=True, exist_ok=True)
            n = headlines_from_reddit_csv(args.reddit_csv,
                                          out / "worldnews_headlines" / "headlines.jsonl.gz")
            print("headlines:", n)
    except DownloadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
