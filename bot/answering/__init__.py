"""Answering: transport-free replies, the one button grammar, the answerer and its charts, fixed UI texts,
language preferences, the unanswered log and per-user throttling."""
