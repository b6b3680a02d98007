#!/bin/sh
# Vendor the web UI's front-end libraries from npm into the Python package.
#
#   cd web && ./build.sh
#
# Installs the exact versions pinned in package.json into web/node_modules and
# copies the minified builds (and their licences) into
# src/relaytrace/api/web/static/vendor/. The copied files are committed, so the
# package works without npm and nothing is fetched from a CDN at run time.
set -eu
cd "$(dirname "$0")"
npm install --no-audit --no-fund --ignore-scripts
dest=../src/relaytrace/api/web/static/vendor
mkdir -p "$dest"
cp node_modules/cytoscape/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp node_modules/cytoscape/LICENSE "$dest/cytoscape.LICENSE"
echo "vendored: $(ls "$dest")"
