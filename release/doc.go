// Package release holds no code: its folder is Greenlight's release tooling
// (build.sh, prepare.sh, install.sh and the sbom command), and its tests
// run install.sh, the Action's installer, against a local release server.
// It links nothing of Greenlight's, so its tests build in seconds.
package release
