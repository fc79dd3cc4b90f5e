// Package scaffold writes a new content repository: greenlight.hcl with the
// team's roles, stages and channels, an example post, the gate and publish
// workflows and a .gitignore, from templates embedded in the binary.
//
// It never overwrites: a file that exists is kept as it is and reported, so
// running it again, or in a repository that has some of the files, is safe.
// It knows nothing of the engine; the command validates what it renders.
package scaffold
