#!/usr/bin/env bash
# Installs the Debian 12 packages talentflow needs to build and test.
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libisal-dev isal          # gzip: ISA-L inflate/deflate, igzip for the benchmark
    zlib1g-dev                # gzip fallback
    libsimdjson-dev           # JSON (On-Demand API)
    iso-codes                 # ISO 3166-1 country codes and names, and their translations
    fonts-noto-cjk            # Chinese glyphs for the report in zh-Hans / zh-Hant (browser test)
    libsqlite3-dev            # the results store
    libexpat1-dev             # ORCID XML records (streaming parser)
    libarchive-dev            # ORCID tarballs, read member by member
    # libarchive's own libraries, for linking talentflow statically (check-install.sh)
    libacl1-dev libzstd-dev liblz4-dev nettle-dev libxml2-dev liblzma-dev libbz2-dev
    liblapacke-dev libopenblas-dev  # linear algebra for the gravity model
    libcmocka-dev             # unit tests
    libopenmpi-dev openmpi-bin  # the distributed run (-DTF_WITH_MPI=ON) and its test
    python3 sqlite3           # test helpers
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
