#!/bin/sh
# Regenerates the pandoc-made fixtures of packages/extractors (PPTX, ODT, EPUB, RTF) from their Markdown
# sources. Needs pandoc (Debian: apt-get install pandoc); tests never run pandoc, they read the
# committed outputs. Run from anywhere: sh packages/extractors/test-support/make-format-fixtures.sh
set -eu
cd "$(dirname "$0")/fixtures/formats"
# A fixed date keeps ZIP timestamps and metadata stable between runs.
export SOURCE_DATE_EPOCH=1767225600
pandoc slides.md -o slides.pptx
pandoc report.md -o report.odt
pandoc book.md -o book.epub
pandoc -s memo.md -o memo.rtf
ls -l slides.pptx report.odt book.epub memo.rtf
