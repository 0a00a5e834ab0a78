"""Imported by the fork server of a worker pool (and nowhere else): builds the pool's stages once, before any
worker is forked, so the workers share them (see pipeline._start_forkserver)."""

from eventledger.pipeline import preload_from_environment

preload_from_environment()
