"""The chat page loads only files this server has: vendored, pinned and licensed (no CDN)."""

from __future__ import annotations

import json
import re

from api.routes.page import STATIC_DIR

VENDOR = STATIC_DIR / "vendor"


def test_every_script_and_stylesheet_of_the_page_is_served_from_static() -> None:
    html = (STATIC_DIR / "index.html").read_text("utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs, "the page loads its scripts"
    for ref in refs:
        if ref.startswith("data:"):
            continue
        assert ref.startswith("/static/"), f"{ref} is not served by this API"
        assert (STATIC_DIR / ref.removeprefix("/static/")).is_file(), ref
    for module in STATIC_DIR.glob("*.js"):
        for imported in re.findall(r'from "\./([^"]+)"', module.read_text("utf-8")):
            assert (STATIC_DIR / imported).is_file(), f"{module.name} imports {imported}"


def test_vendored_libraries_are_pinned_with_their_licences() -> None:
    wanted = json.loads((VENDOR / "package.json").read_text("utf-8"))["dependencies"]
    lock = json.loads((VENDOR / "package-lock.json").read_text("utf-8"))["packages"]
    banners = {
        "marked": (VENDOR / "marked.umd.js").read_text("utf-8")[:200],
        "dompurify": (VENDOR / "purify.min.js").read_text("utf-8")[:200],
    }
    for name, version in wanted.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert lock[f"node_modules/{name}"]["integrity"].startswith("sha512-")
        assert f"{version}" in banners[name], f"{name} file is not version {version}"
        assert list(VENDOR.glob(f"LICENSE*.{name}")), f"{name} licence missing"
