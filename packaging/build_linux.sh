#!/usr/bin/env bash
# Build the Linux packages of one edition: the PyInstaller folder, a .tar.gz of it and a .deb.
#   packaging/build_linux.sh lite|full        (what `make package FLAVOUR=...` runs)
# Outputs in dist/:  <flavour>/shopinsight/ (the folder), shopinsight-<flavour>-<ver>-linux-x86_64.tar.gz,
# shopinsight-<flavour>_<ver>_amd64.deb, and build-<flavour>.json (seconds and sizes, for the README).
set -euo pipefail
FLAVOUR="${1:-lite}"
case "$FLAVOUR" in lite|full) ;; *) echo "usage: $0 lite|full" >&2; exit 2;; esac
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="$ROOT/dist"
WORK="$ROOT/build/$FLAVOUR"
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc | awk '{printf "%.1f", $1}'; }

# one version, from pyproject.toml; the frozen app reads it from the installed metadata,
# so that must agree (pip install -e . after a version bump)
VERSION="$("$PY" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
INSTALLED="$("$PY" -c 'from importlib.metadata import version;print(version("shopinsight"))')"
if [ "$VERSION" != "$INSTALLED" ]; then
    echo "pyproject.toml says $VERSION but the venv has shopinsight $INSTALLED: run .venv/bin/pip install -e ." >&2
    exit 1
fi
"$PY" -c 'import PyInstaller' 2>/dev/null || { echo "PyInstaller missing: .venv/bin/pip install -e '.[package]'" >&2; exit 1; }
if [ "$FLAVOUR" = full ]; then
    "$PY" -c 'import importlib.util as u,sys; sys.exit(u.find_spec("tensorflow") is None)' \
        || { echo "the full edition needs TensorFlow in the venv" >&2; exit 1; }
fi

echo "== ShopInsight $VERSION ($FLAVOUR): PyInstaller" >&2
t0=$(now)
SHOPINSIGHT_FLAVOUR="$FLAVOUR" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST/$FLAVOUR" --workpath "$WORK" packaging/shopinsight.spec
APPDIR="$DIST/$FLAVOUR/shopinsight"
cp packaging/LICENSE.txt "$APPDIR/LICENSE.txt"
t1=$(now)

echo "== .tar.gz" >&2
TGZ="$DIST/shopinsight-$FLAVOUR-$VERSION-linux-x86_64.tar.gz"
tar -C "$DIST/$FLAVOUR" -cf - shopinsight | gzip -6 > "$TGZ"
t2=$(now)

echo "== .deb" >&2
PKG="shopinsight-$FLAVOUR"
OTHER="shopinsight-$([ "$FLAVOUR" = lite ] && echo full || echo lite)"
STAGE="$WORK/deb"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/$PKG" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
         "$STAGE/usr/share/icons/hicolor/scalable/mimetypes"
cp -a "$APPDIR" "$STAGE/opt/shopinsight"
ln -s /opt/shopinsight/shopinsight "$STAGE/usr/bin/shopinsight"
install -m644 packaging/linux/shopinsight.desktop "$STAGE/usr/share/applications/shopinsight.desktop"
install -m644 packaging/linux/shopinsight-mime.xml "$STAGE/usr/share/mime/packages/shopinsight.xml"
install -m644 resources/icons/shopinsight.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/shopinsight.svg"
install -m644 resources/icons/shopinsight.svg \
    "$STAGE/usr/share/icons/hicolor/scalable/mimetypes/application-x-shopinsight-shop.svg"
for s in 16 24 32 48 64 128 256 512; do
    d="$STAGE/usr/share/icons/hicolor/${s}x${s}"
    mkdir -p "$d/apps" "$d/mimetypes"
    install -m644 "resources/icons/shopinsight-$s.png" "$d/apps/shopinsight.png"
    install -m644 "resources/icons/shopinsight-$s.png" "$d/mimetypes/application-x-shopinsight-shop.png"
done
install -m644 packaging/LICENSE.txt "$STAGE/usr/share/doc/$PKG/copyright"
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
# The desktop, MIME and icon caches are refreshed by dpkg file triggers (shared-mime-info,
# desktop-file-utils, hicolor-icon-theme): no maintainer scripts needed.
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $VERSION
Architecture: amd64
Maintainer: ShopInsight team <shopinsight@example.org>
Installed-Size: $INSTALLED_KB
Section: misc
Priority: optional
Provides: shopinsight
Conflicts: $OTHER, shopinsight
Replaces: $OTHER
Depends: libc6 (>= 2.36), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-randr0, libxcb-shape0, libxcb-xfixes0, libxcb-sync1, libxcb-shm0, libxcb-xkb1, libdbus-1-3, libglib2.0-0
Recommends: fonts-noto-cjk, shared-mime-info, desktop-file-utils
Description: Sales analytics for small shops ($FLAVOUR edition)
 Import your shop's sales exports, see how the shop is doing, forecast what
 you will sell, recommend products and find your best customers, on your own
 computer. Opens on a bundled sample shop (UCI Online Retail, CC BY 4.0).
 .
 The $FLAVOUR edition$([ "$FLAVOUR" = lite ] && echo " has every model except the neural networks (no TensorFlow)." || echo " includes TensorFlow for the neural-network models.")
CONTROL
find "$STAGE" -type d -exec chmod 755 {} +
DEB="$DIST/${PKG}_${VERSION}_amd64.deb"
# zstd (xz is several times slower here); level 9 (override: ZSTD_LEVEL=19 for ~5 % smaller, much slower)
dpkg-deb --root-owner-group -Zzstd -z"${ZSTD_LEVEL:-9}" --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"
t3=$(now)

size() { stat -c %s "$1"; }
FOLDER_BYTES=$(du -sb "$APPDIR" | cut -f1)
cat > "$DIST/build-$FLAVOUR.json" <<JSON
{"flavour": "$FLAVOUR", "version": "$VERSION", "built": "$(date -u +%FT%TZ)",
 "seconds": {"pyinstaller": $(secs "$t0" "$t1"), "tar_gz": $(secs "$t1" "$t2"), "deb": $(secs "$t2" "$t3"), "total": $(secs "$t0" "$t3")},
 "bytes": {"folder": $FOLDER_BYTES, "tar_gz": $(size "$TGZ"), "deb": $(size "$DEB")},
 "files": {"folder": "${APPDIR#$ROOT/}", "tar_gz": "${TGZ#$ROOT/}", "deb": "${DEB#$ROOT/}"}}
JSON
cat "$DIST/build-$FLAVOUR.json"
