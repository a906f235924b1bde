"""Dependencies the routes ask for; built once in the lifespan and kept on app.state."""

from __future__ import annotations

from typing import Annotated

import httpx
from fastapi import Depends, Path, Request
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph

from api.chat_service import ChatService
from api.limits import OwnerDep
from api.run_journal import RunJournal
from api.runs import RunRegistry
from api.schemas import THREAD_ID_PATTERN
from config.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_graph(request: Request) -> CompiledStateGraph:
    return request.app.state.graph


def get_checkpointer(request: Request) -> BaseCheckpointSaver:
    return request.app.state.checkpointer


def get_llm_http(request: Request) -> httpx.AsyncClient:
    return request.app.state.llm_http


def get_chat_service(request: Request) -> ChatService:
    return request.app.state.chat_service


def get_runs(request: Request) -> RunRegistry:
    return request.app.state.runs


def get_journal(request: Request) -> RunJournal:
    return request.app.state.journal


ChatServiceDep = Annotated[ChatService, Depends(get_chat_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GraphDep = Annotated[CompiledStateGraph, Depends(get_graph)]
CheckpointerDep = Annotated[BaseCheckpointSaver, Depends(get_checkpointer)]
LLMHttpDep = Annotated[httpx.AsyncClient, Depends(get_llm_http)]
RunsDep = Annotated[RunRegistry, Depends(get_runs)]
JournalDep = Annotated[RunJournal, Depends(get_journal)]
ThreadIdPath = Annotated[
    str, Path(min_length=1, max_length=128, pattern=THREAD_ID_PATTERN, description="A thread id.")
]

__all__ = [
    "ChatServiceDep",
    "CheckpointerDep",
    "GraphDep",
    "JournalDep",
    "LLMHttpDep",
    "OwnerDep",
    "RunsDep",
    "SettingsDep",
    "ThreadIdPath",
]
