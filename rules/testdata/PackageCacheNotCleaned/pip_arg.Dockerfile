FROM python:3.12-slim
# build arguments are in the environment of RUN too
ARG PIP_NO_CACHE_DIR=1
RUN pip install requests
