#!/usr/bin/env sh
# Generic CI step for any system: lint the migrations this branch adds or changes compared
# with the base branch, print them for humans, keep machine-readable reports, and fail the
# build on errors (exit 1) or on a usage/config problem (exit 2).
#   BASE_REF        the branch to compare with (default origin/main)
#   MIGRATIONS_DIR  where the migrations live (default db/migrations)
#   REPORT_DIR      where reports go (default migrasafe-reports)
set -eu
BASE_REF="${BASE_REF:-origin/main}"
MIGRATIONS_DIR="${MIGRATIONS_DIR:-db/migrations}"
REPORT_DIR="${REPORT_DIR:-migrasafe-reports}"
MIGRASAFE="${MIGRASAFE:-npx --yes migrasafe}"
mkdir -p "$REPORT_DIR"
status=0
$MIGRASAFE lint "$MIGRATIONS_DIR" --base "$BASE_REF" --format stylish \
  --report "json:$REPORT_DIR/migrasafe.json" \
  --report "sarif:$REPORT_DIR/migrasafe.sarif" \
  --report "junit:$REPORT_DIR/migrasafe.xml" \
  --report "markdown:$REPORT_DIR/migrasafe.md" || status=$?
echo "migrasafe reports written to $REPORT_DIR (exit $status)"
exit "$status"
