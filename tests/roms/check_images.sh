#!/bin/sh
# Checks that the ROM images assembled by this build equal the committed roms/*.bin, so that a
# build without cc65 (which uses the committed images) gets exactly the ROMs of the sources.
# Usage: check_images.sh FRESH_DIR COMMITTED_DIR   or   check_images.sh --no-cc65
if [ "$1" = "--no-cc65" ]; then
    echo "skipped: ca65/ld65 not installed, nothing freshly assembled to compare"
    exit 77
fi
fresh=$1 committed=$2 status=0
for rom in monitor basic; do
    if ! cmp -s "$fresh/$rom.bin" "$committed/$rom.bin"; then
        echo "$committed/$rom.bin differs from the image assembled from source ($fresh/$rom.bin):"
        cmp -l "$fresh/$rom.bin" "$committed/$rom.bin" 2>&1 | head -5
        echo "  refresh it with: cmake --build <build dir> --target update_rom_images"
        status=1
    else
        echo "$rom.bin: committed image matches the source"
    fi
done
exit $status
