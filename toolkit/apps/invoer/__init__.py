"""Phone inputs per invoer kind: light imports only (no pandas, no altair)."""
