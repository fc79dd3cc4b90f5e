// Package facts builds the input document a policy sees for one post (the
// contract in policies/README.md): the post, each channel's measurements,
// style, compliance and embargo matches, tone, review facts and the
// config. Go measures here, once per post; the policies decide.
package facts
