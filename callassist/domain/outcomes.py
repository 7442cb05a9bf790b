"""How a call can end. Keys are stored in the database and in exports."""

OUTCOMES = ("resolved", "follow_up", "escalated", "not_resolved")
