package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
)

// TestLSPSpeaksOnlyTheProtocolOnStdout runs `greenlight lsp` with an
// editor's messages on standard input: standard output must hold nothing
// but framed JSON-RPC messages, and the exit status follows the protocol.
func TestLSPSpeaksOnlyTheProtocolOnStdout(t *testing.T) {
	tests := []struct {
		name     string
		messages []string
		code     int
	}{
		{"a session that shuts down exits 0", []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
			`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
			`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
			`{"jsonrpc":"2.0","method":"exit"}`,
		}, 0},
		{"an exit without shutdown exits 1", []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
			`{"jsonrpc":"2.0","method":"exit"}`,
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			var in, out, errb bytes.Buffer
			for _, m := range tt.messages {
				fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(m), m)
			}
			root := newRoot(&out, &errb)
			root.SetIn(&in)
			root.SetArgs([]string{"lsp"})
			code := 0
			if err := root.ExecuteContext(t.Context()); err != nil {
				exit, ok := err.(exitError)
				if !ok {
					t.Fatalf("lsp: %v", err)
				}
				code = int(exit)
			}
			if code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.code, errb.String())
			}
			ids := map[string]json.RawMessage{}
			r := textproto.NewReader(bufio.NewReader(&out))
			for {
				h, err := r.ReadMIMEHeader()
				if err == io.EOF {
					break
				}
				n, convErr := strconv.Atoi(h.Get("Content-Length"))
				if err != nil || convErr != nil {
					t.Fatalf("stdout is not framed JSON-RPC: %v %v; stdout:\n%s", err, convErr, out.String())
				}
				body := make([]byte, n)
				if _, err := io.ReadFull(r.R, body); err != nil {
					t.Fatalf("short message: %v", err)
				}
				var m struct {
					JSONRPC string          `json:"jsonrpc"`
					ID      json.RawMessage `json:"id"`
					Result  json.RawMessage `json:"result"`
				}
				if err := json.Unmarshal(body, &m); err != nil || m.JSONRPC != "2.0" {
					t.Fatalf("not a JSON-RPC message: %s", body)
				}
				if m.ID != nil {
					ids[string(m.ID)] = m.Result
				}
			}
			if !strings.Contains(string(ids["1"]), `"serverInfo":{"name":"greenlight"`) {
				t.Errorf("initialize result = %s, want the server's name", ids["1"])
			}
		})
	}
}
