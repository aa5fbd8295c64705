FROM python:3.12-slim
ARG FLASK_VERSION=3.0.3
RUN pip install flask==$FLASK_VERSION

# hadolint ignore=DL3013
RUN pip install flask

# hadolint ignore=DL3042
# want "PipPackageNotPinned"
RUN pip install flask
