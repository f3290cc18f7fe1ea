#!/usr/bin/env bash
# Renders the extension icon media/icon.png (128 × 128, what the Marketplace shows) from its source
# media/icon.svg, then reduces it to a 64-colour palette (5.6 → 1.8 KB of the VSIX). Needs rsvg-convert
# and ImageMagick (Debian: apt-get install librsvg2-bin imagemagick). The PNG is committed: run this
# after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
rsvg-convert -w 128 -h 128 media/icon.svg -o media/icon.rgba.png
convert media/icon.rgba.png -strip -colors 64 PNG8:media/icon.png
rm media/icon.rgba.png
echo "media/icon.png: $(wc -c < media/icon.png) bytes"
