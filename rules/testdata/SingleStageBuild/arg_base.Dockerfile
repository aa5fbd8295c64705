# the base image is read with ARG defaults expanded
ARG RUST_VERSION=1.79
# want "SingleStageBuild: ships the rust toolchain"
FROM docker.io/library/rust:${RUST_VERSION}-slim
WORKDIR /app
COPY . .
RUN cargo build --release --locked
ENTRYPOINT ["/app/target/release/app"]
