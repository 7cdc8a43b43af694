"""Figures: the facts snapshot answers are computed from, and the reference data behind it."""
