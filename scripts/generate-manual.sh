#!/usr/bin/env bash
# Writes the man page cfetch.1 from the command-line parser itself (argument-parser's
# generate-manual reads `cfetch --experimental-dump-help`), so it says what --help says.
#
#   scripts/generate-manual.sh [OUT]      OUT defaults to cfetch.1 at the top of the tree
#
# generate-manual writes each help paragraph as plain text lines; mdoc wants .Pp between
# paragraphs (an empty line is an error to it) and keeps indented examples only inside a
# literal display. The awk pass below adds both, and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-cfetch.1}"
swift="${SWIFT:-swift}"

"$swift" build --product cfetch >/dev/null
"$swift" build --product generate-manual >/dev/null
bin="$("$swift" build --show-bin-path)"

# The date of the newest change to the sources (stable for a given tree), or today when
# this is not a git checkout.
date="$(git log -1 --format=%cs -- Sources 2>/dev/null || true)"
[ -n "$date" ] || date="$(date +%F)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/generate-manual" "$bin/cfetch" --date "$date" --section 1 --output-directory "$work"

awk '
    function close_display() { if (literal) { print ".Ed"; literal = 0 } }
    /^$/ { close_display(); print ".Pp"; next }
    /^  / {
        if (!literal) { print ".Bd -literal -offset indent"; literal = 1 }
        print substr($0, 3)
        next
    }
    { close_display(); print }
    END { close_display() }
' "$work/cfetch.1" >"$out"
