FROM debian:bookworm AS build
# builder stages are checked too: recommends slow every uncached build
# want "MissingNoInstallRecommends"
RUN apt-get update && apt-get install -y gcc

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libc6
COPY --from=build /out /app
