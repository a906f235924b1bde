"""Build the medical expert's bilingual SFT data from conditions.yaml, deterministically.

Why this exists: the `medical-expert` LoRA (Qwen2.5-Coder-0.5B-Instruct) should learn one short,
conservative answer shape in Chinese and English, with red flags always escalated. Writing the
facts once in a reviewable table (serving/data/conditions.yaml, each entry citing its public
source) and expanding them with templates keeps the data auditable, reproducible and easy to fix:
edit the table, re-run, and every example, split and checksum follows.

Run from the repo root:

    python -m serving.data.build_dataset           # build, validate, print counts
    python -m serving.data.build_dataset --check   # validate the committed files only

Outputs (serving/data/medical_expert/): train.jsonl, heldout.jsonl, system_prompt.txt, and the
data card serving/data/README.md. Held-out questions come only from held-out-only templates and
never appear verbatim in train. Stdlib + PyYAML only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from config.yaml_data import read_yaml

DATA_DIR = Path(__file__).resolve().parent
TABLE_PATH = DATA_DIR / "conditions.yaml"
OUT_DIR = DATA_DIR / "medical_expert"
SYSTEM_PROMPT_PATH = OUT_DIR / "system_prompt.txt"
README_PATH = DATA_DIR / "README.md"
SPLITS = ("train", "heldout")
LANGS = ("zh", "en")
SEED = 20250607

# The medical expert's system prompt: identical in every example and in serving (agents/registry).
# Kept <= 60 Qwen tokens because it is paid for on every training step and every request.
SYSTEM = (
    "你是旅小智的皮肤科医生助手（Trip Genius dermatology assistant）。"
    "用用户的语言按【初步判断】【护理建议】【何时就医】【温馨提示】"
    "/ Assessment, Care steps, When to see a doctor, Disclaimer 作答。"
    "危急时立即就医 / seek emergency care."
)

SECTION_HEADERS: dict[str, list[str]] = {
    "zh": ["【初步判断】", "【护理建议】", "【何时就医】", "【温馨提示】"],
    "en": ["Assessment:", "Care steps:", "When to see a doctor:", "Disclaimer:"],
}
# Every red-flag answer must contain all of these.
ESCALATION_PHRASES: dict[str, list[str]] = {
    "zh": ["立即就医", "急诊", "120"],
    "en": ["seek emergency care", "112/911"],
}
# A red-flag answer is first aid only: no topical product may be offered as treatment.
TOPICAL_WORDS: dict[str, list[str]] = {
    "zh": ["药膏", "乳膏", "软膏", "霜", "洗剂"],
    "en": ["cream", "ointment", "lotion", "gel"],
}
# Naming an OTC medicine obliges the answer to point to the label or a pharmacist.
OTC_NAMES: dict[str, list[str]] = {
    "zh": [
        "过氧化苯甲酰", "阿达帕林", "氢化可的松", "克霉唑", "特比萘芬", "西替利嗪", "氯雷他定",
        "阿昔洛韦", "米诺地尔", "水杨酸", "酮康唑", "二硫化硒", "吡硫锌", "氯化铝", "炉甘石",
        "对乙酰氨基酚", "布洛芬", "苄氯菊酯", "硅酮",
    ],
    "en": [
        "benzoyl peroxide", "adapalene", "hydrocortisone", "clotrimazole", "terbinafine",
        "cetirizine", "loratadine", "aciclovir", "minoxidil", "salicylic acid", "ketoconazole",
        "selenium sulfide", "zinc pyrithione", "aluminium chloride", "calamine", "paracetamol",
        "ibuprofen", "permethrin", "silicone",
    ],
}  # fmt: skip
LABEL_WORDS: dict[str, list[str]] = {"zh": ["说明书", "药师"], "en": ["label", "pharmacist"]}
PROMISE_PHRASES: dict[str, list[str]] = {
    "zh": ["可以根治", "能够根治", "保证治愈", "一定能治好", "彻底治愈", "永不复发"],
    "en": ["will cure", "guaranteed", "cure it completely", "permanently cure", "never come back"],
}
DOSING = re.compile(r"\d\s*(mg|毫克|ml|毫升|片/次|粒/次)|每次\s*\d|\d+\s*times a day", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")

# Answer length bounds (zh: characters; en: words) - roughly 120-220 Qwen tokens.
LENGTH_BOUNDS: dict[str, tuple[int, int]] = {"zh": (140, 285), "en": (80, 160)}
MIN_CARE_STEPS, MAX_CARE_STEPS = 2, 4

# Thresholds from the issue tracker.
MIN_TOTAL = 600
MIN_CONDITIONS = 25
MIN_LANG_SHARE = 0.40
MIN_HELDOUT_SHARE = 0.10
MIN_RED_FLAG_SHARE = 0.08


class DatasetError(ValueError):
    """The generated data breaks one of the rules in validate()."""


# --------------------------------------------------------------------------- table


def load_table(path: Path = TABLE_PATH) -> dict[str, Any]:
    table: dict[str, Any] = read_yaml(path)
    ids = [c["id"] for c in table["conditions"]]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    if dupes:
        raise DatasetError(f"duplicate condition ids: {dupes}")
    return table


def answer_length(text: str, lang: str) -> int:
    """zh: characters (no whitespace); en: words."""
    return len(re.sub(r"\s", "", text)) if lang == "zh" else len(text.split())


# --------------------------------------------------------------------------- generation


def fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in slots or not slots[name]:
            raise DatasetError(f"template {template!r} uses unknown slot {{{name}}}")
        return rng.choice(slots[name])

    return re.sub(r"\{(\w+)\}", pick, template)


def make_questions(
    templates: list[str],
    n: int,
    slots: dict[str, list[str]],
    prefixes: list[str],
    rng: random.Random,
    taken: set[str],
    where: str,
) -> list[str]:
    """n distinct questions, cycling through the templates so each one is used."""
    order = list(templates)
    rng.shuffle(order)
    out: list[str] = []
    for i in range(n):
        for attempt in range(400):
            template = order[(i + attempt // 40) % len(order)]
            question = rng.choice(prefixes) + fill(template, slots, rng)
            if question not in taken:
                taken.add(question)
                out.append(question)
                break
        else:
            raise DatasetError(f"{where}: cannot make {n} distinct questions; add templates")
    return out


def build_answer(cond: dict[str, Any], lang: str, style: dict[str, Any], rng: random.Random) -> str:
    block = cond[lang]
    red = bool(cond["red_flag"])
    openers = (cond.get("openers") or {}).get(lang) or style["red_openers" if red else "openers"]
    assessment = rng.choice(openers) + rng.choice(block["assessment"])
    if lang == "en":
        assessment = assessment[0].upper() + assessment[1:]
    core = list(block["care"])
    if not red and not cond.get("ordered_care"):  # first aid keeps its order
        rng.shuffle(core)
    extras = list(block.get("care_extra") or [])
    rng.shuffle(extras)
    k = rng.randint(0, min(len(extras), max(0, MAX_CARE_STEPS - len(core))))
    when = rng.choice(block["when"])
    disclaimer = rng.choice(style["red_disclaimers" if red else "disclaimers"])
    heads = SECTION_HEADERS[lang]
    while True:
        steps = core + extras[:k]  # extras go last: some refer back to a core step
        numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
        sep = "" if lang == "zh" else " "
        text = (
            f"{heads[0]}{sep}{assessment}\n{heads[1]}\n{numbered}\n"
            f"{heads[2]}{sep}{when}\n{heads[3]}{sep}{disclaimer}"
        )
        if answer_length(text, lang) <= LENGTH_BOUNDS[lang][1] or k == 0:
            return text
        k -= 1


def generate(table: dict[str, Any], seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    taken: set[str] = set()
    for cond in table["conditions"]:
        counts = table["counts"]["red_flag" if cond["red_flag"] else "regular"]
        for lang in LANGS:
            block = cond[lang]
            slots = {**table["slots"][lang], **(block.get("slots") or {})}
            prefixes = table["prefixes"][lang]
            where = f"{cond['id']}/{lang}"
            # Held-out first, from held-out-only templates, so train can never reuse them.
            questions = {
                "heldout": make_questions(
                    block["heldout_questions"], counts["heldout"], slots, prefixes, rng, taken,
                    where,
                ),
                "train": make_questions(
                    block["questions"], counts["train"], slots, prefixes, rng, taken, where
                ),
            }  # fmt: skip
            for split in SPLITS:
                for i, question in enumerate(questions[split]):
                    answer = build_answer(cond, lang, table["style"][lang], rng)
                    rows[split].append(
                        {
                            "id": f"{cond['id']}-{lang}-{split}-{i:02d}",
                            "condition": cond["id"],
                            "lang": lang,
                            "red_flag": bool(cond["red_flag"]),
                            "key_facts": list(cond["key_facts"][lang]),
                            "messages": [
                                {"role": "system", "content": SYSTEM},
                                {"role": "user", "content": question},
                                {"role": "assistant", "content": answer},
                            ],
                        }
                    )
    for split in SPLITS:
        rng.shuffle(rows[split])
    return rows


# --------------------------------------------------------------------------- io


def split_path(name: str) -> Path:
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; expected one of {SPLITS}")
    return OUT_DIR / f"{name}.jsonl"


def load_split(name: str) -> list[dict[str, Any]]:
    """Rows of one split ("train" or "heldout") as written by this module."""
    text = split_path(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_split(name: str, rows: list[dict[str, Any]]) -> None:
    lines = (json.dumps(r, ensure_ascii=False) for r in rows)
    split_path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- validation


def _contains(text: str, phrase: str, lang: str) -> bool:
    if lang == "zh":
        return phrase in text
    return re.search(rf"(?<![a-z]){re.escape(phrase.lower())}(?![a-z])", text.lower()) is not None


def section_lines(text: str, lang: str) -> list[str]:
    """Problems with the four-section layout of one answer (empty list = fine)."""
    heads = SECTION_HEADERS[lang]
    other = SECTION_HEADERS["en" if lang == "zh" else "zh"]
    lines = text.split("\n")
    problems: list[str] = []
    idx: list[int] = []
    for head in heads:
        hits = [i for i, line in enumerate(lines) if line.startswith(head)]
        if len(hits) != 1:
            return [f"header {head!r} found {len(hits)} times"]
        idx.append(hits[0])
    if idx != sorted(idx) or idx[0] != 0 or idx[3] != len(lines) - 1:
        problems.append(f"headers out of order or misplaced: {idx}")
        return problems
    if any(h in text for h in other):
        problems.append("headers of the other language present")
    for pos, head in ((0, heads[0]), (2, heads[2]), (3, heads[3])):
        if not lines[idx[pos]][len(head) :].strip():
            problems.append(f"empty section {head!r}")
    if lines[idx[1]] != heads[1]:
        problems.append("care header must stand on its own line")
    steps = lines[idx[1] + 1 : idx[2]]
    if idx[2] != idx[1] + 1 + len(steps) or idx[1] != idx[0] + 1:
        problems.append("stray lines between sections")
    if not MIN_CARE_STEPS <= len(steps) <= MAX_CARE_STEPS:
        problems.append(f"{len(steps)} care steps")
    for n, step in enumerate(steps, 1):
        if not re.match(rf"{n}\. \S", step):
            problems.append(f"care step {n} not numbered: {step[:20]!r}")
    disclaimer = lines[idx[3]][len(heads[3]) :].strip()
    if lang == "zh":
        if not disclaimer.endswith("。") or re.search(r"[。！？].", disclaimer):
            problems.append("disclaimer is not one sentence")
    elif not disclaimer.endswith(".") or re.search(r"[.!?] ", disclaimer):
        problems.append("disclaimer is not one sentence")
    return problems


def norm_question(question: str, table: dict[str, Any]) -> str:
    """A question without its polite lead-in, spaces and punctuation (for a stricter overlap)."""
    prefixes = sorted({p for lang in LANGS for p in table["prefixes"][lang] if p}, key=len)
    stripped = True
    while stripped:
        stripped = False
        for prefix in reversed(prefixes):
            if question.startswith(prefix):
                question, stripped = question[len(prefix) :], True
                break
    return re.sub(r"[\W_]+", "", question.lower())


def check_row(row: dict[str, Any]) -> list[str]:
    lang = row.get("lang")
    if lang not in LANGS:
        return [f"bad lang {lang!r}"]
    messages = row.get("messages") or []
    if [m.get("role") for m in messages] != ["system", "user", "assistant"]:
        return ["messages must be system, user, assistant"]
    system, user, answer = (m["content"] for m in messages)
    problems = section_lines(answer, lang)
    if system != SYSTEM:
        problems.append("system prompt differs from SYSTEM")
    if lang == "zh":
        han = len(CJK.findall(answer)) / max(1, answer_length(answer, "zh"))
        if not CJK.search(user) or han < 0.5:
            problems.append(f"zh row not in Chinese (answer Han share {han:.2f})")
    elif CJK.search(user) or CJK.search(answer):
        problems.append("en row contains Chinese characters")
    lo, hi = LENGTH_BOUNDS[lang]
    if not lo <= answer_length(answer, lang) <= hi:
        problems.append(f"answer length {answer_length(answer, lang)} outside {lo}-{hi}")
    for fact in row.get("key_facts") or []:
        if not _contains(answer, fact, lang):
            problems.append(f"key fact {fact!r} missing")
    if any(_contains(answer, name, lang) for name in OTC_NAMES[lang]) and not any(
        _contains(answer, w, lang) for w in LABEL_WORDS[lang]
    ):
        problems.append("OTC medicine named without 'label/pharmacist'")
    if DOSING.search(answer):
        problems.append("looks like dosing")
    if any(_contains(answer, p, lang) for p in PROMISE_PHRASES[lang]):
        problems.append("promises a cure")
    if row.get("red_flag"):
        for phrase in ESCALATION_PHRASES[lang]:
            if phrase not in answer:
                problems.append(f"red flag without {phrase!r}")
        for word in TOPICAL_WORDS[lang]:
            if _contains(answer, word, lang):
                problems.append(f"red-flag answer mentions {word!r}")
        first = answer.split("\n", 1)[0]
        urgent = "急" in first if lang == "zh" else re.search(r"emergency|urgent", first, re.I)
        if not urgent:
            problems.append("red-flag assessment does not say it may be an emergency")
    return problems


def compute_stats(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    every = [r for s in SPLITS for r in rows[s]]
    total = len(every)
    lengths: dict[str, list[int]] = {lang: [] for lang in LANGS}
    for r in every:
        text = r["messages"][2]["content"]
        lengths[r["lang"]].append(len(text))
    words_en = [
        answer_length(r["messages"][2]["content"], "en") for r in every if r["lang"] == "en"
    ]
    return {
        "total": total,
        "splits": {s: len(rows[s]) for s in SPLITS},
        "by_split_lang": {s: dict(Counter(r["lang"] for r in rows[s])) for s in SPLITS},
        "by_split_red": {
            s: dict(Counter(r["lang"] for r in rows[s] if r["red_flag"])) for s in SPLITS
        },
        "conditions": sorted({r["condition"] for r in every}),
        "heldout_conditions": sorted({r["condition"] for r in rows["heldout"]}),
        "by_condition": {
            c: {s: sum(r["condition"] == c for r in rows[s]) for s in SPLITS}
            for c in sorted({r["condition"] for r in every})
        },
        "lang_share": {
            lang: sum(r["lang"] == lang for r in every) / max(1, total) for lang in LANGS
        },
        "heldout_share": len(rows["heldout"]) / max(1, total),
        "red_flag_share": sum(r["red_flag"] for r in every) / max(1, total),
        "mean_answer_chars": {
            lang: round(statistics.mean(v), 1) if v else 0.0 for lang, v in lengths.items()
        },
        "answer_chars_range": {
            lang: (min(v), max(v)) if v else (0, 0) for lang, v in lengths.items()
        },
        "mean_answer_words_en": round(statistics.mean(words_en), 1) if words_en else 0.0,
    }


def validate(
    rows: dict[str, list[dict[str, Any]]] | None = None, table: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Check the splits against every rule; raise DatasetError listing all problems.

    Rules: four headers in order per language (numbered 2-4 care steps, one-sentence
    disclaimer), language consistency, key facts present, OTC names come with "label/pharmacist",
    no dosing or cure promises, red flags escalate (and offer no topical products), one system
    prompt equal to system_prompt.txt, no held-out question in train (exact and normalised),
    and the size/share thresholds. Returns the dataset statistics.
    """
    rows = rows if rows is not None else {s: load_split(s) for s in SPLITS}
    table = table if table is not None else load_table()
    problems: list[str] = []
    for split in SPLITS:
        for row in rows[split]:
            problems += [f"{split}/{row.get('id')}: {p}" for p in check_row(row)]
    every = [r for s in SPLITS for r in rows[s]]
    ids = Counter(r["id"] for r in every)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    if SYSTEM_PROMPT_PATH.exists():
        if SYSTEM_PROMPT_PATH.read_text(encoding="utf-8").strip() != SYSTEM:
            problems.append("system_prompt.txt differs from SYSTEM")
    else:
        problems.append("system_prompt.txt missing")

    def question(r: dict[str, Any]) -> str:
        return str(r["messages"][1]["content"])

    train_q = {question(r) for r in rows["train"]}
    train_norm = {norm_question(q, table) for q in train_q}
    for r in rows["heldout"]:
        if question(r) in train_q:
            problems.append(f"held-out question appears in train: {r['id']}")
        elif norm_question(question(r), table) in train_norm:
            problems.append(f"held-out question matches a train question up to lead-in: {r['id']}")
    dup_q = [q for q, n in Counter(question(r) for r in every).items() if n > 1]
    problems += [f"duplicate question {q!r}" for q in dup_q]

    stats = compute_stats(rows)
    if stats["total"] < MIN_TOTAL:
        problems.append(f"only {stats['total']} examples (< {MIN_TOTAL})")
    if len(stats["conditions"]) < MIN_CONDITIONS:
        problems.append(f"only {len(stats['conditions'])} conditions (< {MIN_CONDITIONS})")
    for lang, share in stats["lang_share"].items():
        if share < MIN_LANG_SHARE:
            problems.append(f"{lang} share {share:.1%} < {MIN_LANG_SHARE:.0%}")
    if stats["heldout_share"] < MIN_HELDOUT_SHARE:
        problems.append(f"held-out share {stats['heldout_share']:.1%} < {MIN_HELDOUT_SHARE:.0%}")
    if stats["red_flag_share"] < MIN_RED_FLAG_SHARE:
        problems.append(f"red-flag share {stats['red_flag_share']:.1%} < {MIN_RED_FLAG_SHARE:.0%}")
    for split in SPLITS:
        for lang in LANGS:
            if not stats["by_split_red"][split].get(lang):
                problems.append(f"no {lang} red-flag examples in {split}")
    if len(stats["heldout_conditions"]) < MIN_CONDITIONS:
        problems.append(f"held-out covers only {len(stats['heldout_conditions'])} conditions")
    if problems:
        shown = "\n  ".join(problems[:50])
        raise DatasetError(f"{len(problems)} problem(s):\n  {shown}")
    return stats


# --------------------------------------------------------------------------- data card


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_readme(table: dict[str, Any], stats: dict[str, Any]) -> str:
    """The data card, regenerated with the data so counts and checksums never go stale."""
    source_rows = []
    for cond in table["conditions"]:
        cites = "; ".join(
            f"{s['org']}: [{s['title']}]({s['url']})"
            if s.get("url")
            else f"{s['org']}: {s['title']}"
            for s in cond["sources"]
        )
        flag = "yes" if cond["red_flag"] else ""
        names = f"{cond['names']['en']} / {cond['names']['zh']}"
        source_rows.append(
            f"| `{cond['id']}` | {_md_escape(names)} | {flag} | {_md_escape(cites)} |"
        )
    split_rows = []
    for split in SPLITS:
        langs = stats["by_split_lang"][split]
        red = stats["by_split_red"][split]
        split_rows.append(
            f"| {split} | {stats['splits'][split]} | {langs.get('zh', 0)} | {langs.get('en', 0)} "
            f"| {red.get('zh', 0) + red.get('en', 0)} | `{sha256_of(split_path(split))}` |"
        )
    zh_lo, zh_hi = stats["answer_chars_range"]["zh"]
    en_lo, en_hi = stats["answer_chars_range"]["en"]
    heads_zh = " ".join(f"`{h}`" for h in SECTION_HEADERS["zh"])
    heads_en = " ".join(f"`{h}`" for h in SECTION_HEADERS["en"])
    return f"""# Medical-expert SFT data (AI 皮肤科医生 / `medical-expert`)

Generated by `python -m serving.data.build_dataset` from `conditions.yaml`; do not edit the JSONL
files or this card by hand - edit the table or the generator and re-run.

## Purpose

Supervised fine-tuning data for the LoRA adapter behind Trip Genius's dermatology expert
(Qwen2.5-Coder-0.5B-Instruct). It teaches *how the expert answers*: short, conservative,
bilingual, always in the same four sections, and always escalating red-flag presentations to
emergency care. It is not a medical knowledge base and not an evaluation of clinical accuracy.

## How it is generated

* `conditions.yaml` holds one entry per condition or concern: names (zh/en), cited sources,
  key facts, 2 assessment variants, 2-3 core care steps (+ optional extra steps), 2 "when to see
  a doctor" variants and 5 question templates per language, plus 1 held-out-only template.
* `build_dataset.py` (fixed seed {SEED}, stdlib + PyYAML) fills template slots (places such as
  三亚 / Yunnan / Tibet, durations, ages, body sites), adds optional polite lead-ins, and
  assembles answers by sampling an opener, an assessment, a `when` variant and a disclaimer,
  shuffling the core care steps and appending 0-2 optional extra steps (red-flag first aid and
  entries marked `ordered_care` keep their order). The same inputs always produce
  byte-identical files.
* `validate()` rejects the build unless every rule below holds.

## Size, splits and languages

| split | examples | zh | en | red-flag | SHA-256 |
|---|---|---|---|---|---|
{chr(10).join(split_rows)}

* Total: {stats["total"]} examples, {len(stats["conditions"])} conditions/concerns
  ({sum(c["red_flag"] for c in table["conditions"])} of them red-flag presentations).
* Languages: zh {stats["lang_share"]["zh"]:.1%}, en {stats["lang_share"]["en"]:.1%};
  Chinese questions get Chinese answers, English questions English answers.
* Held-out: {stats["heldout_share"]:.1%} of examples, covering
  {len(stats["heldout_conditions"])} conditions in both languages, including red flags.
  Held-out questions come only from held-out-only templates and none appears in train (exact
  string check, plus a check that ignores lead-ins and punctuation).
* Red-flag share: {stats["red_flag_share"]:.1%} of all examples.
* Answer length: zh mean {stats["mean_answer_chars"]["zh"]} characters (range {zh_lo}-{zh_hi});
  en mean {stats["mean_answer_chars"]["en"]} characters / {stats["mean_answer_words_en"]} words
  (range {en_lo}-{en_hi} characters). Measured with the Qwen2.5 tokenizer at creation time,
  answers were 130-230 tokens (mean about 180) and the system prompt 59 tokens.

## Record format

One JSON object per line (UTF-8, `ensure_ascii=False`):
`{{"id", "condition", "lang": "zh"|"en", "red_flag", "key_facts": [...], "messages": [system,
user, assistant]}}`. The system message is identical everywhere and equals
`medical_expert/system_prompt.txt`, which serving also loads (`agents/registry.py`).
`key_facts` are short phrases every answer for that condition contains, for a key-fact recall
score on the held-out split. Other code should read the splits with
`serving.data.build_dataset.load_split("train" | "heldout")`.

## Answer structure

* Chinese: {heads_zh}
* English: {heads_en}

The care section is a numbered list of 2-4 steps. The disclaimer is one sentence. Red-flag
answers say the situation may be an emergency, give first aid only while waiting for help (no
cream or other topical product as treatment) and say to go now: Chinese answers contain
`立即就医`, `急诊` and `120`; English answers contain `seek emergency care` and `112/911`.
Whenever an over-the-counter medicine is named (generic names only, e.g. benzoyl peroxide
2.5-5%, adapalene 0.1%, 1% hydrocortisone short-term, clotrimazole/terbinafine, cetirizine/
loratadine) the answer also says to follow the label or ask a pharmacist; there is no
prescription-drug dosing and no promise of a cure.

## Sources per condition

Facts are paraphrased (not copied) from the public guidance below. Chinese guideline entries
cite the published guideline/consensus title (journal publications, no stable public URL).

| id | condition | red flag | sources |
|---|---|---|---|
{chr(10).join(source_rows)}

## Intended use and limits

* Intended use: fine-tuning and evaluating the `medical-expert` adapter's answer format, tone,
  language-following and escalation behaviour inside Trip Genius.
* Not for: diagnosis, treatment decisions, or as a source of medical truth. Answers are
  templated general information for common, mostly self-limiting problems; they cannot see the
  skin, do not cover children's dosing, pregnancy specifics, skin of colour presentation
  differences, or regional product availability (e.g. adapalene is prescription-only in some
  countries), and emergency numbers other than 120 / 112 / 911 are only mentioned generically.
* Templated data is repetitive by design: a model trained on it learns the structure well but
  may reproduce the same phrasings; held-out scores overstate performance on free-form user
  questions.
* Medical content was written from the cited guidance and reviewed for conservatism, but not
  by a licensed clinician; have a clinician review `conditions.yaml` before any real-world use.

## Licence

Apache-2.0 for `build_dataset.py`, `conditions.yaml` and the generated files. The medical facts
are paraphrased from the cited public guidance; the cited organisations own their original
texts and do not endorse this dataset.
"""


# --------------------------------------------------------------------------- cli


def print_counts(stats: dict[str, Any]) -> None:
    print(f"total {stats['total']}  conditions {len(stats['conditions'])}")
    for split in SPLITS:
        langs = stats["by_split_lang"][split]
        red = stats["by_split_red"][split]
        print(
            f"{split:8s} {stats['splits'][split]:4d}  zh {langs.get('zh', 0):4d}  "
            f"en {langs.get('en', 0):4d}  red-flag zh {red.get('zh', 0)} en {red.get('en', 0)}"
        )
    shares = ", ".join(f"{k} {v:.1%}" for k, v in stats["lang_share"].items())
    print(
        f"languages {shares}; held-out {stats['heldout_share']:.1%}; "
        f"red-flag {stats['red_flag_share']:.1%}"
    )
    print(
        f"mean answer chars zh {stats['mean_answer_chars']['zh']} "
        f"en {stats['mean_answer_chars']['en']} (en words {stats['mean_answer_words_en']})"
    )
    print("per condition (train/heldout):")
    for cond, by in stats["by_condition"].items():
        print(f"  {cond:28s} {by['train']:3d} / {by['heldout']:2d}")


def build(seed: int = SEED) -> dict[str, Any]:
    table = load_table()
    rows = generate(table, seed)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    SYSTEM_PROMPT_PATH.write_text(SYSTEM + "\n", encoding="utf-8")
    for split in SPLITS:
        write_split(split, rows[split])
    stats = validate(rows, table)
    README_PATH.write_text(render_readme(table, stats), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="validate the existing files only")
    args = parser.parse_args(argv)
    try:
        stats = validate() if args.check else build()
    except DatasetError as err:
        print(f"dataset invalid: {err}", file=sys.stderr)
        return 1
    print_counts(stats)
    print("validation passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
