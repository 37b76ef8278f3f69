"""Wand views and regiekamer controls per invoer kind."""
