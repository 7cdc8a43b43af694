"""Every line that knows Telegram: ``application`` builds and runs the PTB Application; ``context`` types the
services handlers use; ``system`` (language, flood control, errors), ``guards`` (permissions) and ``logs`` (token
redaction) work around every update; ``questions``, ``commands``, ``buttons``, ``staff`` and ``digests`` are thin
adapters — read the update, call ``bot``, send the reply; ``digest_jobs`` and ``sender`` deliver digests."""
