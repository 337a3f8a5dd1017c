#!/usr/bin/env bash
# Regenerates the jieba golden-parity corpus and every golden file from scratch.
# Needs Debian's python3-jieba 0.42.1, fortunes-zh, manpages-zh and gettext (msgunfmt);
# installs them with apt-get when missing and we are root.
# Output: tests/ContentPipeline.Jieba.Tests/Golden/data/*.txt.gz (gzip -n: byte-reproducible).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/tests/ContentPipeline.Jieba.Tests/Golden/data}"
PY=/usr/bin/python3
REF="$HERE/ref_cut.py"

need=()
dpkg -s python3-jieba >/dev/null 2>&1 || need+=(python3-jieba)
dpkg -s fortunes-zh   >/dev/null 2>&1 || need+=(fortunes-zh)
dpkg -s manpages-zh   >/dev/null 2>&1 || need+=(manpages-zh)
command -v msgunfmt   >/dev/null 2>&1 || need+=(gettext)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
  else
    echo "missing Debian packages: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1
  fi
fi

TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
echo "== corpus" >&2
"$PY" "$HERE/build_corpus.py" "$TMP/corpus.txt" --sources-report "$HERE/corpus-parts.txt"
cp "$HERE/sources/userdict.txt" "$OUT/userdict.txt"

run() { # name, flags...
  local name="$1"; shift
  echo "== $name ($*)" >&2
  "$PY" "$REF" "$@" < "$TMP/corpus.txt" > "$TMP/$name.txt"
  [ "$(wc -l < "$TMP/$name.txt")" = "$(wc -l < "$TMP/corpus.txt")" ] || { echo "line count mismatch in $name" >&2; exit 1; }
  gzip -n -9 -c "$TMP/$name.txt" > "$OUT/$name.txt.gz"
}
run accurate
run accurate_nohmm --no-hmm
run full --full
run search --search
run search_nohmm --search --no-hmm
run accurate_keepspace --keep-space
run full_keepspace --full --keep-space
# User-dictionary runs are stored as differences against the matching run without the user
# dictionary ("<0-based line index>\t<golden line>" for each line that differs), to keep the data small.
rund() { # dict, name, base, flags...
  local dict="$1" name="$2" base="$3"; shift 3
  echo "== $name ($dict $* vs $base)" >&2
  "$PY" "$REF" --userdict "$dict" "$@" < "$TMP/corpus.txt" > "$TMP/$name.txt"
  [ "$(wc -l < "$TMP/$name.txt")" = "$(wc -l < "$TMP/corpus.txt")" ] || { echo "line count mismatch in $name" >&2; exit 1; }
  "$PY" - "$TMP/$base.txt" "$TMP/$name.txt" > "$TMP/$name.diff" <<'PYEOF'
import sys
a = open(sys.argv[1], encoding="utf-8", newline="\n").read().split("\n")
b = open(sys.argv[2], encoding="utf-8", newline="\n").read().split("\n")
out = sys.stdout.buffer
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        out.write(("%d\t%s\n" % (i, y)).encode("utf-8"))
PYEOF
  echo "   $(wc -l < "$TMP/$name.diff") lines differ from $base" >&2
  gzip -n -9 -c "$TMP/$name.diff" > "$OUT/$name.diff.gz"
}
rund "$OUT/userdict.txt" userdict_accurate accurate
rund "$OUT/userdict.txt" userdict_nohmm accurate_nohmm --no-hmm
rund "$OUT/userdict.txt" userdict_full full --full
rund "$OUT/userdict.txt" userdict_search search --search
# Edge-case user dictionary (tabs, CRLF, freq 0 for common words, ...), kept gzip'd so no tool normalises it.
"$PY" "$HERE/make_edge_userdict.py" "$TMP/userdict_edge.txt"
gzip -n -9 -c "$TMP/userdict_edge.txt" > "$OUT/userdict_edge.txt.gz"
rund "$TMP/userdict_edge.txt" useredge_accurate accurate
rund "$TMP/userdict_edge.txt" useredge_nohmm accurate_nohmm --no-hmm
rund "$TMP/userdict_edge.txt" useredge_full full --full
rund "$TMP/userdict_edge.txt" useredge_search search --search
gzip -n -9 -c "$TMP/corpus.txt" > "$OUT/corpus.txt.gz"
( cd "$OUT" && sha256sum userdict.txt *.gz | sort -u -k2 > SHA256SUMS )
ls -l "$OUT" >&2
