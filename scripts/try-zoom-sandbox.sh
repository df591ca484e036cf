#!/usr/bin/env bash
# Try detection and removal as a user would, without touching this machine's packages:
# builds a dummy `zoom` .deb (and a harmless `zoomer` decoy), installs both into a private dpkg database,
# and prints the commands to run against it. Needs dpkg-deb and dpkg (Debian/Ubuntu).
set -euo pipefail
dir=${1:-$(mktemp -d /tmp/attt-try-XXXXXX)}
mkdir -p "$dir/var/lib/dpkg/updates" "$dir/var/lib/dpkg/info" "$dir/home/Downloads" "$dir/data"
: > "$dir/var/lib/dpkg/status"
for spec in "zoom 6.2.5.2440 opt/zoom/ZoomLauncher" "zoomer 1.0 usr/share/doc/zoomer/README"; do
  set -- $spec
  tree="$dir/build/$1"
  mkdir -p "$tree/DEBIAN" "$tree/$(dirname "$3")"
  printf 'Package: %s\nVersion: %s\nArchitecture: amd64\nMaintainer: ATTT Self-Check <demo@example.invalid>\nDescription: dummy package for trying attt-selfcheck\n' "$1" "$2" > "$tree/DEBIAN/control"
  echo demo > "$tree/$3"
  dpkg-deb --root-owner-group --build "$tree" "$dir/build/$1.deb" >/dev/null
  dpkg --admindir="$dir/var/lib/dpkg" --instdir="$dir" --force-not-root --force-script-chrootless --log=/dev/null -i "$dir/build/$1.deb" >/dev/null
done
echo demo > "$dir/home/Downloads/zoom_amd64.deb"
cat <<MSG
A private dpkg database with a dummy zoom (and a zoomer decoy) is ready in $dir.
Run, from the project folder:
  export ATTT_SELFCHECK_DPKG_ADMINDIR=$dir/var/lib/dpkg HOME=$dir/home ATTT_SELFCHECK_DATA_DIR=$dir/data
  npm run check                          # violation, exit 2
  npm run check -- fix zoom --dry-run    # the plan, nothing changes
  npm run check -- fix zoom --yes        # removes it, then re-checks
  npm run check -- history               # what ran
MSG
