package bundle

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// algorithm is the JWS algorithm a PEM key signs or verifies with, taken
// from the key itself (RSA: RS256, OPA's default; ECDSA: ES256, ES384 or
// ES512 by its curve; Ed25519: EdDSA), so that a config names a key file
// and nothing else, and a shared secret (HS256) is never accepted.
func algorithm(key []byte, private bool) (string, error) {
	block, _ := pem.Decode(key)
	if block == nil {
		return "", errors.New("not a PEM key")
	}
	var k any
	var err error
	switch {
	case private && block.Type == "PRIVATE KEY":
		k, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case private && block.Type == "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case private && block.Type == "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(block.Bytes)
	case !private && block.Type == "PUBLIC KEY":
		k, err = x509.ParsePKIXPublicKey(block.Bytes)
	case !private && block.Type == "RSA PUBLIC KEY":
		k, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case !private && block.Type == "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			k = cert.PublicKey
		}
	default:
		want := "a public key (PEM \"PUBLIC KEY\")"
		if private {
			want = "a private key (PEM \"PRIVATE KEY\")"
		}
		return "", fmt.Errorf("a PEM %q block, not %s", block.Type, want)
	}
	if err != nil {
		return "", err
	}
	switch k := k.(type) {
	case *rsa.PublicKey, *rsa.PrivateKey:
		return "RS256", nil
	case ed25519.PublicKey, ed25519.PrivateKey:
		return "EdDSA", nil
	case *ecdsa.PublicKey:
		return ecAlgorithm(k.Curve)
	case *ecdsa.PrivateKey:
		return ecAlgorithm(k.Curve)
	}
	return "", fmt.Errorf("a %T key; use RSA, ECDSA or Ed25519", k)
}

func ecAlgorithm(c elliptic.Curve) (string, error) {
	switch c {
	case elliptic.P256():
		return "ES256", nil
	case elliptic.P384():
		return "ES384", nil
	case elliptic.P521():
		return "ES512", nil
	}
	return "", fmt.Errorf("an ECDSA key on %s; use P-256, P-384 or P-521", c.Params().Name)
}
