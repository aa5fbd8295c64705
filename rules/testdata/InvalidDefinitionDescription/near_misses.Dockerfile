# base is the common base stage
FROM alpine:3.20 AS base
# VERSION is the release to build
ARG VERSION=1
#CHANNEL without a space after the hash
ARG CHANNEL=stable

# An empty line separates this comment from the ARG. BuildKit v0.34.2 still
# reports it (its parser keeps comments across empty lines, against its own
# documentation); layerlint follows the documentation.

ARG LEVEL=3
# B and A: any of the keys may start the description
ARG A=1 B=2
# a bare # line ends the description
#
ARG C=3
# unnamed stages have no description
FROM alpine:3.20
