"""Notifications: who is told what when an idea moves, is commented on or is merged, in the
app (the bell, ``/notifications``, the API) and by e-mail through an outbox a worker drains
after the commit."""
