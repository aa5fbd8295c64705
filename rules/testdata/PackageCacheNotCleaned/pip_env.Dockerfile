FROM python:3.12-slim AS env
ENV PIP_NO_CACHE_DIR=1
RUN pip install requests

FROM env
# ENV is inherited from the parent stage
RUN pip install flask
