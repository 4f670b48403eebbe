# wrap.py IN OUT WIDTH hard-wraps each paragraph of IN (one per line, blank
# lines between) at WIDTH characters, as old web-novel .txt files are.
import sys
src, out, width = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = []
for para in open(src, encoding="utf-8").read().split("\n"):
    if not para.strip() or para.startswith("第"):
        lines.append(para)
        continue
    body = para.strip()
    first = True
    while body:
        n = width - 2 if first else width
        lines.append(("　　" if first else "") + body[:n])
        body, first = body[n:], False
open(out, "w", encoding="utf-8").write("\n".join(lines))
