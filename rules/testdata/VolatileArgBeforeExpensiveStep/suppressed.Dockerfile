FROM debian:bookworm-slim
# layerlint ignore=VolatileArgBeforeExpensiveStep the daily rebuild refreshes packages on purpose
ARG BUILD_DATE
RUN apt-get update && apt-get install -y --no-install-recommends curl
