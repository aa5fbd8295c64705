FROM python:3.12-slim
# want "VolatileArgBeforeExpensiveStep: ^ARG VCS_REF"
ARG VCS_REF
ENV APP_REVISION=${VCS_REF}
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python -c "import os; print(os.environ['APP_REVISION'])" > /rev
