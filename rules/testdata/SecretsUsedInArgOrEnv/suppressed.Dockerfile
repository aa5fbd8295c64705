FROM alpine:3.20
# layerlint ignore=SecretsUsedInArgOrEnv a public test token
ARG GITHUB_TOKEN
# hadolint ignore=DL3064
ENV API_KEY=test
