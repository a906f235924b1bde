"""The triage adapter on the model server: one short, greedy completion per turn.

The `triage` LoRA adapter (trained by `make triage-adapter` from graph/triage/data/train.jsonl)
answers with a label line (graph/triage/prompt.py). Its call is tagged `nostream` so no triage
token reaches the user, and any failure or unparseable answer returns None: the caller falls back
to the classifier, because triage must never break a conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langgraph.constants import TAG_NOSTREAM

from graph.triage.prompt import SYSTEM, TriageAnswer, parse_answer, render

log = logging.getLogger(__name__)
MAX_ANSWER_TOKENS = 8


class TriageModel:
    def __init__(self, model: BaseChatModel) -> None:
        self.model = model

    def prompt(self, messages: Sequence[BaseMessage]) -> list[BaseMessage]:
        return [SystemMessage(SYSTEM), HumanMessage(render(messages))]

    def classify(self, messages: Sequence[BaseMessage]) -> TriageAnswer | None:
        try:
            reply = self.model.invoke(
                self.prompt(messages), config={"tags": [TAG_NOSTREAM], "run_name": "triage"}
            )
        except Exception as e:  # any failure of the model server: fall back, never break a turn
            log.warning("triage model failed (%s); using the classifier", type(e).__name__)
            return None
        answer = parse_answer(str(reply.content))
        if answer is None:
            log.warning("triage model answered %r; using the classifier", str(reply.content)[:40])
        return answer
