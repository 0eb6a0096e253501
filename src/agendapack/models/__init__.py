"""Pydantic models passed between the pipeline stages, one module per family."""
