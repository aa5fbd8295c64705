# hadolint ignore=DL3006
FROM ubuntu
# layerlint ignore=ImageTagMissing
FROM debian
# hadolint ignore=DL3007
# want "ImageTagMissing"
FROM alpine
