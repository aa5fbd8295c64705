FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
# the lists stay in the layer above
# want "CleanupInLaterLayer: ^rm removes /var/lib/apt/lists, which the 'apt-get update' on line 2 filled"
RUN rm -rf /var/lib/apt/lists/*
# want "CleanupInLaterLayer: ^apt-get clean empties /var/cache/apt, which the 'apt-get install' on line 2 filled"
RUN apt-get clean
