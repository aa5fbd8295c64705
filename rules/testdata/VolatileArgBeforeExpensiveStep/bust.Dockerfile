FROM debian:bookworm-slim
# want "VolatileArgBeforeExpensiveStep: ^ARG CACHEBUST is changed to force rebuilds"
ARG CACHEBUST
RUN apt-get update && apt-get install -y --no-install-recommends git
RUN echo "$CACHEBUST" && git clone https://example.com/repo.git /src
