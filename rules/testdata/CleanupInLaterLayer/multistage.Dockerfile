FROM debian:bookworm-slim AS base
COPY installer.run /tmp/installer.run

FROM base AS final
# the parent stage's layers are part of the image
# want "CleanupInLaterLayer: ^rm removes /tmp/installer.run, which the COPY on line 2 added"
RUN sh /tmp/installer.run && rm /tmp/installer.run
COPY --from=base /tmp/installer.run /opt/
# want "CleanupInLaterLayer: COPY on line 8 added"
RUN rm /opt/installer.run
