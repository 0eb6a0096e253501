"""The pipeline stages: one typed function each, a model between each."""
