"""Run a blind set through `tanyabansos ask --jsonl` and apply its naive must_contain / must_not_contain check.

usage: python docs/blind/score.py SET.tsv REPO OUT.jsonl
Prints the automatic score; OUT holds every reply (with the check) for a grader to read.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys


def main(tsv: str, repo: str, out: str) -> int:
    with open(tsv, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    questions = "\n".join(r["question"] for r in rows) + "\n"
    command = [f"{repo}/.venv/bin/tanyabansos", "ask", "--jsonl"]
    result = subprocess.run(command, input=questions, capture_output=True, text=True, cwd=repo, check=False)
    replies = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if len(replies) != len(rows):
        print(f"{len(replies)} replies for {len(rows)} questions\n{result.stderr[-2000:]}", file=sys.stderr)
        return 1
    failed = 0
    with open(out, "w", encoding="utf-8") as fh:
        for row, answer in zip(rows, replies, strict=True):
            text = answer["reply"]
            missing = [s for s in row["must_contain"].split("|") if s and s not in text]
            forbidden = [s for s in row["must_not_contain"].split("|") if s and s in text]
            ok = not missing and not forbidden
            failed += not ok
            record = {
                "id": row["id"],
                "category": row["category"],
                "question": row["question"],
                "expect": row["expect"],
                "auto_ok": ok,
                "missing": missing,
                "forbidden": forbidden,
                "reply": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"automatic: {len(rows) - failed}/{len(rows)} pass ({failed} fail)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
