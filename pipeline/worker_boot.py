"""What the extraction workers' fork server runs once, before it forks any worker.

Importing this module is its job: multiprocessing's fork server preloads modules
by name (see `pipeline.workers.SupervisedPool(preload=...)`). Everything a fresh
worker would otherwise do before its first record — set one BLAS thread, import
trafilatura and the steps, process the warm-up page, build dateparser's locale
tables — happens here once, and each worker, including each replacement after a
timeout, is a fork of the result: warm in milliseconds instead of seconds.
"""

from __future__ import annotations

import logging

from pipeline.workers import use_one_blas_thread, warm_module

# The module of pipeline.run.RECORD_HANDLER (named here, not imported from there: pipeline.run
# would bring the parent's storage and Arrow imports into every worker).
HANDLER_MODULE = "pipeline.article"

use_one_blas_thread()  # before numpy is imported: OpenBLAS reads it once
try:
    warm_module(HANDLER_MODULE)
except Exception:  # a server that cannot warm still forks; each worker then warms itself
    logging.getLogger(__name__).exception("worker warm-up in the fork server failed")
