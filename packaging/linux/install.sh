#!/bin/sh
# Install kindtray for you alone, under ~/.local: no root, no Python needed.
#   ./install.sh            (from the unpacked archive; run it again to upgrade)
# What goes where (every file is listed in ~/.local/lib/kindtray/installed-files.txt, which
# ~/.local/lib/kindtray/uninstall.sh reads to remove exactly those):
#   ~/.local/lib/kindtray/                     the program folder
#   ~/.local/bin/kindtray                      a link to it, for the terminal
#   $XDG_DATA_HOME/applications/, metainfo/, icons/hicolor/   (default ~/.local/share)
set -eu

APP_ID=io.github.kindtray.Kindtray
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/kindtray
bin=$HOME/.local/bin
manifest=$lib/installed-files.txt

[ -x "$here/kindtray/kindtray" ] || { echo "install.sh: no kindtray/ folder next to me" >&2; exit 1; }

# An earlier install is removed first, so an upgrade leaves nothing of the old one behind.
if [ -f "$manifest" ]; then
    sh "$lib/uninstall.sh" --upgrade
fi

entries=""
note() { entries="$entries$1
"; }

# mkdir -p that notes each directory it creates (outermost first), so uninstall can remove
# the ones that were not there before and are empty again.
make_dir() {
    missing=""
    d=$1
    while [ ! -d "$d" ]; do
        missing="$d
$missing"
        d=$(dirname "$d")
    done
    mkdir -p "$1"
    while IFS= read -r d; do
        if [ -n "$d" ]; then note "d $d"; fi
    done <<EOF
$missing
EOF
}

put() {  # put SOURCE TARGET: copy one file and note it
    make_dir "$(dirname "$2")"
    cp "$1" "$2"
    note "f $2"
}

make_dir "$lib"
cp -R "$here/kindtray/." "$lib/"
cp "$here/uninstall.sh" "$lib/uninstall.sh"

# The desktop entry runs the installed program by its full path: ~/.local/bin is not on
# every session's PATH.
make_dir "$data/applications"
sed -e "s|^Exec=kindtray|Exec=\"$lib/kindtray\"|" -e "s|^TryExec=kindtray|TryExec=$lib/kindtray|" \
    "$here/share/applications/$APP_ID.desktop" >"$data/applications/$APP_ID.desktop"
note "f $data/applications/$APP_ID.desktop"
put "$here/share/metainfo/$APP_ID.metainfo.xml" "$data/metainfo/$APP_ID.metainfo.xml"
icons=$(cd "$here/share/icons" && find hicolor -type f | sort)
while IFS= read -r icon; do
    if [ -n "$icon" ]; then put "$here/share/icons/$icon" "$data/icons/$icon"; fi
done <<EOF
$icons
EOF

make_dir "$bin"
if [ -L "$bin/kindtray" ] && [ "$(readlink "$bin/kindtray")" = "$lib/kindtray" ]; then
    note "l $bin/kindtray"
elif [ -e "$bin/kindtray" ] || [ -L "$bin/kindtray" ]; then
    echo "note: $bin/kindtray already exists and is not ours; left as it is" >&2
else
    ln -s "$lib/kindtray" "$bin/kindtray"
    note "l $bin/kindtray"
fi

# Menu and icon caches, only where the tools exist. A cache file these create is noted, so
# uninstall removes it again; an existing one is refreshed by uninstall instead.
if command -v update-desktop-database >/dev/null 2>&1; then
    [ -e "$data/applications/mimeinfo.cache" ] || note "f $data/applications/mimeinfo.cache"
    note "refresh-desktop $data/applications"
    update-desktop-database -q "$data/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    [ -e "$data/icons/hicolor/icon-theme.cache" ] || note "f $data/icons/hicolor/icon-theme.cache"
    note "refresh-icons $data/icons/hicolor"
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
fi

printf '%s' "$entries" >"$manifest"
echo "kindtray is installed in $lib; find it in your menu, or run: kindtray"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; the menu entry works anyway" ;;
esac
echo "To remove it: $lib/uninstall.sh"
