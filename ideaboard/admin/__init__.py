"""Running the organisation from the browser (/admin): people, units, roles, supervision,
and the audit log every one of those changes writes."""
