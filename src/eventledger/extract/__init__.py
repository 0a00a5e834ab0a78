"""Extraction: mentions, reports and statements from segments."""
