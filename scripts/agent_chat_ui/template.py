"""agent-chat-ui as npm publishes it: the vite template of create-agent-chat-app, pinned.

Fetched once into the cache (`npm pack`, integrity checked), installed from the lock beside this
file (`npm ci`), built with vite. `sdk_version` swaps the template's @langchain/langgraph-sdk
for another release (with a matching @langchain/core) in a separate build, to tell an old SDK's
limits from our API's.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

PACKAGE = "create-agent-chat-app"
VERSION = "0.1.6"
INTEGRITY = (  # npm view create-agent-chat-app@0.1.6 dist.integrity
    "sha512-FmiAY3/1QHsScsfMRAtQBS9ljKvMDlG0yzgYhYiOgacSzO4cF755zJ4i/"
    "xCIpyaG/nnuW0HeAIOZgIgSVrfOEQ=="
)
LICENSE = "MIT"  # package.json "license"; the LICENSE text is kept beside the build
TEMPLATE_DIR = "package/templates/vite/"
LOCK = Path(__file__).resolve().parent / "package-lock.json"
# @langchain/langgraph-sdk 1.x wants @langchain/core 1.x (peer dependency)
CORE_FOR_SDK_1 = "1.4.0"


def _npm(args: list[str], cwd: Path) -> None:
    print(f"[agent-chat-ui] npm {' '.join(args)}  (in {cwd})", flush=True)
    subprocess.run(
        ["npm", *args, "--no-audit", "--no-fund", "--loglevel=error"], cwd=cwd, check=True
    )


def fetch(cache: Path) -> Path:
    """The template's files under cache/web (once); the tarball's integrity must be the pinned."""
    web = cache / "web"
    if (web / "package.json").exists():
        return web
    cache.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--pack-destination", str(cache)],
        cwd=cache,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    packed = json.loads(out)[0]
    if packed["integrity"] != INTEGRITY:
        raise SystemExit(f"{PACKAGE}@{VERSION}: integrity {packed['integrity']} != pinned")
    staging = cache / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(cache / packed["filename"]) as tar:
        tar.extractall(staging, filter="data")
    manifest = json.loads((staging / "package" / "package.json").read_text("utf-8"))
    if manifest["license"] != LICENSE:
        raise SystemExit(f"{PACKAGE}@{VERSION}: licence {manifest['license']} != {LICENSE}")
    shutil.copy(staging / "package" / "LICENSE", cache / "LICENSE")
    shutil.move(staging / TEMPLATE_DIR, web)
    shutil.rmtree(staging)
    return web


def _stamp(sdk_version: str | None) -> str:
    lock = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:16]
    return f"{lock}-{sdk_version or 'template'}"


def install_and_build(cache: Path, sdk_version: str | None = None) -> Path:
    """The built UI (dist/), from the lock; rebuilt only when the lock or SDK choice changed."""
    template = fetch(cache)
    web = template if sdk_version is None else cache / f"web-sdk-{sdk_version}"
    if sdk_version is not None and not (web / "package.json").exists():
        shutil.copytree(template, web, ignore=shutil.ignore_patterns("node_modules", "dist"))
    stamp = web / ".built"
    if stamp.exists() and stamp.read_text() == _stamp(sdk_version):
        return web / "dist"
    shutil.copy(LOCK, web / "package-lock.json")
    _npm(["ci"], web)
    if sdk_version is not None:
        core = CORE_FOR_SDK_1 if not sdk_version.startswith("0.") else "0.3.42"
        _npm(
            [
                "install",
                "--no-save",
                "--legacy-peer-deps",  # the template's @langchain/langgraph pins the old SDK
                f"@langchain/langgraph-sdk@{sdk_version}",
                f"@langchain/core@{core}",
            ],
            web,
        )
    print("[agent-chat-ui] vite build", flush=True)
    subprocess.run(["npx", "--no-install", "vite", "build"], cwd=web, check=True)
    stamp.write_text(_stamp(sdk_version))
    return web / "dist"


def sdk_version_in(dist: Path) -> str:
    node_modules = dist.parent / "node_modules" / "@langchain" / "langgraph-sdk"
    return str(json.loads((node_modules / "package.json").read_text("utf-8"))["version"])
