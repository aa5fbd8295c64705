# one of each per stage, in different stages
FROM python:3.12-slim AS base
CMD ["python", "app.py"]
ENTRYPOINT ["/entrypoint.sh"]
FROM base AS child
CMD ["python", "other.py"]
