"""The travel evaluation's table: one row per design, for itinerary and other questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from evals.travel.metrics import mean

Group = Callable[[dict[str, Any]], bool]
GROUPS: dict[str, Group] = {
    "itinerary": lambda a: a["expert"] == "itinerary",
    "other experts": lambda a: a["expert"] != "itinerary",
    "health in the turn": lambda a: bool(a["health"]),
}
COLUMNS = (
    ("n", "n"),
    ("repeated_line_rate", "repeated lines"),
    ("looping", "looping answers"),
    ("kb_facts", "KB facts"),
    ("kb_facts_in_model_text", "KB facts (model text)"),
    ("language_ok", "language ok"),
    ("treatment_advice", "treatment advice"),
    ("guard_hazards", "guard hazards"),
    ("days_covered", "days covered"),
    ("follows_ask", "follows the ask"),
    ("kb_values", "KB values"),
    ("unsupported_values", "values not in KB"),
    ("completion_tokens", "tokens"),
    ("hit_length", "hit max tokens"),
    ("seconds", "seconds"),
    ("ttft_s", "TTFT s"),
)


def _numbers(answers: list[dict[str, Any]], key: str) -> list[float]:
    return [float(a[key]) for a in answers if a.get(key) is not None]


def _covered(scores: list[dict[str, Any]]) -> list[float]:
    return [x["days_covered"] for x in scores if x.get("days_covered") is not None]


def row(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """Means over answers; looping / language / treatment / max-tokens as counts of answers."""
    s = [a["scores"] for a in answers]
    return {
        "n": len(answers),
        "repeated_line_rate": mean([x["repeated_line_rate"] for x in s]),
        "looping": sum(x["looping"] for x in s),
        "kb_facts": mean([x["kb_facts"] for x in s]),
        "kb_facts_in_model_text": mean([x["kb_facts_in_model_text"] for x in s]),
        "language_ok": sum(x["language_ok"] for x in s),
        "treatment_advice": sum(x["treatment_advice"] > 0 for x in s),
        "guard_hazards": sum(x["guard_hazards"] for x in s),
        "days_covered": mean(covered) if (covered := _covered(s)) else None,
        "follows_ask": sum(bool(x.get("follows_ask")) for x in s),
        "kb_values": mean([x.get("kb_values", 0) for x in s]),
        "unsupported_values": mean([x.get("unsupported_values", 0) for x in s]),
        "completion_tokens": mean(_numbers(answers, "completion_tokens")),
        "hit_length": sum(a["finish_reason"] == "length" for a in answers),
        "seconds": mean(_numbers(answers, "seconds")),
        "ttft_s": mean(_numbers(answers, "ttft_s")),
    }


def summarise(answers: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    variants = list(dict.fromkeys(a["variant"] for a in answers))
    return {
        group: {
            v: row(picked)
            for v in variants
            if (picked := [a for a in answers if a["variant"] == v and keep(a)])
        }
        for group, keep in GROUPS.items()
    }


def _cell(key: str, value: Any, n: int) -> str:
    if value is None:
        return "–"
    if key in ("looping", "language_ok", "treatment_advice", "hit_length", "follows_ask"):
        return f"{value}/{n}"
    return str(value)


def render_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"# Travel experts on `{report['split']}` ({report['questions']} questions)",
        "",
        f"`{report['model']}`, greedy, commit `{report['commit']}`"
        f"{' (dirty)' if report['dirty'] else ''}, {report['seconds']:.0f} s.",
        "",
        *(f"- `{name}`: {note}" for name, note in report["variants"].items()),
    ]
    for group, rows in report["summary"].items():
        lines += ["", f"## {group}", ""]
        lines.append("| design | " + " | ".join(title for _, title in COLUMNS) + " |")
        lines.append("|---|" + "---:|" * len(COLUMNS))
        for variant, r in rows.items():
            cells = [_cell(k, r[k], r["n"]) for k, _ in COLUMNS]
            lines.append(f"| {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
