"""`make adapter`: (re)train a medical-expert adapter version from the repo's dataset.

Each version's recipe is fixed in serving/recipes.py, so the adapter in saves/ is traceable to
it, the dataset hash in its training_report.json and serving/train_lora.py. `--smoke` runs the same
pipeline on a few examples (CI proves the pipeline with it without spending an hour).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from config.settings import Settings
from serving.prepare import ensure_base_model, ensure_vllm_python, run, step, train_command
from serving.recipes import RECIPES, SMOKE


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser(description=__doc__)
    settings = Settings()
    parser.add_argument(
        "--version",
        default=settings.llm.medical_adapter_version,
        choices=sorted(RECIPES),
        help="default: the version settings serve (TG_MEDICAL_ADAPTER_VERSION)",
    )
    parser.add_argument("--smoke", action="store_true", help="a tiny run that proves the pipeline")
    parser.add_argument("--out", type=Path, help="default: saves/<base>/lora/medical-expert-<v>")
    args = parser.parse_args(argv)
    python = ensure_vllm_python(settings)
    ensure_base_model(settings, python)
    out = args.out or settings.adapter_dir_for(args.version)
    recipe = SMOKE if args.smoke else RECIPES[args.version]
    step(f"training medical-expert {args.version}{' (smoke)' if args.smoke else ''} into {out}")
    run(train_command(python, settings.base_model_path, out, "--resume", *recipe))


if __name__ == "__main__":
    main()
