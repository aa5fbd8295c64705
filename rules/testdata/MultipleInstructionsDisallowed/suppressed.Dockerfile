FROM python:3.12-slim
# hadolint ignore=DL4003
CMD ["python", "a.py"]
CMD ["python", "b.py"]
# the alias of the CMD case does not suppress the ENTRYPOINT case
# hadolint ignore=DL4003
# want "MultipleInstructionsDisallowed: this ENTRYPOINT"
ENTRYPOINT ["/a"]
ENTRYPOINT ["/b"]
