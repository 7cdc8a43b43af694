"""Figures: the facts snapshot answers are computed from, the reference texts behind it (``programs.json``, read
once) and the wording of figures shared by answers, charts and digests."""
