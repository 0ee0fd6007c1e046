"""The main job, offline: train the default model once, then label the example article."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config import load_config

log = logging.getLogger(__name__)

TRAIN_CONFIG = "configs/train.yaml"
PREDICT_CONFIG = "configs/predict.yaml"
EXAMPLE_ARTICLE = "examples/articles"
DEMO_OUTPUT = "outputs/demo"


def run_demo(files: Sequence[str] = (), overrides: Sequence[str] = ()) -> Any:
    """Returns the prediction rows (a DataFrame) for the example article(s)."""
    from .predict import predict, read_predictions
    from .train import train

    train_cfg = load_config([TRAIN_CONFIG, *files], overrides)
    run_dir = Path(train_cfg.train.output_dir)
    if (run_dir / "config.json").is_file():
        log.info("using the trained model in %s (delete it to retrain)", run_dir)
    else:
        log.info("no trained model in %s yet: training it on the project's examples", run_dir)
        # no config.json: at most the files of a demo run cut off while writing, to replace
        train_cfg.train.overwrite = True
        train(train_cfg)
    predict_cfg = load_config(
        [PREDICT_CONFIG, *files],
        [*overrides, f"predict.model_dir={run_dir}", f"predict.input={EXAMPLE_ARTICLE}",
         f"predict.output_dir={DEMO_OUTPUT}", "predict.overwrite=true"],
    )
    out = predict(predict_cfg)
    print(f"labelled {EXAMPLE_ARTICLE} with {run_dir}; rows in {out}/shards/")
    return read_predictions(out)
