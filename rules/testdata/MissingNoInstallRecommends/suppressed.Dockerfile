FROM debian:bookworm-slim
# hadolint ignore=DL3015
RUN apt-get install -y curl
# layerlint ignore=MissingNoInstallRecommends the docs are wanted here
RUN apt-get install -y man-db
