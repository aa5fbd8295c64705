# syntax=docker/dockerfile:1.1
# a frontend without RUN --mount: nothing to recommend
FROM python:3.12-slim
RUN pip install flask
