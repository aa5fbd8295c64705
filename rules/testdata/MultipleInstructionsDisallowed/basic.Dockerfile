FROM python:3.12-slim
# want "MultipleInstructionsDisallowed: this CMD has no effect: the CMD at line 4"
CMD ["python", "-m", "http.server"]
CMD ["python", "app.py"]
# want "MultipleInstructionsDisallowed: this ENTRYPOINT"
ENTRYPOINT ["/bin/sh"]
ENTRYPOINT ["/entrypoint.sh"]
# want "MultipleInstructionsDisallowed: this HEALTHCHECK"
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
HEALTHCHECK --interval=30s \
    CMD curl -f http://localhost/health || exit 1
