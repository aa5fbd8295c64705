FROM fedora:40
RUN dnf install -y gcc
# want "CleanupInLaterLayer: ^dnf clean empties"
RUN dnf clean all
