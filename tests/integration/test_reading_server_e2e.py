"""The reading server (serving/embedder.py, torch in vLLM's venv) and the reading layer on it:
the vectors the triage layer learns from, its errors, and an API that leads with it."""

from __future__ import annotations

import httpx
import pytest

from config.settings import Settings
from graph.triage.labels import ANSWERING
from graph.triage.meaning import default_meaning_reader
from serving.embedder import MAX_TEXTS
from serving.embedder_process import EmbedderProcess
from tests.integration.conftest import ApiFactory

pytestmark = pytest.mark.integration


def embed(server: EmbedderProcess, texts: list[str]) -> httpx.Response:
    return httpx.post(f"{server.url}/embed", json={"texts": texts}, timeout=60)


def test_the_server_reads_the_first_layers_of_the_base_model(
    reading_server: EmbedderProcess,
) -> None:
    health = httpx.get(f"{reading_server.url}/health", timeout=10).json()
    assert health == {"model": "Qwen2.5-Coder-0.5B-Instruct", "layers": 6}
    texts = ["我爸说心口像被大石头压着，一直冒冷汗", "best ramen in Osaka?"]
    together = embed(reading_server, texts).json()["vectors"]
    alone = [embed(reading_server, [t]).json()["vectors"][0] for t in texts]
    assert [len(v) for v in together] == [896, 896]
    for a, b in zip(together, alone, strict=True):  # padding in a batch changes nothing
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 0.05 * max(map(abs, b))
    assert together[0] != together[1]


@pytest.mark.parametrize("texts", [[], ["x"] * (MAX_TEXTS + 1)])
def test_a_bad_batch_is_a_clear_error(reading_server: EmbedderProcess, texts: list[str]) -> None:
    response = embed(reading_server, texts)
    assert response.status_code == 422
    assert "texts" in response.text


def test_an_empty_or_odd_turn_is_still_read(reading_server: EmbedderProcess) -> None:
    vectors = embed(reading_server, ["", "🙂🙂🙂", "x" * 5000]).json()["vectors"]
    assert len(vectors) == 3
    assert all(len(v) == 896 for v in vectors)


def test_the_reading_layer_reads_what_chars_miss(
    reading_server: EmbedderProcess, e2e_settings: Settings
) -> None:
    """Turns written for this test (2026-12-03, after the choice), in languages and words the
    char model has little of: the reading layer's best answering label is the right one."""
    reader = default_meaning_reader(reading_server.url, 5.0, e2e_settings.paths.fitted_models_dir)
    assert reader is not None
    cases = {
        "오사카에서 꼭 먹어야 하는 길거리 음식 추천해 주세요": "food_culture",
        "¿Cómo llego del aeropuerto de Narita al centro de Tokio en tren?": "transport",
        "any cheap hostels near Chiang Mai old town with a pool?": "accommodation",
    }
    for text, want in cases.items():
        read = reader.probabilities(text)
        assert read is not None
        assert max(ANSWERING, key=lambda k: read[k]) == want, text


def test_the_api_leads_with_the_reading_layer(api_factory: ApiFactory) -> None:
    """The API wired as `make run` wires it names the reading layer's lead in its route event;
    with the server unreachable the same turn is triaged by the chars alone. The turn is English
    (written 2026-12-05): a turn in a language we do not read gets a fixed reply whoever leads."""
    with_reading = api_factory("reading")
    without = api_factory("no-reading", TG_TRIAGE_MEANING_URL="http://127.0.0.1:9")
    question = "I land at midnight in Bangkok, how do I reach Sukhumvit"
    routes = []
    for api in (with_reading, without):
        with api.client() as client:
            body = client.post("/chat", json={"message": question}).text
        routes += [line for line in body.splitlines() if '"type": "route"' in line]
    assert len(routes) == 2
    assert '"transport"' in routes[0]
    assert "leads: transport" in routes[0]
    assert '"transport"' not in routes[1]  # the chars alone read this turn otherwise
