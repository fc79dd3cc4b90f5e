// Package spell checks words against Hunspell dictionaries (.dic and
// .aff files) the way Vale's spelling rules do, and suggests corrections.
//
// A Dictionary indexes its entries by word and its affix rules by the
// text they add, once, when it is read; checking a word takes affixes off
// it and looks the stem up, as Hunspell does. A Checker combines
// dictionaries and ignore word lists. Both are immutable and shared by
// every post of a run. The affix reader is a port of Vale's internal/spell
// (itself derived from github.com/client9/gospell, MIT; see
// LICENSE.gospell); suggestions are Greenlight's own.
//
// English returns the embedded American English dictionary (Debian's
// hunspell-en-us, from SCOWL; see data/README.md).
package spell
