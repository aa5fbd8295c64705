# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN --mount=type=secret,id=foo /foo.sh
# want "ConsecutiveRunInstructions"
RUN --mount=type=secret,id=foo /bar.sh
# the same flags in another order
RUN --network=none --mount=type=cache,target=/root/.cache /a.sh
# want "ConsecutiveRunInstructions"
RUN --mount=type=cache,target=/root/.cache --network=none /b.sh
