"""Run a blind set through `tanyabansos ask --jsonl` and check must_contain / must_not_contain.
Usage: python score.py SET.tsv REPO OUT.jsonl   (prints the automatic score; OUT holds every reply for judging)"""
import csv, json, subprocess, sys
tsv, repo, out = sys.argv[1:4]
rows = list(csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t"))
inp = "\n".join(r["question"].replace(" / ", "\n") if False else r["question"] for r in rows) + "\n"
res = subprocess.run([f"{repo}/.venv/bin/tanyabansos", "ask", "--jsonl"], input=inp, capture_output=True, text=True, cwd=repo)
replies = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
assert len(replies) == len(rows), (len(replies), len(rows), res.stderr[-2000:])
bad = 0
with open(out, "w", encoding="utf-8") as fh:
    for r, a in zip(rows, replies):
        text = a["reply"]
        miss = [s for s in r["must_contain"].split("|") if s and s not in text]
        forb = [s for s in r["must_not_contain"].split("|") if s and s in text]
        ok = not miss and not forb
        bad += not ok
        fh.write(json.dumps({"id": r["id"], "category": r["category"], "question": r["question"], "expect": r["expect"],
                             "auto_ok": ok, "missing": miss, "forbidden": forb, "reply": text}, ensure_ascii=False) + "\n")
print(f"automatic: {len(rows)-bad}/{len(rows)} pass ({bad} fail)")
