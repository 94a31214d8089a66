"""People: accounts, roles, the organisation tree, API tokens."""
