"""Evaluation on the shared development data: one plain scorer module per task, a thin CLI on top."""
