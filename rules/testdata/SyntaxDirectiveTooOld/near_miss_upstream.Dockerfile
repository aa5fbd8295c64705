# syntax=docker/dockerfile-upstream:master
FROM alpine:3.20
RUN --device=nvidia.com/gpu=all nvidia-smi
