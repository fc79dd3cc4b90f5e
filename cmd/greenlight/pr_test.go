package main

import (
	"testing"
)

// greenlight pr reads the API from GITHUB_API_URL as the Action does, and
// links findings to the web server that API belongs to.
func TestPREnvFindsTheServer(t *testing.T) {
	tests := []struct {
		name, api, server string
		wantAPI, wantURL  string
	}{
		{"github.com by default", "", "", "https://api.github.com", "https://github.com"},
		{"GitHub Enterprise Server", "https://ghe.example.com/api/v3/", "", "https://ghe.example.com/api/v3", "https://ghe.example.com"},
		{"GITHUB_SERVER_URL when set", "https://ghe.example.com/api/v3", "https://web.example.com", "https://ghe.example.com/api/v3", "https://web.example.com"},
		{"no links for an API it cannot place", "http://127.0.0.1:8080", "", "http://127.0.0.1:8080", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GITHUB_API_URL", tt.api)
			t.Setenv("GITHUB_SERVER_URL", tt.server)
			env := prEnv("acme/posts", "clone")
			if env.APIURL != tt.wantAPI || env.ServerURL != tt.wantURL || env.Repository != "acme/posts" || env.Workspace != "clone" {
				t.Errorf("env = %+v, want API %s and server %q", env, tt.wantAPI, tt.wantURL)
			}
			if env.EventName != "" || env.StepSummary != "" || env.Output != "" || env.RunID != "" {
				t.Errorf("env = %+v: a laptop's run has no event, step summary, outputs or run", env)
			}
		})
	}
}
