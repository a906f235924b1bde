"""`make studio` picks the running model server, or the fake model under a banner saying so."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from config.settings import Settings
from graph.studio_launcher import plan
from tests.unit.api_support import free_port, serving


def _settings(tmp_path: Path, **fields: object) -> Settings:
    return Settings(_env_file=None, **fields, store={"checkpoint_db": tmp_path / "t.sqlite"})  # type: ignore[call-arg, arg-type]


def _model_server(*models: str) -> FastAPI:
    app = FastAPI()

    @app.get("/v1/models")
    def listed() -> dict:
        return {"object": "list", "data": [{"id": m, "object": "model"} for m in models]}

    return app


def test_a_running_model_server_is_used(tmp_path: Path) -> None:
    base = _settings(tmp_path)
    with serving(_model_server(base.llm.base_model_name, base.llm.medical_model)) as url:
        chosen = plan(_settings(tmp_path, llm={"openai_api_base": f"{url}/v1"}))
    assert chosen.env == {}
    assert f"model server at {url}/v1" in chosen.banner
    assert "FAKE" not in chosen.banner
    assert "WARNING" not in chosen.banner


def test_a_server_without_our_models_is_used_with_a_warning(tmp_path: Path) -> None:
    with serving(_model_server("some-other-model")) as url:
        chosen = plan(_settings(tmp_path, llm={"openai_api_base": f"{url}/v1"}))
    assert chosen.env == {}
    assert "WARNING: it does not serve" in chosen.banner
    assert "medical-expert" in chosen.banner


def test_no_model_server_means_the_fake_model_and_a_banner_saying_what_to_start(
    tmp_path: Path,
) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    chosen = plan(_settings(tmp_path, llm={"openai_api_base": url}))
    assert chosen.env == {"TG_LLM_BACKEND": "fake"}
    assert f"No model server answers at {url}/models" in chosen.banner
    assert "FAKE model" in chosen.banner
    assert "make run" in chosen.banner


def test_the_fake_backend_asked_for_is_announced(tmp_path: Path) -> None:
    chosen = plan(_settings(tmp_path, llm={"backend": "fake"}))
    assert chosen.env == {}
    assert "FAKE" in chosen.banner
