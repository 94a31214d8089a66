"""Demo data: the reference organisation tree plus invented units, people and ideas."""
