"""The control of call_now_rule_2026-12-07i.md: the doctor's new call-now sign groups with their
pattern lists shuffled between them (seeded; the same words, in the wrong groups), then the
end-to-end urgent-care check on the same files.

    TG_TRIAGE_MEANING_URL= python -m evals.triage.call_now_control --seed 7 --only 0.2 0.8 \
        --data evals/triage/data/fresh_2026-12-07i-call-now.jsonl --out /tmp/control.json

Why: if the gain came from the words alone (any of them in any group), shuffled groups would give
it too; sign groups read as the sources list them must be what catches. The new groups are named
in `NEW_GROUPS`; everything else in the file is left as it is. Arguments after `--seed` are
`evals.triage.urgent_care`'s.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import yaml

from agents import emergency_signs as signs_module
from config.yaml_data import read_yaml

NEW_GROUPS = (
    "seizure_999", "fit_again_told", "fit_on_the_floor", "wild_mushroom", "mushroom_eaten",
    "jaundice", "swallowed_harmful", "bite_told", "snake_word", "fang_marks", "recession",
    "skin_colour_999", "floppy", "cry_weak", "feeding_refused",
)  # fmt: skip


def shuffled_signs(seed: int, source: Path = signs_module.SIGNS_FILE) -> dict:
    """The signs file with the new groups' pattern lists moved between them: a derangement, so
    no group keeps its own list."""
    data = read_yaml(source)
    names = list(NEW_GROUPS)
    rng = random.Random(seed)
    order = names[:]
    while any(a == b for a, b in zip(order, names, strict=True)):
        rng.shuffle(order)
    lists = {n: data["groups"][n] for n in names}
    for name, other in zip(names, order, strict=True):
        data["groups"][name] = lists[other]
    return data


def use_signs(data: dict) -> Path:
    """Make `emergency_signs()` (cached, default path) read this data from now on."""
    out = Path(tempfile.mkdtemp()) / "emergency_signs.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    reader = signs_module.emergency_signs
    reader.__wrapped__.__defaults__ = (out,)  # type: ignore[attr-defined]
    reader.cache_clear()
    return out


def main() -> None:
    args = sys.argv[1:]
    seed = 7
    if args[:1] == ["--seed"]:
        seed, args = int(args[1]), args[2:]
    print(f"control: new groups shuffled, seed {seed} -> {use_signs(shuffled_signs(seed))}")
    from evals.triage import urgent_care

    sys.argv = ["urgent_care", *args]
    urgent_care.main()


if __name__ == "__main__":
    main()
