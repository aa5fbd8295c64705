FROM python:3.12-slim
RUN pip config set global.no-cache-dir false
RUN pip install requests
