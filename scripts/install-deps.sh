#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs, only those missing. Boost is named by its
# 1.81 packages: the unversioned ones are 1.74, which has no Boost.JSON.
set -euo pipefail
packages=(
  g++ cmake ninja-build git
  libboost1.81-dev libboost-json1.81-dev libboost-log1.81-dev
  libboost-program-options1.81-dev libboost-test1.81-dev libboost-filesystem1.81-dev
  libcurl4-openssl-dev libcpp-httplib-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
