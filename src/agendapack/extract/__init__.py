"""Extractors: turn classified sections into typed records."""
