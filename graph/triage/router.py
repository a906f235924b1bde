"""The triage router: the adapter's labels when the model server answers; otherwise the
classifier — by default as an escalation net (emergency, self-harm) in front of the older
thread-aware router (`fallback`), or, with `triage.labels_route`, by its own labels: every
answering expert over its threshold, so a multi-intent turn gets both sides. The deterministic
red-flag rules run before it, in the safety node.

Why the older router is still the default: on the validation split the labels route better
(emergencies caught 0.86 -> 0.93, exact set 0.65 -> 0.67, multi-intent 0.07 -> 0.54;
evals/triage/results/README.md), but in the scripted conversations of tests/unit/ they add a
spurious second expert to single asks and miss some multi-intent ones the older router's
lexicon and thread policy get right.

A self-harm turn becomes the emergency route with category `self_harm`: its fixed reply (crisis
lines) is written without any model, so no answering model ever sees the turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.messages import AnyMessage

from agents.card_answer import answered_call_now, last_card_led
from agents.card_asks import card_asks
from agents.history import last_user_text, user_texts
from agents.kb_answer import experts_joining, not_complaints
from agents.knowledge.condition_names import conditions_named
from agents.knowledge.conditions import load_conditions
from agents.quiet_expert import names_health_complaint
from agents.registry import TRAVEL_EXPERTS
from agents.small_talk import small_talk
from config.yaml_data import read_yaml
from graph.routing.base import RouteDecision, Router, previous_experts
from graph.routing.classifier_router import ClassifierRouter
from graph.routing.policy import DOCTOR_FOLLOW_UP, PolicyConfig, follow_up_limit
from graph.safety import emergency_resolved
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import ANSWERING, EMERGENCY, MEDICAL, OUT_OF_SCOPE, SELF_HARM, ordered
from graph.triage.model import TriageModel
from graph.triage.urgent import URGENT_CARE, UrgentCare, accident_words

if TYPE_CHECKING:
    from graph.triage.asks import AskReader

ESCALATE = "emergency"  # the expert that answers emergencies and self-harm
ASKS_PATH = Path(__file__).with_name("asks.yaml")
MISREAD_PATH = Path(__file__).with_name("self_harm_misread.yaml")
CARRY_MEDICINE, SOMEONE_ILL = "carry_medicine", "someone_ill"  # self_harm_misread
OWN_BODY = "own_body"  # self_harm_misread: a bodily emergency the doctor's rules name
ABSENCE = "absence"  # self_harm_misread: a plain absence or a plan edited (h133, 2026-12-07i)


@cache
def ask_breaks(path: Path = ASKS_PATH) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in read_yaml(path)["breaks"]), re.IGNORECASE)


def several_asks(text: str) -> bool:
    """The turn chains clauses or questions, so a second ask is likely (not certain). The mark
    that ends the turn is not a break ("I have 3 days in Rome, what should I see?" is one ask)."""
    return len(ask_breaks().findall(text.strip().rstrip("?？!！.。 "))) >= 2


ESCALATION_REPLIES = frozenset({EMERGENCY, SELF_HARM})


def after_escalation(messages: Sequence[AnyMessage]) -> bool:
    """Whether the last reply was an emergency or crisis reply: an "ok" or "thanks" after one is
    no small talk ("嗯" after the crisis reply stays with the crisis lines)."""
    return bool(ESCALATION_REPLIES & set(previous_experts(messages)))


def care_arrived(messages: Sequence[AnyMessage]) -> bool:
    """Whether the turn right after an escalation says help has come and asks nothing ("the
    ambulance is here now, thank you"): a closing word answers it, not an expert nor "sorry,
    that's outside what I can help with"."""
    text = last_user_text(messages)
    asks = card_asks().is_question(text)
    return after_escalation(messages) and emergency_resolved(text) and not asks


FOLLOW_UP = PolicyConfig()  # the follow-up lengths of the older router's policy


def card_follow_up(
    messages: Sequence[AnyMessage], scores: dict[str, float]
) -> RouteDecision | None:
    """The doctor alone for a short turn right after its card-led answer that asks what that card
    answers ("will the airline let him on?" after chickenpox: its sourced `asked.fly`), though
    the ask is in travel words; None otherwise."""
    if MEDICAL not in previous_experts(messages):
        return None
    cards = last_card_led(messages[:-1])
    text = last_user_text(messages).strip()
    if not cards or len(text) > follow_up_limit(text, FOLLOW_UP):
        return None
    covered = set(load_conditions().get(cards[0]).asked) & set(card_asks().found(text))
    if not covered:
        return None
    reason = f"follow-up the doctor's card answers: {', '.join(sorted(covered))}"
    return RouteDecision((MEDICAL,), reason, scores, None, MEDICAL)


# the reading layer's P(self_harm) under which its emergency veto may apply (amendment 2 of
# people_mask_rule_2026-12-07i.md): a turn it reads as possibly self-harm keeps every alarm
READING_VETO_SELF_HARM = 0.3


@dataclass
class TriageRouter:
    classifier: TriageClassifier
    model: TriageModel | None = None
    # Escalate when the classifier's emergency score is at least this, whatever the model says:
    # a second net under the adapter (chosen on validation; None: the model decides alone).
    classifier_veto: float | None = None
    # Routes non-emergency turns when the model does not answer (None: the classifier's labels).
    fallback: Router | None = None
    # With `fallback`: add every answering expert the classifier scores at least this to the
    # fallback's choice, so a multi-intent turn keeps its second side (None: the fallback alone).
    second_expert: float | None = None
    # ...and this lower bar when the turn chains several clauses or questions (None: no lower bar)
    second_expert_several: float | None = None
    # With `fallback`: the first expert is the classifier's best answering label (or
    # out-of-scope) instead of the fallback's, except on a turn the fallback reads as a
    # follow-up (its thread policy stays). The fallback's other experts stay.
    primary_from_classifier: bool = False
    # ...and a replaced primary in this set stays behind the new lead (empty: it is dropped).
    keep_replaced: frozenset[str] = frozenset()
    # With `fallback`: each ask of a turn of several, read by the per-ask model (asks.py), adds
    # its best answering label at this probability or more (None: not consulted).
    asks: AskReader | None = None
    ask_bar: float | None = None
    # With `asks`: the reading layer's reading of each ask (ask_meaning.py; a classifier whose
    # reading layer has its ask head) adds its best answering label at this probability or more
    # (None: off). `reading_ask_mix` says what is read: "union" its own probabilities beside
    # the chars' reading, "average" the two readers' probabilities averaged per ask beside the
    # chars' reading, "replace" the average instead of the chars' reading, "agree" both
    # readers' same best label, each at the bar, beside the chars' reading. Reading server
    # down: the chars alone. h139_multi_intent_reading_rule_2026-12-08.md
    reading_ask_bar: float | None = None
    reading_ask_mix: str = "average"
    long_turn_chars: int = 300  # a longer turn is a story: its asks are not read one by one
    # A borderline net-only emergency on a turn that also reads as a doctor's question goes to
    # the doctor under an urgent-care banner (urgent.py; None: every net escalation escalates).
    urgent: UrgentCare | None = None
    # The reading layer's own P(label) (not blended) that adds a second expert (None: off), on
    # turns of several asks only unless `reading_second_any_turn`. evals/triage/meaning_grid.py
    reading_second: float | None = None
    reading_second_any_turn: bool = False
    # The reading layer's own P(self_harm) / P(emergency) at or above these escalates a turn the
    # char classifier and its detectors did not (None: off; the reading layer only leads).
    # evals/triage/results/reading_nets_rule_2026-12-03.md
    reading_self_harm: float | None = None
    reading_emergency: float | None = None
    # False: the reading net's emergency keeps the ambulance template (the urgent-care tier reads
    # the chars' scores, which are low on exactly the turns this net adds, so it would soften
    # nearly all of them to the doctor under a banner).
    reading_net_softened: bool = True
    # The reading layer's own P(emergency) under which a net-only emergency alarm of the char
    # models is dropped (with its P(self_harm) under READING_VETO_SELF_HARM); None: off.
    # evals/triage/results/people_mask_rule_2026-12-07i.md (amendment 2)
    reading_emergency_veto: float | None = None  # the settings default: 0.05
    name: str = "triage"

    def escalation(self, messages: Sequence[AnyMessage]) -> RouteDecision | None:
        """The classifier's net alone, no model call: an emergency inside an injection."""
        verdict = self.classifier.classify(messages)
        if verdict.labels[0] not in (EMERGENCY, SELF_HARM):
            return None
        return escalation(verdict.labels, None, "classifier (injection)", verdict.scores)

    def emergency_category(self, messages: Sequence[AnyMessage]) -> str | None:
        """The category of a net's escalation that nothing else named (the reading layer's
        category reader; None without it)."""
        return self.classifier.reading_category(messages)

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        verdict = self.classifier.classify(messages)
        scores = verdict.scores
        # A turn made only of a greeting or thanks (agents/small_talk.py) gets its own reply, not
        # an expert nor a net's reading: "太好了，谢谢！" read as a goodbye got the crisis reply.
        # The red-flag rules and an open escalation were read before (the safety node).
        if care_arrived(messages):
            return RouteDecision((OUT_OF_SCOPE,), "care has arrived: a closing word", scores)
        kind = small_talk().kind(last_user_text(messages))
        if kind is not None and answered_call_now(messages):
            # "ok thanks" right after the doctor's own "call now" is no goodbye to it ("You're
            # welcome!" answered it): the emergency stays open, as triage's own escalation does
            reason = f"small talk ({kind}) right after the doctor's call now: the emergency stays"
            return RouteDecision((EMERGENCY,), reason, scores)
        if kind is not None and not after_escalation(messages):
            return RouteDecision((OUT_OF_SCOPE,), f"small talk: {kind}", scores)
        net, from_reading = verdict.labels, False
        if net[0] not in (EMERGENCY, SELF_HARM) and (read := self.reading_net(messages)):
            net, from_reading = read, True
        if net == (EMERGENCY,) and not from_reading and self.reading_vetoes(messages):
            # the char nets read who a turn is about ("my husband and I want 4 days in Lhasa")
            # as an emergency; the reading layer, which reads the whole turn, is sure it is not
            quiet = {EMERGENCY: 0.0}
            net = self.classifier.decide(scores | quiet, verdict.detected | quiet)
        if net == (EMERGENCY,) and about_logistics_only(messages):
            # a smashed suitcase or a cancelled flight, nobody hurt: the nets read injury words
            # on objects (logistics_net_rule_2026-12-06h.md); the rules ran before, unchanged
            net, from_reading = (OUT_OF_SCOPE,), False
        if net == (EMERGENCY,) and not from_reading and about_diet_only(messages):
            # a diet or no spice told beside a food ask, nobody unwell: the nets read "can't
            # handle …" as a body failing (h135_travel_lane_rule_2026-12-07i.md, fix A); the
            # rules ran before, unchanged
            net = (OUT_OF_SCOPE,)
        misread = self_harm_misread(messages) if net == (SELF_HARM,) and not from_reading else None
        if misread in (CARRY_MEDICINE, ABSENCE):
            # "can I bring my prescription sleeping pills into Japan?" and nothing else: the char
            # nets read the medicine, not a wish; the turn is read as without their self-harm
            # reading, its emergency net kept (h106_self_harm_misread_rule_2026-12-07c.md). So is
            # a plain absence or a plan edited ("won't be around next week", "add a third day, we
            # want to go to Macau"; self_harm_absence_rule_2026-12-07i.md): there, when no user
            # turn names any sign of the doctor's (agents/prompts/emergency_signs.yaml), the nets'
            # emergency read from the same words ("we won't be around after Thursday": detector
            # 0.73) is dropped too
            quiet = {SELF_HARM: 0.0}
            if misread == ABSENCE and no_signs_told(messages):
                quiet[EMERGENCY] = 0.0
            net = self.classifier.decide(scores | quiet, verdict.detected | quiet)
        elif (
            net == (SELF_HARM,)
            and not from_reading
            and (self.minor_only(scores, messages) or misread in (SOMEONE_ILL, OWN_BODY))
        ):
            # an accident cut the char nets read as self-harm ("my son cut himself on a broken
            # shell"), drying out after diarrhoea, or another person's illness ("我爷爷腹泻好几天
            # 了…"), no self-harm word beside it: the nets' alarm, softened below as their
            # emergency is (net_false_alarms_rule_2026-12-06i.md, dehydration_rule_2026-12-06j.md,
            # h106_self_harm_misread_rule_2026-12-07c.md); the rules ran before
            net = (EMERGENCY,)
        net_source = "reading layer net" if from_reading else "classifier"
        answer = self.model.classify(messages) if self.model is not None else None
        net_only = False  # the escalation, if any, comes from a statistical net alone
        if answer is None:
            labels, category, source = net, None, net_source
            net_only = not from_reading or self.reading_net_softened
            if self.fallback is not None and labels[0] not in (EMERGENCY, SELF_HARM):
                # the older router's own emergency class is a net too
                decision = self.softened(self.fallback_route(messages), scores, messages)
                if decision.urgent:
                    return decision  # the doctor alone, as the escalation would have been
                if (follow_up := card_follow_up(messages, scores)) is not None:
                    return follow_up
                decision = self.with_primary(decision, scores, messages)
                decision = self.with_second_experts(decision, scores, messages)
                return self.with_travel_side(self.with_asks(decision, messages), messages)
        else:
            labels, category, source = answer.labels, answer.category, "triage model"
            veto = self.classifier_veto
            if labels[0] not in (EMERGENCY, SELF_HARM) and net == (SELF_HARM,):
                # A self-harm signal from any layer wins: the classifier's self-harm net (its
                # bars and detector, the same as without a model) escalates whatever the model
                # answered, so a turn the adapter misreads never reaches an answering model.
                labels, category, source = (SELF_HARM,), SELF_HARM, f"{net_source} self-harm net"
            elif labels[0] not in (EMERGENCY, SELF_HARM) and net == (EMERGENCY,):
                # So does the net's emergency: the adapter read "rope in my car" as an ordinary
                # ask and the net as an emergency (validation: caught 0.949 -> 0.985, self-harm
                # reaching a model 1 -> 0; evals/triage/results/README.md, 2026-12-02, D4).
                labels, category, source = (EMERGENCY,), None, f"{net_source} net"
                net_only = not from_reading or self.reading_net_softened
            elif labels[0] not in (EMERGENCY, SELF_HARM) and veto is not None:
                if scores[SELF_HARM] >= veto:
                    labels, category, source = (SELF_HARM,), SELF_HARM, "classifier veto"
                elif scores[EMERGENCY] >= veto:
                    labels, category, source = (EMERGENCY,), None, "classifier veto"
                    net_only = True
        urgent = escalation(labels, category, source, scores)
        if urgent is not None:
            return self.softened(urgent, scores, messages) if net_only else urgent
        decision = RouteDecision(labels, f"{source}: {' + '.join(labels)}", scores)
        if answer is not None and labels != (OUT_OF_SCOPE,):
            # The adapter almost never answers two labels: the classifier's second experts join
            # its answer as they join the fallback router's (validation multi-intent 4 -> 21/59).
            return self.with_second_experts(decision, scores, messages)
        return decision

    def fallback_route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        """The older router's route; its own emergency class is a char net too, so what drops the
        classifier's alarm drops its alarm too."""
        assert self.fallback is not None
        decision = self.fallback.route(messages)
        if (
            decision.experts == (ESCALATE,)
            and isinstance(self.fallback, ClassifierRouter)
            and (about_diet_only(messages) or self.reading_vetoes(messages))
        ):
            # a diet told beside a food ask (h135 fix A), or the reading layer sure it is no
            # emergency: its emergency class read as 0
            return self.fallback.route(messages, without=(EMERGENCY,))
        return decision

    def reading_vetoes(self, messages: Sequence[AnyMessage]) -> bool:
        """The reading layer reads the turn as neither an emergency nor self-harm with room to
        spare (off by default; False when the reading server does not answer)."""
        if self.reading_emergency_veto is None:
            return False
        read = self.classifier.reading(messages)  # type: ignore[arg-type]
        return (
            read is not None
            and read.get(EMERGENCY, 1.0) < self.reading_emergency_veto
            and read.get(SELF_HARM, 1.0) < READING_VETO_SELF_HARM
        )

    def reading_net(self, messages: Sequence[AnyMessage]) -> tuple[str, ...]:
        """Self-harm or emergency when the reading layer alone is sure of it (off by default);
        () when off, unsure, or the reading server does not answer."""
        if self.reading_self_harm is None and self.reading_emergency is None:
            return ()
        read = self.classifier.reading(messages)  # type: ignore[arg-type]
        if read is None:
            return ()
        for label, bar in (
            (SELF_HARM, self.reading_self_harm),
            (EMERGENCY, self.reading_emergency),
        ):
            if bar is not None and read.get(label, 0.0) >= bar:
                return (label,)
        return ()

    def softened(
        self, decision: RouteDecision, scores: dict[str, float], messages: Sequence[AnyMessage]
    ) -> RouteDecision:
        """A net-only emergency escalation (no category: no rule, no model reading) as the
        doctor's answer under the urgent-care banner, when `urgent` says the classifier's
        `scores` are borderline and read as a doctor's question, or the turn names an ordinary
        skin condition or follows the doctor's answer on one, or tells a minor accident or drying
        out, or a feverish child the parent reassures (urgent.py `benign_child`). Self-harm
        never is (an accident cut the char nets read as self-harm comes here as their emergency:
        `route`)."""
        if (
            self.urgent is None
            or decision.experts != (ESCALATE,)
            or decision.category is not None
            or not (
                self.urgent.applies(scores)
                or self.urgent.names_ordinary_condition(scores, last_user_text(messages))
                or self.urgent.follows_an_ordinary_card(scores, messages)
                or self.minor_only(scores, messages)
                or self.urgent.benign_child(
                    scores, str(last_user_text(messages)), user_texts(messages)[:-1]
                )
            )
        ):
            return decision
        reason = f"{decision.reason}; {URGENT_CARE}: the doctor under a banner"
        urgent = RouteDecision((MEDICAL,), reason, scores, None, MEDICAL, urgent=True)
        # an ask the turn opens after the complaint keeps its expert, the doctor leading ("…went
        # white and numb, also need a warmer hotel"); background before it is not read ("住完青旅
        # 回来…") (h106_urgent_keeps_asks_rule_2026-12-07c.md)
        found = accident_words(ASKS_PATH)["another_ask"].search(str(last_user_text(messages)))
        return self.with_asks(urgent, messages, found.string[found.end() :]) if found else urgent

    def minor_only(self, scores: dict[str, float], messages: Sequence[AnyMessage]) -> bool:
        """The urgent-care tier reads the newest turn as a minor accident, or as drying out or a
        jellyfish sting with no call-now sign (urgent.py `minor_complaint`)."""
        return self.urgent is not None and self.urgent.minor_complaint(
            scores, str(last_user_text(messages))
        )

    def with_primary(
        self,
        decision: RouteDecision,
        scores: dict[str, float],
        messages: Sequence[AnyMessage] = (),
    ) -> RouteDecision:
        """The classifier's best answering label leads instead of the fallback's primary: on
        validation the classifier's best label was in the gold set for 237 of 301 one-ask turns,
        the older router's for 214 (evals/triage/results/README.md, 2026-12-02d). With the
        reading layer on, the best label is read from the scores blended with its own."""
        if not self.primary_from_classifier or decision.follow_up or decision.primary is None:
            return decision
        if decision.experts in ((ESCALATE,),):
            return decision
        if messages:
            scores = self.classifier.lead_scores(messages, scores)
        rest = [k for k in (*ANSWERING, OUT_OF_SCOPE) if k in scores]
        if not rest:
            return decision
        best = max(rest, key=lambda k: scores[k])
        if best == decision.primary:
            return decision
        if best == OUT_OF_SCOPE:
            reason = f"{decision.reason}; classifier leads: out_of_scope"
            return RouteDecision((OUT_OF_SCOPE,), reason, decision.scores)
        # a replaced primary the router must not lose (the doctor: no travel expert answers a
        # blister; evals/triage/results/keep_doctor_rule_2026-12-04.md) stays behind the lead
        dropped = set() if decision.primary in self.keep_replaced else {decision.primary}
        kept = set(decision.experts) - dropped - {OUT_OF_SCOPE}
        experts = ordered({best, *kept})
        reason = f"{decision.reason}; classifier leads: {best}"
        return replace(decision, experts=experts, reason=reason, primary=best)

    def with_asks(
        self, decision: RouteDecision, messages: Sequence[AnyMessage], part: str | None = None
    ) -> RouteDecision:
        """Each ask of a turn of several read alone by the per-ask model (only those in `part`,
        when given); a confident one adds its expert (the second side of a multi-intent turn the
        whole-turn readers miss)."""
        if self.asks is None or self.ask_bar is None:
            return decision
        if (
            decision.experts in ((ESCALATE,), (OUT_OF_SCOPE,))
            or decision.reason == DOCTOR_FOLLOW_UP
        ):
            return decision
        text = str(last_user_text(messages))  # type: ignore[arg-type]
        if len(text.strip()) > self.long_turn_chars:
            return decision
        bar, found = self.ask_bar, self.asks.answering
        chars = found(text, bar, part) if part else found(text, bar)
        read = self.reading_asks(text, part)
        if read is not None:
            chars = read if self.reading_ask_mix == "replace" else read | chars
        extra = chars - set(decision.experts)
        if about_logistics_only(messages):
            extra.discard(MEDICAL)  # nothing wrong with anyone's health (with_second_experts)
        if not extra:
            return decision
        experts = ordered({*decision.experts, *extra})
        reason = f"{decision.reason} + asks: {' + '.join(ordered(extra))}"
        return replace(decision, experts=experts, reason=reason)

    def reading_asks(self, text: str, within: str | None = None) -> set[str] | None:
        """The answering experts the reading layer reads some ask of a turn of several as, at
        `reading_ask_bar` (only asks that are part of `within`, when given); None when off or
        the reading server does not answer (the chars read the asks alone)."""
        bar = self.reading_ask_bar
        if bar is None or self.asks is None:
            return None
        from graph.triage.asks import asks_of  # asks.py reads this module's ask breaks

        every = asks_of(text)
        if len(every) < 2:  # one ask: the whole-turn readers have read it (AskReader.read)
            return set()
        asks = [a for a in every if within is None or a in within]
        read = self.classifier.reading_asks(asks)
        if read is None:
            return None
        chars = self.asks.probabilities(asks) if self.reading_ask_mix != "union" else []
        if self.reading_ask_mix == "agree":
            # both readers' best label, each at the bar: strings and meaning are seldom both
            # wrong (amendment 1 of the rule)
            return {
                b
                for r, c in zip(read, chars, strict=True)
                if (b := max(r, key=lambda k: r[k])) in ANSWERING
                and max(c, key=lambda k: c[k]) == b
                and min(r[b], c[b]) >= bar
            }
        if chars:
            read = [
                {k: (r.get(k, 0.0) + c.get(k, 0.0)) / 2 for k in {*r, *c}}
                for r, c in zip(read, chars, strict=True)
            ]
        best = [max(r, key=lambda k: r[k]) for r in read]
        return {b for b, r in zip(best, read, strict=True) if b in ANSWERING and r[b] >= bar}

    def with_travel_side(
        self, decision: RouteDecision, messages: Sequence[AnyMessage]
    ) -> RouteDecision:
        """The travel side of a turn routed to the doctor and to no travel expert: an ask the
        user opens with a word that opens another ask (`opened_asks`), read whole by the per-ask
        reader as travel (summed over the travel experts, at its own bar), adds the travel
        expert it names best; the doctor stays the lead. The reader's bar on one expert lost it (a
        sunburn, then "顺便问一下，三亚明天哪些海滩有树荫可以躲太阳？" got the doctor alone: travel
        0.73 spread over the travel experts); any piece read so added a travel expert to
        background ("worse in winter", "能吃能喝"; h109_travel_side_rule_2026-12-07d.md)."""
        if self.asks is None or self.ask_bar is None or MEDICAL not in decision.experts:
            return decision
        if set(decision.experts) & set(TRAVEL_EXPERTS) or decision.reason == DOCTOR_FOLLOW_UP:
            return decision
        text = str(last_user_text(messages))  # type: ignore[arg-type]
        if len(text.strip()) > self.long_turn_chars:
            return decision
        extra = self.asks.travel_asks(opened_asks(text), self.ask_bar)
        # a travel question asked after the doctor's ask, cut off by a comma, a space or ", and"
        # (h115_asked_after_rule_2026-12-07e.md)
        extra |= asked_after(self.asks, text, self.ask_bar)
        if not extra:
            return decision
        experts = ordered({*decision.experts, *extra})
        reason = f"{decision.reason} + travel asks: {' + '.join(ordered(extra))}"
        return replace(
            decision, experts=experts, reason=reason, primary=decision.primary or MEDICAL
        )

    def with_second_experts(
        self,
        decision: RouteDecision,
        scores: dict[str, float],
        messages: Sequence[AnyMessage] = (),
    ) -> RouteDecision:
        bar = self.second_expert
        if bar is None or decision.experts in ((ESCALATE,), (OUT_OF_SCOPE,)):
            return decision
        several = self.second_expert_several
        if several is not None and several_asks(last_user_text(messages)):  # type: ignore[arg-type]
            bar = min(bar, several)
        if decision.reason == DOCTOR_FOLLOW_UP:
            return decision  # a follow-up on the doctor's topic is the doctor's alone
        extra = {k for k in ANSWERING if scores.get(k, 0.0) >= bar} - set(decision.experts)
        extra |= self.reading_extras(messages) - set(decision.experts)
        joined: set[str] = set()
        if messages:
            # a lost or stolen passport brings practicalities, a disrupted flight or a lost bag
            # transport (kb_answer.yaml `joins`; lost_passport_route_rule_2026-12-05d.md)
            joined = experts_joining(str(last_user_text(messages)))
            extra |= joined - set(decision.experts)
        if MEDICAL not in decision.experts and names_a_condition(messages):
            # "my son has hand, foot and mouth disease, can we still do the zoo?": the travel
            # words outvote the condition, and a contagious child got the zoo's sights alone
            # (named_route_rule_2026-12-05.md)
            extra.add(MEDICAL)
        lead, dropped = decision.primary, set[str]()
        text = str(last_user_text(messages)) if messages else ""
        if joined and not names_health_complaint(*not_complaints(text)):
            # the topic asked is the turn's ask: its expert leads (flight_luggage_rule_2026-12-06h);
            # a topic asked `beside` another travel ask (personal safety) leads over the doctor
            # only (personal_safety_rule_2026-12-06i); an altitude asked as a fact is no
            # complaint (altitude_lead_rule_2026-12-06i)
            leading = experts_joining(text, leading=lead != MEDICAL)
            lead = ordered(leading)[0] if leading else lead
        if joined and not names_health_complaint(text):  # about_logistics_only, read once
            # no health complaint at all: a doctor the classifier chose for "cancelled … what now"
            # or "钱包丢了…怎么办" is not asked (it had answered with the skin-care card;
            # lost_wallet_rule_2026-12-06i)
            dropped = {MEDICAL}
        if not extra and lead == decision.primary and not dropped & set(decision.experts):
            return decision
        experts = ordered({*decision.experts, *extra} - dropped)
        reason = decision.reason + (f" + classifier: {' + '.join(ordered(extra))}" if extra else "")
        if dropped & set(decision.experts):
            reason += f"; {MEDICAL} not asked: a {ordered(joined)[0]} topic, no health complaint"
        # the lead stays the lead: an added expert with nothing for the turn stays out of the
        # reply, never the lead (agents/quiet_expert.py)
        return replace(decision, experts=experts, reason=reason, primary=lead)

    def reading_extras(self, messages: Sequence[AnyMessage]) -> set[str]:
        """The answering labels the reading layer alone is sure of (`reading_second`)."""
        bar = self.reading_second
        if bar is None or not messages:
            return set()
        text = str(last_user_text(messages))  # type: ignore[arg-type]
        if not self.reading_second_any_turn and not several_asks(text):
            return set()
        read = self.classifier.reading(messages)  # type: ignore[arg-type]
        return {k for k in ANSWERING if read is not None and read.get(k, 0.0) >= bar}


SENTENCE_END = re.compile(r"[。？！?!\n]|\.(?=\s|$)")


def opened_asks(text: str) -> list[str]:
    """The asks the turn opens with a word that opens nothing but another ask (asks.yaml
    `opens_travel_ask`: also, by the way, plus, 另外, 顺便 …): from right after such a word to the
    end of its sentence or the next such word ("a heat rash plus where can we get a ferry to Koh
    Tao" opens "where can we get a ferry to Koh Tao"); background carries no such word."""
    opener = accident_words(ASKS_PATH)["opens_travel_ask"]
    found = list(opener.finditer(text))
    asks = []
    for i, match in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(text)
        rest = text[match.end() : stop]
        end = SENTENCE_END.search(rest)
        ask = (rest[: end.start()] if end else rest).strip(" ,，、:：;；-—–")
        if len(ask) >= 2:
            asks.append(ask)
    return asks


def asked_after(reader: AskReader, text: str, bar: float) -> set[str]:
    """The travel experts of the questions a turn asks after the doctor's ask: each piece
    (`asks_of`, the reader's own cut) after a question (asks.yaml `asks_question`) the reader
    reads best as `medical` that is itself a question, read best as a travel expert with its
    travel probabilities summed at least `bar`, naming no health complaint, and asking something
    a travel expert answers once its question words are taken out (`asks_travel`), adds that
    expert ("…what should I put on it? which night markets are worth it", "…有啥止痒的 有室内的项目
    吗"). The reader alone took health follow-ons for travel ("还能去吗", "is that too many",
    "which ones"); a told history is no ask (h115_asked_after_rule_2026-12-07e.md, amendment 1)."""
    from agents.quiet_expert import asks_travel
    from graph.triage.asks import asks_of

    asks = asks_of(text)
    if len(asks) < 2:
        return set()
    asking = accident_words(ASKS_PATH)["asks_question"]
    opened = accident_words(ASKS_PATH)["asks_open"]
    found: set[str] = set()
    doctor_asked = told = False
    for ask, (best, travel, _) in zip(asks, reader.travel_readings(asks), strict=True):
        question = bool(asking.search(ask))
        if (
            (doctor_asked or (told and opened.search(ask)))
            and question
            and best in TRAVEL_EXPERTS
            and travel >= bar
            and not names_health_complaint(without_shade_words(ask), travel_piece_not_signs())
            and asks_travel(asking.sub(" ", ask))
        ):
            found.add(best)
        # the doctor's side is a question read as medical, or a complaint told ("今天晒伤了，背上
        # 很红很疼，附近有什么…": the reader reads a told complaint as background), then only an
        # open question (`asks_open`: not "要不要取消行程"; h135_travel_lane_rule_2026-12-07i.md B)
        told = told or (best not in TRAVEL_EXPERTS and names_health_complaint(ask))
        doctor_asked = doctor_asked or (question and best == MEDICAL)
    return found


def travel_piece_not_signs() -> frozenset[str]:
    """In a travel piece, a child or an older person named (`vulnerable`) tells who travels, and
    the idiom-prone groups ("spots" to visit) borrow a sign's words: neither is a complaint."""
    return idiom_prone_signs() | {"vulnerable"}


def without_shade_words(ask: str) -> str:
    """The ask without the shade interest's own words ("out of the sun", 躲太阳): asking for shade
    names no complaint (agents/prompts/interests.yaml `shade`)."""
    from agents.interests import by_name

    for word in sorted(by_name(["shade"])[0].ask, key=len, reverse=True):
        ask = re.sub(re.escape(word), " ", ask, flags=re.IGNORECASE)
    return ask


def about_logistics_only(messages: Sequence[AnyMessage]) -> bool:
    """The newest turn asks a topic that brings its own travel expert (a lost passport, a
    disrupted flight, a lost or damaged bag: kb_answer.yaml `joins`) and says nothing is wrong
    with anyone's health."""
    text = str(last_user_text(messages)) if messages else ""
    return bool(experts_joining(text)) and not names_health_complaint(text)


def about_diet_only(messages: Sequence[AnyMessage]) -> bool:
    """The newest turn keeps a diet or avoids spice while asking about food
    (`agents/food_answer.py` `keeps_diet_asking_food`) and says nothing is wrong with anyone's
    health."""
    from agents.food_answer import keeps_diet_asking_food

    text = str(last_user_text(messages)) if messages else ""
    return keeps_diet_asking_food(text) and not names_health_complaint(text)


@cache
def complaint_signs(path: Path = MISREAD_PATH) -> frozenset[str]:
    """The doctor's sign groups that tell a bodily complaint (self_harm_misread.yaml)."""
    return frozenset(read_yaml(path)["complaint_signs"])


@cache
def call_now_told_signs(path: Path = MISREAD_PATH) -> frozenset[str]:
    """The doctor's call-now sign groups that let a travel-led turn ask the doctor's reading,
    never read for `someone_ill` (self_harm_misread.yaml `call_now_told`;
    call_now_rule_2026-12-07i.md)."""
    return frozenset(read_yaml(path).get("call_now_told") or ())


@cache
def idiom_prone_signs(path: Path = MISREAD_PATH) -> frozenset[str]:
    """The complaint sign groups travel talk borrows (self_harm_misread.yaml `idiom_prone`)."""
    return frozenset(read_yaml(path)["idiom_prone"])


@cache
def bodily_categories(path: Path = MISREAD_PATH) -> frozenset[str]:
    """The emergency categories of the doctor's rules that tell a bodily emergency, no act of
    self-harm (self_harm_misread.yaml `bodily_categories`)."""
    return frozenset(read_yaml(path)["bodily_categories"])


def complaint_told(turn: str) -> frozenset[str]:
    """The doctor's sign groups that tell a bodily complaint in this turn, beyond those travel talk
    borrows (`idiom_prone`: a collapse word of hyperbole, "排队排到我差点昏过去"; "spots" to visit;
    the day's heat as a bare number, "广州今天38度")."""
    from agents.emergency_signs import emergency_signs

    told = complaint_signs() | call_now_told_signs()
    return frozenset(emergency_signs().signs(turn) & told) - idiom_prone_signs()


def self_harm_misread(messages: Sequence[AnyMessage]) -> str | None:
    """What a char net's self-harm reading of the newest turn misread, by the turn's own words
    (self_harm_misread.yaml): `CARRY_MEDICINE` — a medicine taken across a border or onto a
    flight, the turn's only ask; `SOMEONE_ILL` — another person's bodily illness, at the turn's
    start; `OWN_BODY` — a bodily emergency the doctor's sign rules name (decompression, a spine);
    None when none of these, or when the thread's user turns say a word of death or despair, a
    self-harm word of accident.yaml, an act sign (pills or poison taken, self-injury) or a word of
    hoarding, means or farewell (`keeps_alarm`)."""
    from agents.emergency_signs import emergency_signs
    from agents.responders import ACT_SIGNS, tells_despair

    texts = [str(t) for t in user_texts(messages)]
    if not texts:
        return None
    turn, words = texts[-1], accident_words(MISREAD_PATH)
    said_anywhere = accident_words()["self_harm"], words["keeps_alarm"]
    if any(tells_despair(t) or any(w.search(t) for w in said_anywhere) for t in texts):
        return None
    if emergency_signs().thread_signs(texts) & ACT_SIGNS:
        return None
    if not several_asks(turn) and all(
        words[part].search(turn) for part in ("carry_medicine", "carry_verb", "border")
    ):
        return CARRY_MEDICINE
    if tells_absence(texts, words):
        return ABSENCE
    # a bodily complaint of the listed groups: a child named (`vulnerable`), a time word (`sudden`)
    # is none ("我女儿在宿舍阳台坐着不肯下来", "…刚才发消息说对不起大家": amendments 1 and 2)
    if words["someone_ill"].search(turn) and emergency_signs().signs(turn) & complaint_signs():
        return SOMEONE_ILL
    reading = emergency_signs().read(turn)
    if reading is not None and {reading.category, reading.otherwise} & bodily_categories():
        # the writer's own numb legs after a dive (own_body_misread_rule_2026-12-07e.md)
        return OWN_BODY
    return None


def no_signs_told(messages: Sequence[AnyMessage]) -> bool:
    """No user turn of the thread names a sign group of the doctor's
    (agents/prompts/emergency_signs.yaml): nothing bodily is told at all."""
    from agents.emergency_signs import emergency_signs

    return not emergency_signs().thread_signs([str(t) for t in user_texts(messages)])


def tells_absence(texts: Sequence[str], words: dict[str, re.Pattern[str]]) -> bool:
    """The newest turn tells a plain absence bounded by a time or a stay ("won't be around next
    week", "won't be here after Friday, we check out", 下周我不在北京), a thing gone (the signal, a
    shop) or edits a trip's plan ("add a third day, we want to go to Macau"), and no user turn
    says a `means` word (a height, water, a jump, pills, not coming back, "done"): the words a
    farewell would need are absent (self_harm_misread.yaml `absence`;
    self_harm_absence_rule_2026-12-07i.md). An unbounded absence ("won't be here anymore")
    counts only beside a stay word (the hotel, check-out)."""
    turn = texts[-1]
    if any(words["means"].search(t) for t in texts):
        return False
    if words["plan_edit"].search(turn) or words["thing_gone"].search(turn):
        return True
    if not (words["absence"].search(turn) and words["absence_anchor"].search(turn)):
        return False
    return not words["absence_unbounded"].search(turn) or bool(words["absence_stay"].search(turn))


def names_a_condition(messages: Sequence[AnyMessage]) -> bool:
    """The newest turn names a condition by one of its card's names, affirmed and not doubted
    (`conditions_named`, the doctor's own reading): the doctor answers it, whatever else asks."""
    text = last_user_text(messages) if messages else ""
    return bool(text) and bool(conditions_named(str(text), load_conditions().cards.values()))


def escalation(
    labels: tuple[str, ...], category: str | None, source: str, scores: dict[str, float]
) -> RouteDecision | None:
    if labels == (SELF_HARM,):
        return RouteDecision((ESCALATE,), f"{source}: self-harm", scores, SELF_HARM)
    if labels == (EMERGENCY,):
        return RouteDecision((ESCALATE,), f"{source}: emergency", scores, category)
    return None
