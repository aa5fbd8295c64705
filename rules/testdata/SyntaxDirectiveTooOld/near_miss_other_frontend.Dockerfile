# syntax=example.com/custom/frontend:2
FROM alpine:3.20
RUN --mount=type=cache,target=/root/.cache echo hi
