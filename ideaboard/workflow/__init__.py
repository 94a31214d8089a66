"""Workflow: the stage transition table, the transition operation and its event history."""
