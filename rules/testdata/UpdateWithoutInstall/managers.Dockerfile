FROM debian:bookworm AS apt
# want "UpdateWithoutInstall: ^apt-get update runs without apt-get install in the same RUN; later RUNs install from its cached, stale index$"
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

FROM ubuntu:24.04 AS apt-plain
# want "UpdateWithoutInstall: ^apt update runs without apt install"
RUN apt update
RUN apt install -y curl && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20 AS apk
# want "UpdateWithoutInstall: ^apk update runs without apk add"
RUN apk update
RUN apk add curl

FROM centos:7 AS yum
# want "UpdateWithoutInstall: ^yum makecache runs without yum install"
RUN yum makecache
RUN yum install -y curl && yum clean all

FROM fedora:40 AS dnf
# want "UpdateWithoutInstall: ^dnf makecache runs without dnf install"
RUN dnf -y makecache
RUN dnf install -y curl && dnf clean all

FROM opensuse/leap:15.6 AS zypper-ref
# want "UpdateWithoutInstall: ^zypper ref runs without zypper install"
RUN zypper --non-interactive ref
RUN zypper --non-interactive install curl && zypper clean --all

FROM opensuse/leap:15.6 AS zypper-refresh
# want "UpdateWithoutInstall: ^zypper refresh runs"
RUN zypper refresh
RUN zypper -n in curl && zypper cc
