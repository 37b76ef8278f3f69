"""Werkplaats: live startbijeenkomst voor eerstelijn en sociaal domein."""
__version__ = "0.1.0"
