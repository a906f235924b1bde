"""The graph as `langgraph dev` / LangGraph Studio loads it (see langgraph.json).

This module is an edge: it builds settings from the environment. The LangGraph server brings its
own persistence, so the graph is compiled without a checkpointer here.
"""

from config.settings import Settings
from graph.builder import build_graph

graph = build_graph(Settings())
