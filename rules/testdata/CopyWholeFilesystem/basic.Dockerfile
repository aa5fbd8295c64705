FROM golang:1.22 AS build
RUN go build -o /out/app .

# flattening into an empty stage
FROM scratch AS flat
COPY --from=build / /

FROM debian:bookworm-slim
# want "CopyWholeFilesystem: copies the whole filesystem of build over this stage's root"
COPY --from=build / /
# want "CopyWholeFilesystem"
COPY --from=build ["/", "/"]
COPY --from=build / /rootfs/
COPY --from=build /out/ /
COPY / /
