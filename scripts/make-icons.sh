#!/bin/sh
# Render the app icon PNGs in resources/icons/ from resources/icon.svg (48 px and up) and
# resources/icon-small.svg (16–32 px: the same design drawn on the pixel grid, so it stays legible).
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin). The PNGs are kept in the repo, so builds
# need no tool; run this again after editing either SVG.
set -eu
cd "$(dirname "$0")/../resources"
command -v rsvg-convert >/dev/null 2>&1 || {
  echo 'make-icons: rsvg-convert is missing (apt-get install librsvg2-bin)' >&2
  exit 1
}
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  source=icon.svg
  [ "$size" -le 32 ] && source=icon-small.svg
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$source" --output "icons/${size}x${size}.png"
done
echo "make-icons: wrote $(ls icons | wc -l) PNGs to resources/icons/"
