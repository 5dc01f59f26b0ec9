"""A fork-server preload for the pool tests: warms tests.handlers, as pipeline.worker_boot warms the pipeline."""

from pipeline.workers import warm_module

warm_module("tests.handlers")
