FROM alpine:3.20
# want "SecretsUsedInArgOrEnv: ARG GITHUB_TOKEN looks like a secret"
ARG GITHUB_TOKEN
# want "SecretsUsedInArgOrEnv: ENV DB_PASSWORD" "SecretsUsedInArgOrEnv: ENV api_key"
ENV DB_PASSWORD=changeme api_key=abc
# the whole name counts too
# want "SecretsUsedInArgOrEnv: ARG secret"
ARG secret=x
# want "SecretsUsedInArgOrEnv: ENV AUTH_HEADER"
ENV AUTH_HEADER="Bearer x"
