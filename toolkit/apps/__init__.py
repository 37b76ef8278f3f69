"""Voila apps and widgets: one module per surface or werkvorm; no SQL, no domain rules."""
