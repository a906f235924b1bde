"""The groups of Trip Genius's settings, one per concern, each read from its flat `TG_` names.

A field's environment variable is its group's `env_prefix` + its name in capitals, or its
`validation_alias` where the name inside the group is shorter (`api.host` is `TG_API_HOST`):
the names the deployment guide, compose file and `.env.example` use never change with the
grouping. `config/settings.py` puts the groups together and reads the environment.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, model_validator

from config.embedded_models import EMBEDDED_MODELS, EmbeddedModel

REPO_ROOT = Path(__file__).resolve().parent.parent


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 / ::1; false for 0.0.0.0, :: and real interfaces."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_origin(value: str) -> bool:
    """`scheme://host[:port]` exactly as a browser's Origin header spells it."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not parts.username
        and value == f"{parts.scheme}://{parts.netloc}"
    )


class SettingGroup(BaseModel):
    """Fields are set by name in code (`ApiSettings(host=...)`), by their flat name in the env."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    env_prefix: ClassVar[str] = "TG_"


class PathSettings(SettingGroup):
    """Where things live: caches, fitted start-up models, adapters."""

    env_prefix: ClassVar[str] = "TG_"

    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "trip-genius",
        description="Virtualenv of vLLM and converted models; outside the clone, reused by runs.",
    )
    fitted_cache: bool = Field(
        default=True,
        description="Keep the start-up models (retrieval, triage) fitted in cache_dir/fitted and "
        "reuse them while their data and code are unchanged (about 7 s CPU per start).",
    )
    saves_dir: Path = Field(
        default=REPO_ROOT / "saves",
        description="LoRA adapters, laid out as saves/<base>/lora/<adapter>-<version>.",
    )

    @property
    def fitted_models_dir(self) -> Path | None:
        return self.cache_dir / "fitted" if self.fitted_cache else None


class LlmSettings(SettingGroup):
    """The models and the OpenAI-compatible endpoint the agents talk to."""

    env_prefix: ClassVar[str] = "TG_"

    base_model: str = Field(
        default="qwen2.5-coder-0.5b",
        description=(
            "An embedded model key (qwen2.5-coder-0.5b, qwen2.5-coder-1.5b) or any Hugging Face "
            "model id or local path (Qwen/Qwen1.5-7B-Chat in production)."
        ),
    )
    served_model_name: str | None = Field(
        default=None, description="Name vLLM serves the base model under; derived when unset."
    )
    medical_model: str = Field(
        default="medical-expert", description="Served name of the dermatology LoRA adapter."
    )
    medical_adapter_version: str = Field(
        default="v4",
        description="Which saves/<base>/lora/medical-expert-<version> is served as medical-expert "
        "(v4: best on the held-out evaluation, serving/README.md).",
    )
    medical_adapter_dir: Path | None = Field(
        default=None, description="Explicit adapter directory; overrides the versioned path."
    )
    openai_api_base: str = Field(
        default="http://127.0.0.1:8000/v1",
        validation_alias=AliasChoices("TG_OPENAI_API_BASE", "OPENAI_API_BASE"),
    )
    openai_api_key: SecretStr = Field(
        default=SecretStr("EMPTY"),
        validation_alias=AliasChoices("TG_OPENAI_API_KEY", "OPENAI_API_KEY"),
    )
    backend: Literal["openai", "fake"] = Field(
        validation_alias="TG_LLM_BACKEND",
        default="openai",
        description="'fake' swaps every chat model for a scripted one (unit tests, UI work).",
    )
    temperature: float = Field(default=0.7, ge=0.0, le=2.0)
    medical_temperature: float = Field(default=0.3, ge=0.0, le=2.0)
    max_tokens: int = Field(
        default=384, gt=0, description="The most tokens any answer may have (experts may ask less)."
    )
    timeout_s: float = Field(validation_alias="TG_LLM_TIMEOUT_S", default=120.0, gt=0)

    @property
    def embedded(self) -> EmbeddedModel | None:
        return EMBEDDED_MODELS.get(self.base_model)

    @property
    def base_model_name(self) -> str:
        """The model name clients send for the base model (vLLM's --served-model-name)."""
        if self.served_model_name:
            return self.served_model_name
        return self.embedded.served_name if self.embedded else self.base_model


class GraphSettings(SettingGroup):
    """How the supervisor graph builds prompts: grounding, tools, history (issue 4)."""

    env_prefix: ClassVar[str] = "TG_"

    kb_grounding: bool = Field(
        default=True,
        description="Put a fact sheet of the destinations the thread mentions in the prompt.",
    )
    guard_release: Literal["clause", "word", "token"] = Field(
        default="token",
        description=(
            "How much of a guarded sentence is shown before the sentence ends, while no hazard "
            "pattern can have begun in it (agents/guard/release.py): up to its last clause break, "
            "or up to its last whole word (offline replay: 7 → 0 tokens held p50 before the first "
            "text, same blocks; benchmarks/README.md), or `token`: the answer's first text as "
            "soon as it is proven clear, even mid-word, then by whole words (an English first "
            "word need not wait for the next token). Default `token` since 12-02 (speed-8): "
            "live on the shared vLLM, /chat − direct TTFT p50 403 → 34 ms against clause on a "
            "quiet box, the guard's hold p95 6.0 s → 0.24 s on a busy one, same verdicts "
            "(benchmarks/README.md)."
        ),
    )
    travel_part_only: bool = Field(
        default=True,
        description=(
            "When the doctor shares the turn, a travel expert is handed only the travel part of "
            "the newest message (its health sentences removed, their destination and trip "
            "length kept as a context line): agents/travel_part.py."
        ),
    )
    tool_calling: bool = Field(
        default=False,
        description=(
            "Bind the knowledge-base tools to the travel experts. Needs a model that calls "
            "tools and vLLM started with --enable-auto-tool-choice --tool-call-parser hermes."
        ),
    )
    tool_call_parser: str = Field(
        default="hermes",
        description="vLLM --tool-call-parser when tool_calling is on (hermes suits Qwen).",
    )
    tool_max_rounds: int = Field(default=3, gt=0, description="Tool calls per answer, at most.")
    history_max_tokens: int = Field(
        default=2048, gt=0, description="Conversation history kept in the prompt (approx tokens)."
    )
    context_window: int | None = Field(
        default=None,
        gt=0,
        description="The model's context window in tokens; vllm.max_model_len when unset.",
    )


class RouterSettings(SettingGroup):
    """Which router picks the experts of a turn."""

    env_prefix: ClassVar[str] = "TG_ROUTER_"

    mode: Literal["triage", "classifier", "llm"] = Field(
        validation_alias="TG_ROUTER",
        default="triage",
        description=(
            "triage: the triage layers (the triage adapter when triage.model is set and served, "
            "else the multi-label classifier; evals/triage/); classifier: the older char n-gram "
            "router + thread policy; llm: structured output from router.model, classifier fallback."
        ),
    )
    model: str | None = Field(
        default=None, description="Served model the LLM router asks; the base model when unset."
    )


class TriageSettings(SettingGroup):
    """The triage layers in front of the router (graph/triage/)."""

    env_prefix: ClassVar[str] = "TG_TRIAGE_"

    model: str | None = Field(
        default=None,
        description="Served name of the triage LoRA adapter (e.g. 'triage'); unset: the "
        "classifier triages alone (it is also the fallback whenever the model fails).",
    )
    adapter_version: str = Field(
        default="v1",
        description="Which saves/<base>/lora/triage-<version> is served as triage.model.",
    )
    veto: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="With triage.model only: escalate when the classifier's emergency score "
        "reaches this even if the triage model says otherwise (a second net under the model; it "
        "only ever adds escalations, never removes a rules hit). Not measured yet: off.",
    )
    labels_route: bool = Field(
        default=False,
        description="Without a triage model, route by the classifier's own labels (every expert "
        "over its threshold: both sides of a multi-intent turn) instead of its escalation net in "
        "front of the older router. Validation: caught 0.86 -> 0.93, exact set 0.66 -> 0.68, "
        "multi-intent 0.07 -> 0.54; but 21 scripted conversations (tests/unit/"
        "test_conversations.py) get a spurious second expert or lose one: off until they agree.",
    )
    second_expert: float | None = Field(
        default=0.4,
        ge=0.0,
        le=1.0,
        description="Without triage.labels_route: add to the older router's choice (or to the "
        "triage adapter's answer) every answering expert the classifier scores at least this, so a "
        "multi-intent turn keeps both sides. Validation (evals/triage/detector_grid.py): "
        "multi-intent 0.07 -> 0.22, exact set 0.68 -> 0.69; at 0.35 a Rome itinerary gains "
        "the doctor in the scripted conversations. None: off.",
    )
    second_expert_several: float | None = Field(
        default=0.35,
        ge=0.0,
        le=1.0,
        description="With triage.second_expert: the lower bar for a turn that chains two or more "
        "clauses or questions (graph/triage/asks.yaml), where a second ask is likely. Chosen on "
        "validation with the scripted conversations as a constraint (0.3 and below give a "
        "fever question the itinerary too; evals/triage/results/README.md, 2026-12-02): "
        "multi-intent 13 -> 16 of 59. None: off.",
    )
    primary_from_classifier: bool = Field(
        default=True,
        description="Without triage.labels_route: the first expert is the triage classifier's "
        "best answering label (or out-of-scope) instead of the older router's, except on a turn "
        "the older router reads as a follow-up (its thread policy stays). "
        "evals/triage/results/README.md, 2026-12-02d.",
    )
    keep_replaced: frozenset[str] = Field(
        default=frozenset({"medical"}),
        description="With primary_from_classifier: a replaced first expert in this set stays "
        "behind the new lead (the doctor: a blister told with a day at Disneyland lost the doctor "
        "to the itinerary expert). Validation exact set 401 -> 403, multi-intent 20 -> 23 of 59, "
        "scripted conversations all exact (evals/triage/results/keep_doctor_rule_2026-12-04.md). "
        "Empty: dropped, as before.",
    )
    ask_bar: float | None = Field(
        default=0.6,
        ge=0.0,
        le=1.0,
        description="Without triage.labels_route: each ask of a turn of several (asks.yaml "
        "breaks, spaces between CJK characters), read by a model trained on asks "
        "(graph/triage/asks.py, trained on ask-level labels with a 'none' class for background), "
        "adds its best answering expert at this probability or more. None: off. "
        "evals/triage/results/README.md, 2026-12-02d and 2026-12-02e (0.8 -> 0.6).",
    )
    rules_veto: float | None = Field(
        default=0.1,
        ge=0.0,
        le=1.0,
        description="Drop a red-flag rules hit whose flags are all idiom-prone (breathing, "
        "altered consciousness, chest pain) when the classifier's emergency and self-harm scores "
        "are both below this (graph/triage/veto.py; validation: false alarms on hard negatives "
        "0.116 -> 0.070, no emergency lost). 0 (or None): the rules alone decide.",
    )
    veto_framing: float | None = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        description="With rules_veto on: also drop a rules hit (any flag but self-harm) on a "
        "turn framed as past and recovered, hypothetical or a first-aid course "
        "(graph/triage/veto_framing.yaml) when the classifier's emergency and self-harm scores "
        "are below this and no detector fires. None: off. Validation (evals/triage/veto_grid.py): "
        "false alarms on hard negatives 6 -> 3/129, no emergency lost (2026-12-02e).",
    )
    urgent_medical: float | None = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="Without a triage model's category: an emergency escalation that comes only "
        "from a statistical net (no red-flag rule, not self-harm) on a turn the classifier scores "
        "as the doctor's at least this much, with its emergency score below "
        "triage.urgent_emergency_below, is answered by the doctor under an urgent-care banner "
        "(call-now signs, the local numbers, otherwise a doctor today) instead of the ambulance "
        "template; the safety event is still emitted (level `urgent`). graph/triage/urgent.py. "
        "None: off. Chosen on validation + its look-alike supplement by "
        "evals/triage/urgent_care.py (2026-12-02, triage-9): supplement false alarms (told to "
        "call now, end to end) 15 -> 10/36, no emergency stops being told to call now.",
    )
    urgent_emergency_below: float = Field(
        default=0.8,
        ge=0.0,
        le=1.01,
        description="With triage.urgent_medical: a net escalation whose classifier emergency "
        "score is at least this keeps the ambulance template. 0.7 (triage-9) -> 0.8 (2026-12-02 "
        "evening): the same written rule re-run on the grid after doctor-9's card changes "
        "(evals/triage/results/urgent_care_2026-12-02.md).",
    )
    meaning_url: str | None = Field(
        default=None,
        description="The reading server (serving/embedder.py: the base model's first layers, "
        "mean-pooled) whose reading of the turn helps choose the leading expert "
        "(graph/triage/meaning.py). `make run` starts one and sets this. Unset, down or slow: "
        "the char classifier leads alone. Escalation reads it only as an extra net "
        "(triage.reading_*_bar): the rules and char nets never wait on it.",
    )
    meaning_port: int | None = Field(
        default=8302,
        description="Where `make run` starts the reading server (on vllm.host). None: not "
        "started (triage.meaning_url as given).",
    )
    meaning_threads: int = Field(
        default=1,
        ge=1,
        description="Torch threads of the reading server `make run` starts. One: beside vLLM's "
        "two pinned OpenMP threads on 2 cores, a pass split over two threads waits at every "
        "layer for a preempted one (p50 ~0.2 s -> ~1 s beside two decode streams; "
        "benchmarks/results/reading_threads.md); one thread reads the same vectors.",
    )
    meaning_weight: float = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        description="How much of the reading layer's scores the leading expert is chosen by "
        "(the rest: the char classifier's). Chosen on validation by a rule written first "
        "(evals/triage/meaning_grid.py, results/meaning_rule_2026-12-03.md): exact expert set "
        "387 -> 401/506, escalation unchanged by construction, scripted conversations kept.",
    )
    category_bar: float | None = Field(
        default=0.4,
        ge=0.0,
        le=1.0,
        description="With triage.meaning_url: a net's escalation that no rule, doctor's sign or "
        "open emergency names gets the first aid of the category the reading layer's category "
        "reader gives at P >= this (graph/triage/category_reader.py). None: off. Chosen on "
        "validation by a rule written first (evals/triage/results/"
        "category_reader_rule_2026-12-07g.md): the lowest bar with <= 1 in 10 named wrong.",
    )
    meaning_timeout_s: float = Field(
        default=0.5,
        gt=0.0,
        description="A turn waits at most this for the reading server, then the chars lead.",
    )
    reading_self_harm_bar: float | None = Field(
        default=0.9,
        ge=0.0,
        le=1.0,
        description="With triage.meaning_url: the reading layer's own P(self_harm) at or above "
        "this gives the crisis reply to a turn the char classifier did not escalate. None: off. "
        "Chosen on validation by a rule written first, confirmed on fresh turns "
        "(evals/triage/results/reading_nets_rule_2026-12-03.md): validation unchanged, fresh "
        "self-harm turns given the crisis reply 57 -> 59/62, no false alarm added.",
    )
    reading_emergency_bar: float | None = Field(
        default=0.9,
        ge=0.0,
        le=1.0,
        description="With triage.meaning_url: the reading layer's own P(emergency) at or above "
        "this escalates (as a net: the urgent-care tier may soften it) a turn the char "
        "classifier did not. None: off. Same rule: validation false alarms unchanged (8/369, "
        "supplement 5 -> 6/36), fresh emergencies told to call now 246 -> 247/251, no false "
        "alarm added on 448 fresh ordinary turns.",
    )
    reading_emergency_veto: float | None = Field(
        default=0.05,
        ge=0.0,
        le=1.0,
        description="With triage.meaning_url: a net-only emergency alarm of the char models (not a "
        "rule, not self-harm; the older router's own emergency class too) is dropped when the "
        "reading layer's own P(emergency) is under this and its P(self_harm) under 0.3 ('my "
        "husband and I want 4 days in Lhasa' got the emergency reply). None: off. Chosen by a "
        "rule written first (evals/triage/results/people_mask_rule_2026-12-07i.md, amendment 2): "
        "companion trip asks given the emergency reply 6/65 -> 0/65, 3/20 -> 1/20 on a file "
        "written after; validation and five fresh emergency files unchanged; a bar of 0.5 loses "
        "emergencies (control).",
    )
    reading_ask_bar: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="With triage.meaning_url and triage.ask_bar: each ask of a turn of several is "
        "also read by the reading layer's meaning vectors (graph/triage/ask_meaning.py, fitted on "
        "the training asks) and adds its best answering expert at this probability or more (how it "
        "joins the chars' reading: triage.reading_ask_mix). None: off. Reading server down: the "
        "chars read the asks alone "
        "(evals/triage/results/h139_multi_intent_reading_rule_2026-12-08.md).",
    )
    reading_ask_mix: Literal["union", "average", "replace", "agree"] = Field(
        default="average",
        description="What the per-ask meaning reading adds at triage.reading_ask_bar: 'union' its "
        "own best label beside the chars' reading, 'average' the two readers' probabilities "
        "averaged per ask beside the chars' reading, 'replace' the average instead of it, "
        "'agree' both readers' same best label, each at the bar, beside the chars' reading.",
    )


class DoctorSettings(SettingGroup):
    """How the doctor answers health questions (agents/card_answer.py)."""

    env_prefix: ClassVar[str] = "TG_"

    answer: Literal["card_led", "model"] = Field(
        validation_alias="TG_DOCTOR_ANSWER",
        default="card_led",
        description="card_led: a question that opens a health topic is answered from the "
        "vetted condition card(s) retrieval finds (or 'cannot tell' / 'not a skin question' / "
        "'ask the prescriber'), with no model; follow-ups on it are answered as "
        "TG_DOCTOR_FOLLOW_UPS says. model: the adapter answers every turn "
        "(agents/card_answer.py; chosen on validation, evals/medical/results/).",
    )
    follow_ups: Literal["card_lines", "model"] = Field(
        validation_alias="TG_DOCTOR_FOLLOW_UPS",
        default="card_lines",
        description="A card-led follow-up the card's asked answers do not cover: card_lines "
        "quotes the card's closest sentences, its don'ts and when to see a doctor "
        "(agents/card_lines.py); model: the medical adapter writes it with the cards and the "
        "guard (before 2026-12-03; served read 2026-12-03e: another condition named, wrong "
        "emergency numbers, 'yes' to a steroid on a baby).",
    )
    card_margin: float = Field(
        default=0.1,
        ge=0.0,
        le=1.0,
        description="A card-led answer names one condition only when its retrieval score leads "
        "the next card's by this much; closer, it lists the candidates (chosen on validation: "
        "python -m evals.medical.card_led --grid).",
    )


class VllmSettings(SettingGroup):
    """The vLLM server we start (embedded default; serving/vllm_server.py)."""

    env_prefix: ClassVar[str] = "TG_VLLM_"

    python: Path | None = Field(
        default=None,
        description="Python of an existing vLLM environment; unset: build one in cache_dir.",
    )
    torch_spec: str = Field(
        default="torch==2.13.0",
        description="Installed before vLLM so pip takes the CPU wheel instead of a CUDA build.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    max_model_len: int = 4096
    max_lora_rank: int = 8
    max_loras: int = Field(
        default=1,
        gt=0,
        description=(
            "Adapters usable in one batch. vLLM gets --max-loras max(this, adapters served) + 1: "
            "an empty slot works around the CPU wheel applying the last slot's adapter to "
            "base-model requests (vllm#48421). Raise it by the adapters you load at run time."
        ),
    )
    extra_adapter_versions: list[str] = Field(
        default_factory=list,
        description=(
            "Saved medical-expert versions also served by name (medical-expert-<version>) beside "
            'medical-expert, e.g. \'["v1", "v3"]\' to compare them; \'["all"]\' serves every '
            "saved version. Default: only the version in use (every served adapter costs a LoRA "
            "slot, benchmarks/README.md). One-off versions can also be loaded at run time "
            "(allow_runtime_lora_updating, serving/README.md)."
        ),
    )
    max_cpu_loras: int | None = Field(
        default=None,
        gt=0,
        description="vLLM --max-cpu-loras: adapters cached in CPU memory; vLLM: max_loras.",
    )
    allow_runtime_lora_updating: bool = Field(
        default=False,
        description=(
            "Sets VLLM_ALLOW_RUNTIME_LORA_UPDATING: vLLM's /v1/load_lora_adapter and "
            "/v1/unload_lora_adapter load any adapter path the vLLM host can read, or unload "
            "medical-expert, for anyone who reaches the vLLM port (unauthenticated unless vLLM "
            "has an --api-key). Development only; keep the port private."
        ),
    )
    weights: Literal["bf16", "int8"] = Field(
        default="bf16",
        description=(
            "The base weights vLLM serves: 'bf16' as converted, or 'int8' = a per-channel int8 "
            "copy (W8A8, serving/quantize_int8.py) written once beside it; half the bytes a "
            "decode step reads. Local bases only (the embedded default or a folder)."
        ),
    )
    lora_ops: Literal["grouped", "cached"] = Field(
        default="grouped",
        description=(
            "Our CPU LoRA arithmetic in vLLM (serving/vllm_plugins, passed as TG_VLLM_LORA_OPS): "
            "'grouped' = one matmul per adapter in the batch (v1); 'cached' = the same matmuls, "
            "with each step's slots, the fp32 A stacks and one layer's slices handled once "
            "(v3, benchmarks/README.md). VLLM_PLUGINS=none runs vLLM's own."
        ),
    )
    kvcache_space_gib: int = 2
    cpu_threads_bind: str = Field(
        default="all",
        description=(
            "VLLM_CPU_OMP_THREADS_BIND of the CPU vLLM: 'all' = every CPU this process may run "
            "on; 'auto' = vLLM's default, which reserves one core for its scheduler (half of a "
            "2-core box: 1.3-1.4x slower when the box is quiet, benchmarks/README.md); "
            "'nobind'; or a list like '0-7'."
        ),
    )
    startup_timeout_s: float = 900.0
    extra_args: list[str] = Field(default_factory=list)


class ApiSettings(SettingGroup):
    """The HTTP API: bind, keys, dev mode, limits, timeouts, exposure (issues 5, 7, 12)."""

    env_prefix: ClassVar[str] = "TG_"

    host: str = Field(default="127.0.0.1", validation_alias="TG_API_HOST")
    port: int = Field(default=8080, validation_alias="TG_API_PORT")
    keys: dict[str, SecretStr] = Field(
        validation_alias="TG_API_KEYS",
        default_factory=dict,
        description=(
            'Bearer API keys as JSON {"<owner>": "<key>", ...}; each owner sees only its own '
            "threads. Requests without a valid key get 401."
        ),
    )
    dev_mode: bool = Field(
        default=False,
        description=(
            "Local development: requests without a key are served as owner 'dev' when they come "
            "from loopback. Refused unless api.host is a loopback address."
        ),
    )
    max_message_chars: int = Field(default=8000, gt=0)
    max_body_bytes: int = Field(default=65536, gt=0, description="Larger bodies get 413.")
    rate_limit_per_minute: int = Field(
        default=60, gt=0, description="Requests per API key per minute (moving window); 429."
    )
    max_concurrent_streams: int = Field(
        default=8, gt=0, description="Replies generated at once by this process; more get 503."
    )
    max_streams_per_owner: int = Field(
        default=4,
        gt=0,
        description="Replies generated at once for one API key (owner); more get 429.",
    )
    retry_after_s: int = Field(default=5, gt=0, description="Retry-After sent with 429/503.")
    run_timeout_s: float = Field(
        default=300.0, gt=0, description="Wall-clock limit for one reply, however slow the model."
    )
    sse_ping_s: float = Field(default=15.0, gt=0, description="Keep-alive comment interval.")
    shutdown_drain_s: float = Field(
        default=20.0,
        ge=0,
        description=(
            "On SIGTERM, open chat streams get this long to finish; then each ends with an "
            "`error` (server_shutdown) and `end` event. Keep below the orchestrator's stop grace."
        ),
    )
    metrics_key: SecretStr | None = Field(
        default=None,
        description=(
            "Bearer key Prometheus sends for GET /metrics. Unset: /metrics answers only in dev "
            "mode (loopback); otherwise 404."
        ),
    )
    max_header_bytes: int = Field(
        default=16384, gt=0, description="Request line + headers, at most (uvicorn h11); else 400."
    )
    max_header_count: int = Field(default=64, gt=0, description="Request headers, at most; 431.")
    body_timeout_s: float = Field(
        default=10.0, gt=0, description="Time to send a whole request body; slower gets 408."
    )
    auth_failures_per_minute: int = Field(
        default=10, gt=0, description="Failed API-key checks per client address per minute; 429."
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description=(
            "Browser origins allowed to call the API from their pages (CORS), as JSON: "
            '["https://chat.example.com"] for a chat UI served elsewhere, such as agent-chat-ui; '
            '"*" for any. Each is scheme://host[:port], nothing after it. Empty: no CORS headers '
            "(pages of other origins cannot read answers). Keys still decide who gets in."
        ),
    )

    @model_validator(mode="after")
    def _dev_mode_only_on_loopback(self) -> ApiSettings:
        if self.dev_mode and not is_loopback(self.host):
            raise ValueError(
                f"dev_mode serves requests without an API key; refusing it on {self.host!r}. "
                "Bind a loopback address (127.0.0.1) or set TG_API_KEYS and TG_DEV_MODE=false."
            )
        return self

    @model_validator(mode="after")
    def _cors_origins_are_origins(self) -> ApiSettings:
        for origin in self.cors_origins:
            if origin != "*" and not is_origin(origin):
                raise ValueError(
                    f"cors_origins: {origin!r} is not an origin; a browser sends "
                    "scheme://host[:port] with no path or trailing slash, e.g. "
                    "http://localhost:5173"
                )
        if self.cors_origins and self.dev_mode:
            raise ValueError(
                "cors_origins with dev_mode: dev mode serves without a key and answers only "
                "pages of this API's own origin (api/loopback_guard.py); for a page elsewhere "
                "set TG_API_KEYS and TG_DEV_MODE=false"
            )
        return self


class StoreSettings(SettingGroup):
    """Where threads are checkpointed."""

    env_prefix: ClassVar[str] = "TG_"

    checkpoint_db: Path = Field(
        default=REPO_ROOT / "var" / "threads.sqlite",
        description="SQLite file holding every thread's checkpoints.",
    )
    postgres_url: SecretStr | None = Field(
        default=None,
        description=(
            "postgresql://user:pass@host:port/db; when set, threads are checkpointed in PostgreSQL "
            "(several API processes may share it) instead of the SQLite file store.checkpoint_db."
        ),
    )


class LogSettings(SettingGroup):
    """Logs of the API process (issue 7)."""

    env_prefix: ClassVar[str] = "TG_LOG_"

    format: Literal["text", "json"] = Field(
        default="text",
        description="'json': one JSON object per log line (containers); 'text' for a terminal.",
    )
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Root log level of the API process."
    )
