#!/usr/bin/env bash
# Installs the Debian packages the PDF route needs (xelatex, pandoc, fonts, pdftotext) when missing.
# Usage: scripts/install-system-deps.sh [--browser] [--office]
#   --browser  adds Chromium, for the explorer's browser test
#   --office   adds LibreOffice Writer without its GUI (libreoffice-writer-nogui) and Liberation 2
#              (fonts-liberation2: Liberation Serif 2.x has the Vietnamese letters that 1.x lacks),
#              for the test that opens the Word report in a real office suite (marker "office")
# Uses sudo when not root. Idempotent: does nothing when every package is already installed.
set -euo pipefail

packages=(texlive-xetex texlive-fonts-recommended texlive-plain-generic lmodern fonts-texgyre
          fonts-liberation pandoc poppler-utils)
for option in "$@"; do
  case "$option" in
    --browser) packages+=(chromium) ;;
    --office) packages+=(libreoffice-writer-nogui fonts-liberation2) ;;
    *) echo "error: unknown option $option (expected --browser or --office)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
command -v apt-get >/dev/null || {
  echo "error: apt-get not found. Install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
}
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
