"""Dependencies the routes ask for; built once in the lifespan and kept on app.state."""

from __future__ import annotations

from typing import Annotated

import httpx
from fastapi import Depends, Request
from langgraph.graph.state import CompiledStateGraph

from config.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_graph(request: Request) -> CompiledStateGraph:
    return request.app.state.graph


def get_llm_http(request: Request) -> httpx.AsyncClient:
    return request.app.state.llm_http


SettingsDep = Annotated[Settings, Depends(get_settings)]
GraphDep = Annotated[CompiledStateGraph, Depends(get_graph)]
LLMHttpDep = Annotated[httpx.AsyncClient, Depends(get_llm_http)]
