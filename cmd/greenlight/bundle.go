package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

func newBundle() *cobra.Command {
	var configPath, revision, output, signingKey string
	var fragments []string
	cmd := &cobra.Command{
		Use:   "bundle [PATH]",
		Short: "Pack a rulebook repository into a versioned, optionally signed OPA bundle",
		Long: "Bundle packs the rulebook in PATH (default .) into an OPA bundle, for content repositories to name in a\n" +
			"source block (bundle = \"https://…\"). The rulebook's own greenlight.hcl says what goes in: the folders its\n" +
			"policies, styles and vocabularies name. It is validated first, as greenlight validate does, and nothing is\n" +
			"written while it has a problem. Rego files become the bundle's modules; the other files ride as text in\n" +
			"its data (greenlight_rulebook.files). --fragment adds a config fragment (compliance, embargo, channel, rule\n" +
			"and voice blocks the content repositories take in with config = [...] in their source block); each is\n" +
			"checked as sync will read it. --revision is the manifest's revision: the version sync locks and the\n" +
			"Action's summary names. --signing-key signs it with OPA's .signatures.json (RSA, ECDSA or Ed25519 PEM\n" +
			"private key; a source verifies it with the public key in public_key). Bundles of the same files and\n" +
			"revision are byte for byte the same when unsigned or signed with RSA or Ed25519.",
		Example: "  greenlight bundle --revision v1.2.0 -o rulebook-v1.2.0.tar.gz\n" +
			"  greenlight bundle --revision \"$GITHUB_REF_NAME\" --signing-key rulebook-key.pem -o rulebook.tar.gz",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if revision == "" {
				cmd.PrintErrln("greenlight: bundle needs --revision, the rulebook's version (such as v1.2.0)")
				return exitInput
			}
			file, err := requiredConfig(cmd, configPath, args)
			if err != nil {
				return err
			}
			cfg, err := loadConfig(cmd, file, nil)
			if err != nil {
				return err
			}
			if len(cfg.Sources) > 0 {
				cmd.PrintErrf("greenlight: %s names source blocks; a rulebook's bundle carries its own folders only, so a rulebook names no other rulebook\n", relToCwd(cfg.File))
				return exitInput
			}
			if _, err := buildEngine(cmd, cfg, engine.Options{}); err != nil {
				return err
			}
			folders, err := rulebookFolders(cfg)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			for _, f := range fragments {
				rel, err := checkFragment(cfg, f)
				writeDiags(cmd, err)
				if err.HasErrors() {
					return exitInput
				}
				folders = append(folders, rel)
			}
			slices.Sort(folders)
			opts := bundle.Options{Revision: revision}
			if signingKey != "" {
				if opts.SigningKey, err = os.ReadFile(signingKey); err != nil {
					cmd.PrintErrf("greenlight: --signing-key: %v\n", err)
					return exitInput
				}
			}
			var b bytes.Buffer
			n, err := bundle.Build(&b, cfg.Dir, folders, opts)
			if err != nil {
				cmd.PrintErrf("greenlight: %v\n", err)
				return exitInput
			}
			if err := os.WriteFile(output, b.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write the bundle: %w", err)
			}
			signed := "unsigned"
			if signingKey != "" {
				signed = "signed"
			}
			cmd.Printf("wrote %s: revision %s, %d files from %v, %s, %s\n", output, revision, n, folders, signed, bundle.Digest(b.Bytes()))
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "the rulebook's greenlight.hcl (default: found in PATH or its parents)")
	cmd.Flags().StringVar(&revision, "revision", "", "the bundle's revision: the rulebook's version, such as v1.2.0 (required)")
	cmd.Flags().StringVarP(&output, "output", "o", "bundle.tar.gz", "the bundle file to write")
	cmd.Flags().StringVar(&signingKey, "signing-key", "", "PEM private key file to sign the bundle with (default: unsigned)")
	cmd.Flags().StringArrayVar(&fragments, "fragment", nil, "a config fragment to pack: a .hcl file inside the rulebook, relative to its folder (repeatable)")
	return cmd
}

// checkFragment reads a config fragment to pack, as sync will read it
// (see config.ParseFragment), and returns its slash path inside the
// rulebook; problems are located diagnostics.
func checkFragment(cfg *config.Config, name string) (string, hcl.Diagnostics) {
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cfg.Dir, name) // as the config's own paths
	}
	rel, err := filepath.Rel(cfg.Dir, abs)
	if err != nil || !insideFolder(cfg.Dir, abs) || !strings.HasSuffix(rel, ".hcl") {
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid --fragment",
			Detail: fmt.Sprintf("%s: a config fragment is a .hcl file inside the rulebook's folder (%s).", name, relToCwd(cfg.Dir))}}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid --fragment", Detail: err.Error()}}
	}
	rel = filepath.ToSlash(rel)
	_, diags := config.ParseFragment(&config.Source{Name: "bundle"}, rel, relToCwd(abs), data)
	return rel, diags
}

// rulebookFolders are the folders a rulebook's config names (policies,
// styles, vocabularies) as slash paths inside its folder, sorted; one
// outside it cannot be packed.
func rulebookFolders(cfg *config.Config) ([]string, error) {
	var out []string
	for _, dir := range append(append(slices.Clone(cfg.Settings.Policies), cfg.Settings.Styles...), cfg.Settings.Vocabularies...) {
		rel, err := filepath.Rel(cfg.Dir, cfg.Path(dir))
		if err != nil || !insideFolder(cfg.Dir, cfg.Path(dir)) {
			return nil, fmt.Errorf("%s names %q, outside the rulebook's folder: a bundle carries the rulebook's own folders", relToCwd(cfg.File), dir)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s names no policies, styles or vocabularies folder: nothing to pack", relToCwd(cfg.File))
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
