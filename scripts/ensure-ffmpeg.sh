#!/usr/bin/env sh
# Installs Debian's ffmpeg for the watch browser test, which makes its test video at test time
# (`ffmpeg -f lavfi -i testsrc=...`, VP8/WebM: Debian's chromium has no proprietary codecs).
# Only the distribution package, and only when it is missing.
# Usage: scripts/ensure-ffmpeg.sh   (CI runs it before `npm test`; needs root or sudo).
set -eu

if command -v ffmpeg >/dev/null 2>&1; then
  echo "ffmpeg present: $(ffmpeg -hide_banner -version 2>/dev/null | head -n 1)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "ensure-ffmpeg: ffmpeg is missing and this user cannot install packages (no root, no sudo)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends ffmpeg

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "ensure-ffmpeg: apt-get finished but ffmpeg is still missing." >&2
  exit 1
fi
echo "ffmpeg installed: $(ffmpeg -hide_banner -version 2>/dev/null | head -n 1)"
