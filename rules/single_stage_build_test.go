package rules

import "testing"

func TestBaseToolchain(t *testing.T) {
	cases := map[string]string{
		"golang:1.22":                                "golang",
		"docker.io/library/golang:1.22-alpine":       "golang",
		"golang@sha256:0123":                         "golang",
		"rust:slim":                                  "rust",
		"maven:3.9-eclipse-temurin-21":               "maven",
		"gradle:8-jdk21":                             "gradle",
		"eclipse-temurin:21-jdk":                     "jdk",
		"eclipse-temurin:21-jre":                     "",
		"openjdk:17":                                 "jdk",
		"openjdk:11-jre-slim":                        "",
		"mcr.microsoft.com/dotnet/sdk:8.0":           "dotnet",
		"mcr.microsoft.com/dotnet/aspnet:8.0":        "",
		"mcr.microsoft.com/dotnet/framework/sdk:4.8": "dotnet",
		"microsoft/dotnet:2.1-sdk":                   "dotnet",
		"node:20-slim":                               "node",
		"gcc:14":                                     "gcc",
		"buildpack-deps:bookworm":                    "",
		"python:3.12-slim":                           "",
		"mcr.microsoft.com/devcontainers/go:1.22":    "",
		"localhost:5000/team/golang:1.22":            "golang",
		"gcr.io/distroless/static-debian12:latest":   "",
	}
	for ref, want := range cases {
		if got := baseToolchain(ref); got != want {
			t.Errorf("baseToolchain(%q) = %q, want %q", ref, got, want)
		}
	}
}
