#!/bin/sh
# Remove kindtray as install.sh put it in place: exactly the files, links and (now empty)
# directories listed in ~/.local/lib/kindtray/installed-files.txt, and the program folder.
# Your settings and practice history stay (see `kindtray paths`; delete them yourself if you
# wish), and so does a "start at login" entry if you turned that on in the settings.
set -eu

lib=$HOME/.local/lib/kindtray
manifest=$lib/installed-files.txt
upgrade=false
[ "${1:-}" = "--upgrade" ] && upgrade=true

if [ ! -f "$manifest" ]; then
    echo "uninstall.sh: kindtray is not installed in $lib (no $manifest)" >&2
    exit 1
fi

# A running kindtray is asked to quit first (exit status 3 just means it was not running).
"$lib/kindtray" quit >/dev/null 2>&1 || true

# Newest entry first: files before the directories they were put in, inner directories
# before outer ones.
entries=$(sed -n '1!G;h;$p' "$manifest")
rm -rf "$lib"
refresh_desktop=""
refresh_icons=""
while IFS= read -r entry; do
    kind=${entry%% *}
    path=${entry#* }
    case $kind in
        f | l) rm -f "$path" ;;
        d) rmdir "$path" 2>/dev/null || true ;;  # not empty: something else lives there now
        refresh-desktop) refresh_desktop=$path ;;
        refresh-icons) refresh_icons=$path ;;
    esac
done <<EOF
$entries
EOF

# Caches that existed before the install are refreshed so they forget kindtray.
if [ -n "$refresh_desktop" ] && [ -e "$refresh_desktop/mimeinfo.cache" ] \
    && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$refresh_desktop" || true
fi
if [ -n "$refresh_icons" ] && [ -e "$refresh_icons/icon-theme.cache" ] \
    && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$refresh_icons" || true
fi

if [ "$upgrade" = false ]; then
    echo "kindtray is removed. Your settings and practice history are kept (README, 'Privacy',"
    echo "says where they are)."
fi
