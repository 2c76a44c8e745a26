#!/usr/bin/env bash
# Build ShopInsight.app and a DMG on macOS (cannot run on Linux: PyInstaller does not cross-compile).
#   packaging/macos/build_macos.sh lite|full
# Needs: the venv with `pip install -e ".[package]"` (tensorflow for full; on Apple silicon the
# `tensorflow` wheel is arm64-native), Xcode command-line tools (hdiutil, codesign).
# Optional signing/notarisation: export CODESIGN_IDENTITY="Developer ID Application: …" and
# NOTARY_PROFILE=<a `xcrun notarytool store-credentials` profile>; unsigned apps need
# right-click ▸ Open on first launch (Gatekeeper).
set -euo pipefail
FLAVOUR="${1:-lite}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
VERSION="$("$PY" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
ARCH="$(uname -m)"

# 1. the .app bundle (the spec's BUNDLE step: Info.plist with the version, icon, .shop document type)
SHOPINSIGHT_FLAVOUR="$FLAVOUR" "$PY" -m PyInstaller --noconfirm --clean \
    --distpath "dist/$FLAVOUR" --workpath "build/$FLAVOUR" packaging/shopinsight.spec
APP="dist/$FLAVOUR/ShopInsight.app"
cp packaging/LICENSE.txt "$APP/Contents/Resources/LICENSE.txt"

# 2. sign (hardened runtime; TensorFlow and Qt need no special entitlements for CPU use)
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi

# 3. smoke: the frozen executable, offscreen
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/shopinsight" gui --smoke --json

# 4. the DMG: the app plus a link to /Applications, compressed (UDZO)
STAGE="build/$FLAVOUR/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/ShopInsight-$FLAVOUR-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "ShopInsight $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
    fi
fi
ls -l "$DMG"
