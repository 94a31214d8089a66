"""Colleagues engage with an idea: votes, comments and follows (SPEC §4)."""
