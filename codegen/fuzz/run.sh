#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 600), seeded from
# the project's fixtures and seed pages; new inputs go to target/corpus/<target>.
# cargo-fuzz needs -Z flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take them.
set -euo pipefail
cd "$(dirname "$0")"
secs="${SECONDS_PER_TARGET:-600}"
seeds() {
  case "$1" in
    read_html) echo ../tests/fixtures/html/payermax ../tests/fixtures/html/pingpong ;;
    read_markdown) echo ../tests/fixtures/md/payermax ../tests/fixtures/md/pingpong ../tests/fixtures/md/antom ../tests/pages ../tests/pages/real ;;
    read_text) echo ../../spec/pages ../tests/pages ../tests/pages/real ;;
    spec_yaml) echo ../../spec/payermax ../../spec/antom ../../spec/pingpong ;;
    page_to_code) echo ../../spec/pages ../tests/fixtures/md/antom ../tests/pages ../tests/pages/real ../tests/hostile ;;
  esac
}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_text read_markdown read_html spec_yaml page_to_code)
for t in "${targets[@]}"; do
  mkdir -p "target/corpus/$t"
  # shellcheck disable=SC2046
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "target/corpus/$t" $(seeds "$t") -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096
done
