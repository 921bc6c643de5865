#!/usr/bin/env bash
# The window's fonts: Source Sans 3 cut down to the scripts a US practice's records hold (Latin
# with its extensions and diacritics, Greek, Cyrillic, punctuation, currency, arrows, maths) and
# compressed as WOFF2: about 100 KB a face instead of 430 KB, so the first screen reads less.
# The PDFs keep embedding the full TTFs (src/pdf). Run again after changing a font; needs
# fonttools with brotli (`pip install fonttools brotli`), which the build itself does not.
set -euo pipefail
cd "$(dirname "$0")/../assets/fonts"
mkdir -p web
for face in Regular It Semibold Bold; do
    pyftsubset "SourceSans3-$face.ttf" \
        --unicodes="U+0000-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+2713,U+FEFF,U+FFFD" \
        --layout-features='*' --flavor=woff2 --output-file="web/SourceSans3-$face.woff2"
done
ls -l web
