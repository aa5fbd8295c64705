FROM debian:bookworm-slim AS base
# want "FinalUserRoot: last USER \(stage base, which the final stage is built on\)"
USER 0:0

FROM base
RUN true
